import { readPolicyDocument, isPublicPrincipal, type PolicyStatement } from '../../documents/policy-document';
import { finding, type Rule } from '../../rule';
import { buckets, companionsOf } from './bucket-companions';

/** A Deny for everyone when aws:SecureTransport is false: plain-HTTP requests are refused. */
function deniesInsecureTransport(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'Deny' &&
    isPublicPrincipal(statement.principals) &&
    statement.conditions.some(
      (condition) =>
        condition.test.toLowerCase() === 'bool' &&
        condition.variable.toLowerCase() === 'aws:securetransport' &&
        condition.values.some((value) => value.toLowerCase() === 'false'),
    )
  );
}

export const bucketTlsOnly: Rule = {
  id: 'PLAT_S3_TLS_ONLY',
  title: 'S3 bucket policy denies requests without TLS (aws:SecureTransport)',
  severity: 'high',
  category: 'transport',
  references: {},
  remediation:
    'Add an aws_s3_bucket_policy with a Deny statement for Principal "*", Action "s3:*", the bucket and its objects, when Bool aws:SecureTransport is "false".',
  check: (stack) =>
    buckets(stack).flatMap((bucket) => {
      const policies = companionsOf(stack, bucket, 'aws_s3_bucket_policy');
      const inline = bucket.config['policy'];
      const documents = [...policies.map((p) => p.config['policy']), ...(inline === undefined ? [] : [inline])].map(
        (value) => readPolicyDocument(stack, value),
      );
      if (documents.some((doc) => doc.parsed && doc.statements.some(deniesInsecureTransport))) return [];
      const unread = documents.find((doc) => !doc.parsed);
      const why =
        documents.length === 0
          ? 'bucket has no bucket policy, so plain-HTTP requests are not denied'
          : unread && !unread.parsed
            ? `bucket policy could not be read (${unread.reason})`
            : 'bucket policy has no Deny when aws:SecureTransport is false';
      return [finding(bucket, why)];
    }),
};
