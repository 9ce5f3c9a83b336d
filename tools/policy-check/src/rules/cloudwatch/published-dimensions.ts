/**
 * The dimension sets AWS publishes for the metrics our alarms use (from each service's
 * "CloudWatch metrics" page). An alarm on any other combination sees no data: it never fires,
 * or sits in INSUFFICIENT_DATA. Order inside a set does not matter.
 */
type DimensionSets = readonly (readonly string[])[];

const ALB_LB: DimensionSets = [['LoadBalancer'], ['LoadBalancer', 'AvailabilityZone']];
const ALB_TARGET: DimensionSets = [...ALB_LB, ['LoadBalancer', 'TargetGroup'], ['LoadBalancer', 'TargetGroup', 'AvailabilityZone']];
const ALB_HOSTS: DimensionSets = [['LoadBalancer', 'TargetGroup'], ['LoadBalancer', 'TargetGroup', 'AvailabilityZone']];
const ECS_SERVICE: DimensionSets = [['ClusterName'], ['ClusterName', 'ServiceName']];
const CONTAINER_INSIGHTS: DimensionSets = [['ClusterName'], ['ClusterName', 'ServiceName'], ['ClusterName', 'TaskDefinitionFamily']];
const TABLE: DimensionSets = [['TableName'], ['TableName', 'GlobalSecondaryIndexName']];
const TABLE_OPERATION: DimensionSets = [['TableName', 'Operation']];
const QUEUE: DimensionSets = [['QueueName']];
const SCHEDULER: DimensionSets = [[], ['ScheduleGroup']];

function each(metrics: readonly string[], sets: DimensionSets): Record<string, DimensionSets> {
  return Object.fromEntries(metrics.map((metric) => [metric, sets]));
}

export const PUBLISHED_DIMENSIONS: Readonly<Record<string, Readonly<Record<string, DimensionSets>>>> = {
  'AWS/DynamoDB': {
    SystemErrors: TABLE_OPERATION,
    ThrottledRequests: TABLE_OPERATION,
    SuccessfulRequestLatency: TABLE_OPERATION,
    ReturnedItemCount: TABLE_OPERATION,
    // Account and region level: no dimensions.
    UserErrors: [[]],
    ...each(['ReadThrottleEvents', 'WriteThrottleEvents', 'ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits'], TABLE),
    ConditionalCheckFailedRequests: [['TableName']],
  },
  'AWS/SQS': each(
    [
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesDelayed',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesVisible',
      'NumberOfEmptyReceives',
      'NumberOfMessagesDeleted',
      'NumberOfMessagesReceived',
      'NumberOfMessagesSent',
      'SentMessageSize',
    ],
    QUEUE,
  ),
  'AWS/ApplicationELB': {
    ...each(
      ['HTTPCode_ELB_5XX_Count', 'HTTPCode_ELB_4XX_Count', 'ActiveConnectionCount', 'NewConnectionCount', 'RejectedConnectionCount', 'ProcessedBytes', 'ConsumedLCUs', 'ClientTLSNegotiationErrorCount'],
      ALB_LB,
    ),
    ...each(['HTTPCode_Target_2XX_Count', 'HTTPCode_Target_3XX_Count', 'HTTPCode_Target_4XX_Count', 'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'TargetConnectionErrorCount', 'RequestCount'], ALB_TARGET),
    ...each(['HealthyHostCount', 'UnHealthyHostCount'], ALB_HOSTS),
    RequestCountPerTarget: [['TargetGroup'], ...ALB_HOSTS],
  },
  'AWS/ECS': each(['CPUUtilization', 'MemoryUtilization', 'CPUReservation', 'MemoryReservation'], ECS_SERVICE),
  'ECS/ContainerInsights': each(
    ['RunningTaskCount', 'DesiredTaskCount', 'PendingTaskCount', 'CpuUtilized', 'CpuReserved', 'MemoryUtilized', 'MemoryReserved', 'NetworkRxBytes', 'NetworkTxBytes', 'TaskCount', 'ServiceCount'],
    CONTAINER_INSIGHTS,
  ),
  'AWS/Scheduler': each(['InvocationAttemptCount', 'TargetErrorCount', 'TargetErrorThrottledCount', 'InvocationThrottleCount', 'InvocationDroppedCount', 'InvocationsSentToDeadLetterCount'], SCHEDULER),
};

/** Namespaces AWS owns: a metric there must be in the table. Anything else is a custom namespace. */
export function isAwsNamespace(namespace: string): boolean {
  return namespace.startsWith('AWS/') || namespace in PUBLISHED_DIMENSIONS;
}
