import { secureBucket, secureLoadBalancer } from '../helpers/compliant';
import { findings, flagged, policyJson, ref, stackNamed } from '../helpers/stack-builder';

const bucketRef = (name: string, attribute = 'id') => ref('aws_s3_bucket', name, attribute);

describe('CKV_AWS_19', () => {
  it('catches a bucket without a server-side encryption configuration', () => {
    expect(flagged('CKV_AWS_19', stackNamed().resource('aws_s3_bucket', 'raw', { bucket: 'raw' }))).toEqual(['aws_s3_bucket.raw']);
  });

  it('passes a bucket with a companion SSE configuration, matched by reference or by literal name', () => {
    expect(flagged('CKV_AWS_19', secureBucket(stackNamed(), 'data'))).toEqual([]);
    const byName = stackNamed()
      .resource('aws_s3_bucket', 'named', { bucket: 'named-bucket' })
      .resource('aws_s3_bucket_server_side_encryption_configuration', 'sse', {
        bucket: 'named-bucket',
        rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      });
    expect(flagged('CKV_AWS_19', byName)).toEqual([]);
  });

  it('does not credit another bucket\'s encryption configuration', () => {
    const stack = secureBucket(stackNamed(), 'data').resource('aws_s3_bucket', 'other', { bucket: 'other' });
    expect(flagged('CKV_AWS_19', stack)).toEqual(['aws_s3_bucket.other']);
  });
});

describe('CKV_AWS_145', () => {
  it('catches a bucket encrypted with AES256', () => {
    expect(findings('CKV_AWS_145', secureBucket(stackNamed(), 'data', { sse: 'AES256' }))).toEqual([
      'aws_s3_bucket.data: bucket is encrypted with AES256, not KMS',
    ]);
  });

  it('passes KMS buckets and AES256 load balancer log buckets (ELB only supports SSE-S3)', () => {
    expect(flagged('CKV_AWS_145', secureBucket(stackNamed(), 'data'))).toEqual([]);
    const logs = secureLoadBalancer(secureBucket(stackNamed(), 'logs', { sse: 'AES256' }), 'alb', { logBucket: 'logs' });
    expect(flagged('CKV_AWS_145', logs)).toEqual([]);
  });
});

describe('CKV_AWS_21', () => {
  it('catches a bucket without versioning and one with versioning suspended', () => {
    const stack = stackNamed()
      .resource('aws_s3_bucket', 'none', { bucket: 'none' })
      .resource('aws_s3_bucket', 'suspended', { bucket: 'suspended' })
      .resource('aws_s3_bucket_versioning', 'v', { bucket: bucketRef('suspended'), versioning_configuration: { status: 'Suspended' } });
    expect(findings('CKV_AWS_21', stack)).toEqual([
      'aws_s3_bucket.none: bucket has no versioning configuration',
      'aws_s3_bucket.suspended: bucket versioning status is Suspended',
    ]);
  });

  it('passes a companion versioning resource (matched through .bucket too) and inline versioning', () => {
    const stack = stackNamed()
      .resource('aws_s3_bucket', 'state', { bucket: 'state' })
      .resource('aws_s3_bucket_versioning', 'v', { bucket: bucketRef('state', 'bucket'), versioning_configuration: [{ status: 'Enabled' }] })
      .resource('aws_s3_bucket', 'legacy', { bucket: 'legacy', versioning: { enabled: true } });
    expect(flagged('CKV_AWS_21', stack)).toEqual([]);
  });
});

describe.each([
  ['CKV_AWS_53', 'block_public_acls'],
  ['CKV_AWS_54', 'block_public_policy'],
  ['CKV_AWS_55', 'ignore_public_acls'],
  ['CKV_AWS_56', 'restrict_public_buckets'],
])('%s', (ruleId, flag) => {
  it(`catches a public access block with ${flag} false or missing`, () => {
    const base = secureBucket(stackNamed(), 'data').json();
    const pab = (base.resource as Record<string, Record<string, Record<string, unknown>>>)['aws_s3_bucket_public_access_block']['data_pab'];
    const off = stackNamed().resource('aws_s3_bucket_public_access_block', 'off', { ...pab, [flag]: false });
    const missing = stackNamed().resource('aws_s3_bucket_public_access_block', 'missing', { ...pab, [flag]: undefined });
    expect(findings(ruleId, off)).toEqual([`aws_s3_bucket_public_access_block.off: ${flag} is not true`]);
    expect(flagged(ruleId, missing)).toEqual(['aws_s3_bucket_public_access_block.missing']);
  });

  it('passes a block with all four flags true', () => {
    expect(flagged(ruleId, secureBucket(stackNamed(), 'data'))).toEqual([]);
  });
});

