import { finding, type Rule } from '../../rule';
import { isJsonObject } from '../../terraform/terraform-json';
import { block, blocks } from '../../terraform/values';
import { isAwsNamespace, PUBLISHED_DIMENSIONS } from './published-dimensions';

interface MetricRef {
  readonly where: string;
  readonly namespace: unknown;
  readonly metricName: unknown;
  readonly dimensions: readonly string[];
}

function dimensionNames(value: unknown): string[] {
  return isJsonObject(value) ? Object.keys(value).sort() : [];
}

/** The alarm's metric, or each metric of a metric-math alarm's queries. */
function metricsOf(config: Record<string, unknown>): MetricRef[] {
  const queries = blocks(config['metric_query']);
  if (queries.length === 0) {
    return [{ where: 'metric', namespace: config['namespace'], metricName: config['metric_name'], dimensions: dimensionNames(config['dimensions']) }];
  }
  return queries
    .filter((query) => query['metric'] !== undefined)
    .map((query) => {
      const metric = block(query['metric']);
      return {
        where: `metric_query ${String(query['id'] ?? '?')}`,
        namespace: metric['namespace'],
        metricName: metric['metric_name'],
        dimensions: dimensionNames(metric['dimensions']),
      };
    });
}

function problem(metric: MetricRef): string | undefined {
  if (typeof metric.namespace !== 'string' || typeof metric.metricName !== 'string') return undefined;
  if (metric.namespace.includes('${') || metric.metricName.includes('${')) return undefined;
  if (!isAwsNamespace(metric.namespace)) return undefined;
  const sets = PUBLISHED_DIMENSIONS[metric.namespace]?.[metric.metricName];
  const name = `${metric.namespace} ${metric.metricName}`;
  if (!sets) return `${metric.where}: ${name} is not in the table of metrics AWS publishes that this check knows (add it with its documented dimension sets)`;
  const given = [...metric.dimensions].sort().join('+');
  if (sets.some((set) => [...set].sort().join('+') === given)) return undefined;
  const expected = sets.map((set) => (set.length === 0 ? '(none)' : set.join('+'))).join(' or ');
  return `${metric.where}: ${name} with dimensions ${given || '(none)'} is never published; AWS publishes it with ${expected}`;
}

/**
 * An alarm only sees data for a namespace/metric/dimension combination AWS actually publishes;
 * any other combination leaves it silent (DynamoDB SystemErrors, for one, comes per TableName and
 * Operation, never per TableName alone). Metric-math alarms are checked per metric query. Custom
 * namespaces (EMF metrics of our own apps) are not checked.
 */
export const alarmPublishedDimensions: Rule = {
  id: 'PLAT_CW_ALARM_DIMENSIONS',
  title: 'CloudWatch alarm metrics use a dimension set AWS publishes',
  severity: 'high',
  category: 'logging',
  references: {},
  remediation:
    'Use the documented dimensions, e.g. a metric-math alarm summing SystemErrors over TableName+Operation for each operation the app calls, or a metric that is published per TableName.',
  check: (stack) =>
    stack.ofType('aws_cloudwatch_metric_alarm').flatMap((alarm) =>
      metricsOf(alarm.config)
        .map(problem)
        .filter((message): message is string => message !== undefined)
        .map((message) => finding(alarm, message)),
    ),
};
