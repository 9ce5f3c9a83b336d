/** The default-encryption algorithms configured for a bucket (companion resource or inline block). */
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { block, blocks } from '../../terraform/values';
import { companionsOf } from './bucket-companions';

export function sseAlgorithms(stack: Stack, bucket: TerraformBlock): string[] {
  const configurations = [
    ...companionsOf(stack, bucket, 'aws_s3_bucket_server_side_encryption_configuration').map((c) => c.config),
    ...blocks(bucket.config['server_side_encryption_configuration']),
  ];
  return configurations.flatMap((configuration) =>
    blocks(configuration['rule']).flatMap((rule) => {
      const algorithm = block(rule['apply_server_side_encryption_by_default'])['sse_algorithm'];
      return typeof algorithm === 'string' ? [algorithm] : [];
    }),
  );
}
