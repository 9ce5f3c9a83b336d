/**
 * Resource types that hold data or identity which a delete or a replacement loses for good
 * (table items, objects, queued messages, key material, images that running tasks or a rollback
 * need, logs). `aws_s3_bucket` is a prefix: it also covers the bucket's policy, versioning, lifecycle
 * and object resources, whose loss silently weakens or deletes what the bucket keeps.
 */
const STATEFUL_TYPES = new Set([
  'aws_dynamodb_table',
  'aws_sqs_queue',
  'aws_kms_key',
  'aws_ecr_repository',
  'aws_cloudwatch_log_group',
  'aws_db_instance',
  'aws_efs_file_system',
]);
const STATEFUL_PREFIXES = ['aws_s3_bucket'];

/** RDS/Neptune/DocDB, DynamoDB and load balancers spell the same idea three ways. */
const PROTECTION_FLAGS = ['deletion_protection', 'deletion_protection_enabled', 'enable_deletion_protection'];

/** Why deleting or replacing this resource is dangerous, or null when it is not. */
export function statefulReason(type: string, before: unknown): string | null {
  if (STATEFUL_TYPES.has(type) || STATEFUL_PREFIXES.some((p) => type.startsWith(p))) {
    return `stateful resource type ${type}`;
  }
  if (typeof before === 'object' && before !== null) {
    const flag = PROTECTION_FLAGS.find((f) => (before as Record<string, unknown>)[f] === true);
    if (flag) return `${flag} is enabled on it`;
  }
  return null;
}