describe('CKV2_AWS_6', () => {
  it('catches a bucket with no public access block', () => {
    expect(flagged('CKV2_AWS_6', stackNamed().resource('aws_s3_bucket', 'open', { bucket: 'open' }))).toEqual(['aws_s3_bucket.open']);
  });

  it('passes a bucket with its own block, or any bucket under an account-wide block', () => {
    expect(flagged('CKV2_AWS_6', secureBucket(stackNamed(), 'data'))).toEqual([]);
    const account = stackNamed()
      .resource('aws_s3_bucket', 'open', { bucket: 'open' })
      .resource('aws_s3_account_public_access_block', 'account', { block_public_acls: true });
    expect(flagged('CKV2_AWS_6', account)).toEqual([]);
  });
});

describe('PLAT_S3_TLS_ONLY', () => {
  it('catches a bucket without a policy, and one whose policy only allows', () => {
    const stack = stackNamed()
      .resource('aws_s3_bucket', 'bare', { bucket: 'bare' })
      .resource('aws_s3_bucket', 'site', { bucket: 'site' })
      .resource('aws_s3_bucket_policy', 'p', {
        bucket: bucketRef('site'),
        policy: policyJson([{ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: '*' }]),
      });
    expect(findings('PLAT_S3_TLS_ONLY', stack)).toEqual([
      'aws_s3_bucket.bare: bucket has no bucket policy, so plain-HTTP requests are not denied',
      'aws_s3_bucket.site: bucket policy has no Deny when aws:SecureTransport is false',
    ]);
  });

  it('catches a Deny on SecureTransport that is limited to one principal', () => {
    const stack = stackNamed()
      .resource('aws_s3_bucket', 'b', { bucket: 'b' })
      .resource('aws_s3_bucket_policy', 'p', {
        bucket: bucketRef('b'),
        policy: policyJson([
          { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::000000000000:role/x' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ]),
      });
    expect(flagged('PLAT_S3_TLS_ONLY', stack)).toEqual(['aws_s3_bucket.b']);
  });

  it('passes a JSON policy with the TLS deny, and a policy built by data.aws_iam_policy_document', () => {
    expect(flagged('PLAT_S3_TLS_ONLY', secureBucket(stackNamed(), 'data'))).toEqual([]);
    const viaData = stackNamed()
      .resource('aws_s3_bucket', 'b', { bucket: 'b' })
      .data('aws_iam_policy_document', 'tls', {
        statement: [
          {
            effect: 'Deny',
            actions: ['s3:*'],
            resources: [bucketRef('b', 'arn')],
            principals: [{ type: '*', identifiers: ['*'] }],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      })
      .resource('aws_s3_bucket_policy', 'p', { bucket: bucketRef('b'), policy: '${data.aws_iam_policy_document.tls.json}' });
    expect(flagged('PLAT_S3_TLS_ONLY', viaData)).toEqual([]);
  });
});

describe('CKV_AWS_18', () => {
  const logged = (builder: ReturnType<typeof stackNamed>) =>
    secureBucket(secureBucket(builder, 'data', { accessLogs: false }), 'access_logs', { sse: 'AES256', accessLogs: false }).resource('aws_s3_bucket_logging', 'data_logging', {
      bucket: ref('aws_s3_bucket', 'data', 'id'),
      target_bucket: ref('aws_s3_bucket', 'access_logs', 'id'),
      target_prefix: 'data/',
    });

  it('catches a bucket without server access logging', () => {
    expect(findings('CKV_AWS_18', secureBucket(stackNamed(), 'state', { accessLogs: false }))).toEqual(['aws_s3_bucket.state: bucket has no server access logging']);
  });

  it('passes a logged bucket, its log target and a load balancer log bucket', () => {
    expect(flagged('CKV_AWS_18', logged(stackNamed()))).toEqual([]);
    expect(flagged('CKV_AWS_18', secureLoadBalancer(secureBucket(stackNamed(), 'logs', { sse: 'AES256', accessLogs: false }), 'alb', { logBucket: 'logs' }))).toEqual([]);
    // The S3 access log target may use SSE-S3 (CKV_AWS_145), as S3 log delivery requires.
    expect(flagged('CKV_AWS_145', logged(stackNamed()))).toEqual([]);
  });
});
