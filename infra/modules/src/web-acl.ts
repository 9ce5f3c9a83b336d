import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { EncryptionKey } from './encryption-key';
import { InvalidPropsError, requireIntegerInRange, requireLogRetention, requireMatch } from './validation';

/** The load balancer the web ACL protects (a LoadBalancedFargateService or shared ALB has this). */
export interface WebAclTarget {
  readonly loadBalancerArn: string;
}

export interface WebAclProps {
  /** Names the web ACL, its metrics and its log group `aws-waf-logs-<name>`, e.g. `prod-api`. */
  readonly name: string;
  /** ALB to associate the web ACL with. @default - none: associate later with Wafv2WebAclAssociation */
  readonly loadBalancer?: WebAclTarget;
  /**
   * Requests one client IP may send per 5 minutes before the rate rule blocks it (WAF allows 10 and up).
   * @default 2000
   */
  readonly rateLimitPer5Minutes?: number;
  /**
   * Largest request body accepted, by Content-Length. The API takes 1 MiB documents; the managed
   * SizeRestrictions_BODY rule (8 KB) is set to count and this rule blocks instead. A chunked
   * request has no Content-Length and is not measured here; the API's own body limit applies.
   * @default 1_114_112 - 1 MiB plus 64 KiB for JSON framing
   */
  readonly maxBodyBytes?: number;
  /** Key for the WAF log group (its policy must grant CloudWatch Logs: servicePrincipals ['logs']). */
  readonly logsKey: EncryptionKey;
  /** @default 90 */
  readonly logRetentionDays?: number;
}

/** Managed rule groups every web ACL runs (PLAT_WAF_MANAGED_RULES checks for them). */
export const WEB_ACL_MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/**
 * A regular expression matching decimal integers greater than `limit` (for a Content-Length
 * header: WAF compares header text, not numbers). Leading zeros are not expected.
 */
export function decimalGreaterThan(limit: number): string {
  const digits = String(limit);
  const alternatives = [`\\d{${digits.length + 1},}`];
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (digit === 9) continue;
    const rest = digits.length - i - 1;
    const next = digit + 1 === 9 ? '9' : `[${digit + 1}-9]`;
    alternatives.push(`${digits.slice(0, i)}${next}${rest > 0 ? `\\d{${rest}}` : ''}`);
  }
  return `^(${alternatives.join('|')})$`;
}

function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/**
 * A regional AWS WAFv2 web ACL for an ALB: a per-IP rate limit, the AWS managed Common (with
 * SizeRestrictions_BODY counted, not blocking) and Known Bad Inputs rule groups, a body-size rule
 * that allows the API's 1 MiB documents, and logging to an encrypted `aws-waf-logs-<name>` group.
 * On an ALB, WAF inspects only the first 8 KB of a body; the managed rules see that part.
 */
export class WebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly webAclArn: string;
  readonly logGroup: CloudwatchLogGroup;
  readonly association?: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const name = 'WebAcl';
    requireMatch(name, 'name', props.name, /^[A-Za-z0-9_-]{1,100}$/, 'up to 100 letters, digits, "_" or "-"');
    const rateLimit = requireIntegerInRange(name, 'rateLimitPer5Minutes', props.rateLimitPer5Minutes ?? 2000, 10, 2_000_000_000);
    const maxBodyBytes = requireIntegerInRange(name, 'maxBodyBytes', props.maxBodyBytes ?? 1_114_112, 8192, 1_073_741_824);
    if (maxBodyBytes < 1_048_576) {
      throw new InvalidPropsError(name, `maxBodyBytes ${maxBodyBytes} would block the API's 1 MiB documents; use at least 1048576`);
    }
    const retention = requireLogRetention(name, 'logRetentionDays', props.logRetentionDays ?? 90);
    const metric = props.name.replace(/[^A-Za-z0-9]/g, '');

    const managed = (priority: number, ruleGroup: string, overrides: Record<string, unknown>[] = []): Wafv2WebAclRule => ({
      name: ruleGroup,
      priority,
      overrideAction: { none: {} },
      // `statement` is passed through as Terraform JSON (snake_case, nested blocks as lists).
      statement: {
        managed_rule_group_statement: [
          { vendor_name: 'AWS', name: ruleGroup, ...(overrides.length > 0 ? { rule_action_override: overrides } : {}) },
        ],
      },
      visibilityConfig: visibility(`${metric}${ruleGroup}`),
    });

    const rules: Wafv2WebAclRule[] = [
      {
        name: 'RateLimitPerIp',
        priority: 0,
        action: { block: {} },
        statement: { rate_based_statement: [{ limit: rateLimit, aggregate_key_type: 'IP', evaluation_window_sec: 300 }] },
        visibilityConfig: visibility(`${metric}RateLimitPerIp`),
      },
      {
        name: 'BodySizeLimit',
        priority: 1,
        action: { block: {} },
        statement: {
          regex_match_statement: [
            {
              regex_string: decimalGreaterThan(maxBodyBytes),
              field_to_match: [{ single_header: [{ name: 'content-length' }] }],
              text_transformation: [{ priority: 0, type: 'NONE' }],
            },
          ],
        },
        visibilityConfig: visibility(`${metric}BodySizeLimit`),
      },
      managed(2, WEB_ACL_MANAGED_RULE_GROUPS[0], [{ name: 'SizeRestrictions_BODY', action_to_use: [{ count: [{}] }] }]),
      managed(3, WEB_ACL_MANAGED_RULE_GROUPS[1]),
    ];

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: `${props.name}: rate limit, AWS managed common and known-bad-input rules, ${maxBodyBytes}-byte bodies`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(metric),
    });
    this.webAclArn = this.webAcl.arn;

    // WAF only delivers to log groups whose name starts with aws-waf-logs-.
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `aws-waf-logs-${props.name}`,
      retentionInDays: retention,
      kmsKeyId: props.logsKey.keyArn,
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
    });
    if (props.loadBalancer) {
      this.association = new Wafv2WebAclAssociation(this, 'association', {
        resourceArn: props.loadBalancer.loadBalancerArn,
        webAclArn: this.webAcl.arn,
      });
    }
  }
}
