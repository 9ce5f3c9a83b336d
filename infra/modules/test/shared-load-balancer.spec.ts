import { SharedLoadBalancerProps } from '../src';
import { buildLoadBalancer, serviceFixtures } from './fixtures';
import { ACCOUNT_ID, newStack, only, resources, synth } from './support';

const CERT = `arn:aws:acm:eu-west-1:${ACCOUNT_ID}:certificate/abc-123`;

function build(override: Partial<SharedLoadBalancerProps> = {}) {
  const stack = newStack();
  const alb = buildLoadBalancer(stack, serviceFixtures(stack), override);
  return { alb, json: synth(stack) };
}

describe('SharedLoadBalancer', () => {
  it('serves HTTP only without a certificate, answering 404 problem+json where no service rule matches', () => {
    const { json, alb } = build();
    const listener = only(json, 'aws_lb_listener');
    expect(listener).toMatchObject({ port: 80, protocol: 'HTTP' });
    expect(listener.default_action[0]).toMatchObject({ type: 'fixed-response', fixed_response: { status_code: '404', content_type: 'application/json' } });
    expect(JSON.parse(listener.default_action[0].fixed_response.message_body)).toMatchObject({ status: 404, title: 'Not Found' });
    expect(resources(json, 'aws_vpc_security_group_ingress_rule').map((r) => r.from_port)).toEqual([80]);
    expect(alb.httpsEnabled).toBe(false);
  });

  it('serves HTTPS and only redirects HTTP with a certificate', () => {
    const { json } = build({ certificateArn: CERT });
    const listeners = resources(json, 'aws_lb_listener');
    const https = listeners.find((l) => l.port === 443);
    const http = listeners.find((l) => l.port === 80);
    expect(https).toMatchObject({ protocol: 'HTTPS', certificate_arn: CERT, ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(https.default_action[0].type).toBe('fixed-response');
    expect(http.default_action).toEqual([expect.objectContaining({ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } })]);
  });

  it('drops invalid headers and writes access logs to a private, encrypted, TLS-only bucket', () => {
    const { json } = build();
    const alb = only(json, 'aws_lb');
    expect(alb).toMatchObject({ drop_invalid_header_fields: true, internal: false, enable_deletion_protection: true, desync_mitigation_mode: 'defensive' });
    expect(alb.access_logs.enabled).toBe(true);
    const pab = only(json, 'aws_s3_bucket_public_access_block');
    expect(pab).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const sse = resources(json, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('AES256');
    const policy = JSON.parse(only(json, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toContain('ElbAccountWritesLogs');
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration[0].days).toBe(90);
  });

  it('keeps access logs on destroy unless told to empty the bucket (previews)', () => {
    expect(only(build().json, 'aws_s3_bucket').force_destroy).toBe(false);
    expect(only(build({ accessLogsForceDestroy: true }).json, 'aws_s3_bucket').force_destroy).toBe(true);
  });

  it.each<[Partial<SharedLoadBalancerProps>, RegExp]>([
    [{ certificateArn: 'not-an-arn' }, /certificateArn must be an ACM certificate ARN/],
    [{ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }, /sslPolicy needs certificateArn/],
    [{ idleTimeoutSeconds: 0 }, /idleTimeoutSeconds must be an integer from 1 to 4000/],
    [{ namePrefix: 'Dev_Env' }, /namePrefix must be up to 28 lowercase/],
    [{ accessLogsBucketName: 'Bad_Bucket' }, /bucketName must be 3-63 lowercase/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });
});
