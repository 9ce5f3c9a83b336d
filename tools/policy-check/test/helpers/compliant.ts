/**
 * Compliant building blocks: each adds a resource and the companions our rules expect, so a
 * test can start from a passing stack and break exactly one thing.
 */
import { policyJson, ref, type StackBuilder } from './stack-builder';

export function secureBucket(stack: StackBuilder, name: string, options: { sse?: string; accessLogs?: boolean } = {}): StackBuilder {
  const bucket = ref('aws_s3_bucket', name, 'id');
  if (options.accessLogs ?? true) {
    stack.resource('aws_s3_bucket_logging', `${name}_logging`, { bucket, target_bucket: 'access-logs-bucket', target_prefix: `${name}/` });
  }
  return stack
    .resource('aws_s3_bucket', name, { bucket: `${name}-bucket` })
    .resource('aws_s3_bucket_server_side_encryption_configuration', `${name}_sse`, {
      bucket,
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: options.sse ?? 'aws:kms',
            ...(options.sse === 'AES256' ? {} : { kms_master_key_id: ref('aws_kms_key', 'key', 'arn') }),
          },
        },
      ],
    })
    .resource('aws_s3_bucket_versioning', `${name}_versioning`, { bucket, versioning_configuration: { status: 'Enabled' } })
    .resource('aws_s3_bucket_public_access_block', `${name}_pab`, {
      bucket,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    })
    .resource('aws_s3_bucket_policy', `${name}_policy`, {
      bucket,
      policy: policyJson([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [ref('aws_s3_bucket', name, 'arn'), `${ref('aws_s3_bucket', name, 'arn')}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
}

export function secureLoadBalancer(stack: StackBuilder, name = 'alb', options: { logBucket?: string } = {}): StackBuilder {
  return stack
    .resource('aws_security_group', `${name}_sg`, { name: `${name}-sg`, vpc_id: ref('aws_vpc', 'main', 'id') })
    .resource('aws_lb', name, {
      name,
      internal: false,
      load_balancer_type: 'application',
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
      security_groups: [ref('aws_security_group', `${name}_sg`, 'id')],
      subnets: [ref('aws_subnet', 'public_0', 'id'), ref('aws_subnet', 'public_1', 'id')],
      access_logs: { bucket: ref('aws_s3_bucket', options.logBucket ?? 'logs', 'id'), enabled: true },
    });
}

export function workerTask(stack: StackBuilder, name: string, container: Record<string, unknown>): StackBuilder {
  return stack.resource('aws_ecs_task_definition', name, {
    family: name,
    container_definitions: JSON.stringify([
      {
        name: 'app',
        image: `${ref('aws_ecr_repository', 'app', 'repository_url')}:3f2a9c1`,
        essential: true,
        readonlyRootFilesystem: true,
        environment: [{ name: 'LOG_LEVEL', value: 'info' }],
        ...container,
      },
    ]),
  });
}
