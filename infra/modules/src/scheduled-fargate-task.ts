import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { EncryptionKey } from './encryption-key';
import { FargateCluster } from './fargate-cluster';
import { restrictTaskEgress } from './task-egress';
import { FargateTaskDefinition, FargateTaskDefinitionProps } from './fargate-task-definition';
import { denyInsecureTransport, policyDocument } from './iam-policy';
import { Network } from './network';
import { requireIntegerInRange, requireMatch } from './validation';

export interface ScheduledFargateTaskProps extends Omit<FargateTaskDefinitionProps, 'healthCheck' | 'containerPort'> {
  readonly cluster: FargateCluster;
  readonly network: Network;
  readonly accountId: string;
  /** EventBridge Scheduler expression: `cron(0 3 * * ? *)` or `rate(1 hour)`, evaluated in UTC. */
  readonly schedule: string;
  /** Retries of a failed RunTask call (0..185). @default 2 */
  readonly maximumRetryAttempts?: number;
  /** How long a run may wait to be started (60..86400 s). @default 3600 */
  readonly maximumEventAgeSeconds?: number;
  /** Key of the failed-runs queue (the environment's key for queues). */
  readonly queueKey: EncryptionKey;
}

/**
 * An ECS task that EventBridge Scheduler runs on a schedule (RunTask on Fargate, private subnets,
 * no public IP, egress on 443 only), with a retry policy. Everything that goes wrong lands in one
 * encrypted queue, `failedRunsQueue`: invocations Scheduler gave up on (its dead-letter queue)
 * and runs that stopped with a non-zero exit code (an EventBridge rule on ECS task state
 * changes), so one alarm on that queue covers both.
 */
export class ScheduledFargateTask extends Construct {
  readonly task: FargateTaskDefinition;
  readonly schedule: SchedulerSchedule;
  readonly scheduleGroupName: string;
  readonly failedRunsQueue: SqsQueue;
  readonly failedRunsQueueName: string;
  readonly failedRunsRule: CloudwatchEventRule;
  readonly securityGroupId: string;
  readonly clusterName: string;

  constructor(scope: Construct, id: string, props: ScheduledFargateTaskProps) {
    super(scope, id);
    const name = 'ScheduledFargateTask';
    const expression = requireMatch(
      name,
      'schedule',
      props.schedule,
      /^(cron\([^)]+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/,
      'cron(...) or rate(<n> minutes|hours|days)',
    );
    const retries = requireIntegerInRange(name, 'maximumRetryAttempts', props.maximumRetryAttempts ?? 2, 0, 185);
    const maxAge = requireIntegerInRange(name, 'maximumEventAgeSeconds', props.maximumEventAgeSeconds ?? 3600, 60, 86400);
    this.clusterName = props.cluster.clusterName;

    this.task = new FargateTaskDefinition(this, 'task', props);

    const sg = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-task`,
      description: `${props.namePrefix} scheduled task: no ingress, HTTPS egress to AWS APIs`,
      vpcId: props.network.vpcId,
    });
    this.securityGroupId = sg.id;
    restrictTaskEgress(this, sg.id, props.network, 'egress');

    this.failedRunsQueue = new SqsQueue(this, 'failed-runs', {
      name: `${props.namePrefix}-failed-runs`,
      messageRetentionSeconds: 14 * 24 * 3600,
      kmsMasterKeyId: props.queueKey.keyArn,
      kmsDataKeyReusePeriodSeconds: 300,
    });
    this.failedRunsQueueName = this.failedRunsQueue.name;

    const group = new SchedulerScheduleGroup(this, 'group', { name: props.namePrefix });
    this.scheduleGroupName = group.name;
    const family = `arn:aws:ecs:${props.region}:${props.accountId}:task-definition/${props.namePrefix}`;
    const role = new IamRole(this, 'scheduler-role', {
      name: `${props.namePrefix}-scheduler`,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
      ]),
    });
    const rolePolicy = new IamRolePolicy(this, 'scheduler-policy', {
      role: role.id,
      name: 'run-task',
      policy: policyDocument([
        // Any revision of this family: the schedule follows the task definition as it is redeployed.
        { Sid: 'RunTask', Effect: 'Allow', Action: ['ecs:RunTask'], Resource: [`${family}:*`], Condition: { ArnEquals: { 'ecs:cluster': props.cluster.clusterArn } } },
        {
          Sid: 'PassTaskRoles',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: [this.task.executionRoleArn, this.task.taskRoleArn],
          Condition: { StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
        { Sid: 'DeadLetter', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [this.failedRunsQueue.arn] },
        { Sid: 'DeadLetterKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [props.queueKey.keyArn] },
      ]),
    });

    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name: props.namePrefix,
      groupName: group.name,
      scheduleExpression: expression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.cluster.clusterArn,
        roleArn: role.arn,
        ecsParameters: {
          taskDefinitionArn: this.task.taskDefinitionArn,
          taskCount: 1,
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }],
          platformVersion: 'LATEST',
          enableEcsManagedTags: true,
          propagateTags: 'TASK_DEFINITION',
          networkConfiguration: { subnets: props.network.privateSubnetIds, securityGroups: [sg.id], assignPublicIp: false },
        },
        retryPolicy: { maximumRetryAttempts: retries, maximumEventAgeInSeconds: maxAge },
        deadLetterConfig: { arn: this.failedRunsQueue.arn },
      },
      dependsOn: [rolePolicy, this.task.executionPolicy],
    });

    // A run that started but exited non-zero: ECS reports it as a task state change.
    this.failedRunsRule = new CloudwatchEventRule(this, 'failed-runs-rule', {
      name: `${props.namePrefix}-failed-runs`,
      description: `${props.namePrefix} runs that stopped with a non-zero exit code`,
      eventPattern: JSON.stringify({
        source: ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        detail: {
          clusterArn: [props.cluster.clusterArn],
          lastStatus: ['STOPPED'],
          taskDefinitionArn: [{ prefix: `${family}:` }],
          containers: { exitCode: [{ 'anything-but': 0 }] },
        },
      }),
    });
    new CloudwatchEventTarget(this, 'failed-runs-target', { rule: this.failedRunsRule.name, arn: this.failedRunsQueue.arn });
    new SqsQueuePolicy(this, 'failed-runs-policy', {
      queueUrl: this.failedRunsQueue.url,
      policy: policyDocument([
        denyInsecureTransport('DenyInsecureTransport', [this.failedRunsQueue.arn], 'sqs:*'),
        {
          Sid: 'FailedRunEvents',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: this.failedRunsQueue.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': this.failedRunsRule.arn } },
        },
      ]),
    });
  }
}
