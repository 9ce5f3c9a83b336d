import fc from 'fast-check';
import { decimalGreaterThan, EncryptionKey, WebAcl, WebAclProps } from '../src';
import { ACCOUNT_ID, Json, newStack, only, REGION, synthWith } from './support';

function build(extra: Partial<WebAclProps> = {}): Json {
  return synthWith((s) => {
    const logsKey = new EncryptionKey(s, 'logs-key', { description: 'waf', aliasName: 'waf', accountId: ACCOUNT_ID, region: REGION, servicePrincipals: ['logs'] });
    new WebAcl(s, 'waf', { name: 'prod-api', logsKey, loadBalancer: { loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/prod-api/0123' }, ...extra });
  });
}

const rule = (json: Json, name: string): Json => only(json, 'aws_wafv2_web_acl').rule.find((r: Json) => r.name === name);

describe('WebAcl', () => {
  it('is a regional web ACL that allows by default, with metrics and sampling on', () => {
    const acl = only(build(), 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ name: 'prod-api', scope: 'REGIONAL', default_action: { allow: {} } });
    expect(acl.visibility_config).toEqual({ cloudwatch_metrics_enabled: true, metric_name: 'prodapi', sampled_requests_enabled: true });
    expect(acl.rule.map((r: Json) => [r.priority, r.name])).toEqual([
      [0, 'RateLimitPerIp'],
      [1, 'BodySizeLimit'],
      [2, 'AWSManagedRulesCommonRuleSet'],
      [3, 'AWSManagedRulesKnownBadInputsRuleSet'],
    ]);
  });

  it('runs the Common rule set with SizeRestrictions_BODY counted instead of blocking, and Known Bad Inputs', () => {
    const json = build();
    expect(rule(json, 'AWSManagedRulesCommonRuleSet')).toMatchObject({
      override_action: { none: {} },
      statement: {
        managed_rule_group_statement: [
          { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet', rule_action_override: [{ name: 'SizeRestrictions_BODY', action_to_use: [{ count: [{}] }] }] },
        ],
      },
    });
    expect(rule(json, 'AWSManagedRulesKnownBadInputsRuleSet').statement.managed_rule_group_statement[0]).toEqual({
      vendor_name: 'AWS',
      name: 'AWSManagedRulesKnownBadInputsRuleSet',
    });
  });

  it('rate-limits each client IP, 2000 requests per 5 minutes by default', () => {
    expect(rule(build(), 'RateLimitPerIp')).toMatchObject({
      action: { block: {} },
      statement: { rate_based_statement: [{ limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 }] },
    });
    expect(rule(build({ rateLimitPer5Minutes: 500 }), 'RateLimitPerIp').statement.rate_based_statement[0].limit).toBe(500);
  });

  it('blocks a Content-Length above 1 MiB + 64 KiB and lets a 1 MiB document through', () => {
    const statement = rule(build(), 'BodySizeLimit').statement.regex_match_statement[0];
    expect(statement.field_to_match).toEqual([{ single_header: [{ name: 'content-length' }] }]);
    const regex = new RegExp(statement.regex_string);
    expect(regex.test(String(1024 * 1024))).toBe(false);
    expect(regex.test('1114112')).toBe(false);
    expect(regex.test('1114113')).toBe(true);
    expect(regex.test('52428800')).toBe(true);
  });

  it('logs to an encrypted aws-waf-logs-<name> group with 90 days retention and protects the given ALB', () => {
    const json = build();
    expect(only(json, 'aws_cloudwatch_log_group')).toMatchObject({ name: 'aws-waf-logs-prod-api', retention_in_days: 90, kms_key_id: expect.stringMatching(/aws_kms_key/) });
    expect(only(json, 'aws_wafv2_web_acl_logging_configuration').log_destination_configs).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn/)]);
    expect(only(json, 'aws_wafv2_web_acl_association')).toEqual(
      expect.objectContaining({ resource_arn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/prod-api/0123', web_acl_arn: expect.stringMatching(/aws_wafv2_web_acl\./) }),
    );
  });

  it.each([
    [{ maxBodyBytes: 8192 }, "maxBodyBytes 8192 would block the API's 1 MiB documents"],
    [{ rateLimitPer5Minutes: 5 }, 'rateLimitPer5Minutes must be an integer from 10'],
    [{ name: 'prod api' }, 'name must be up to 100 letters'],
    [{ logRetentionDays: 10 }, 'logRetentionDays must be one of'],
  ])('rejects %p', (extra, message) => {
    const stack = newStack();
    const logsKey = new EncryptionKey(stack, 'k', { description: 'k', aliasName: 'k', accountId: ACCOUNT_ID, region: REGION, servicePrincipals: ['logs'] });
    expect(() => new WebAcl(stack, 'waf', { name: 'prod-api', logsKey, ...extra })).toThrow(message);
  });
});

describe('decimalGreaterThan', () => {
  it('matches exactly the decimal integers above the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 999_999_999 }), (limit, value) => {
        expect(new RegExp(decimalGreaterThan(limit)).test(String(value))).toBe(value > limit);
      }),
      { numRuns: 2000 },
    );
  });
});
