import { finding, type Rule } from '../../rule';
import { block, blocks } from '../../terraform/values';

/** AWS managed rule groups every web ACL runs: OWASP-style common rules and known bad inputs (Log4j, ...). */
export const REQUIRED_MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

/** Managed rule group names of a web ACL, from `rule` blocks (and a `rule_json` string, if used). */
function managedGroups(config: Record<string, unknown>): string[] {
  const fromRules = blocks(config['rule']).flatMap((rule) =>
    blocks(block(rule['statement'])['managed_rule_group_statement'])
      .filter((statement) => statement['vendor_name'] === 'AWS')
      .map((statement) => String(statement['name'] ?? '')),
  );
  const json = typeof config['rule_json'] === 'string' ? config['rule_json'] : '';
  const fromJson = [...json.matchAll(/"ManagedRuleGroupStatement"\s*:\s*\{[^}]*"Name"\s*:\s*"([^"]+)"/g)].map((m) => m[1]);
  return [...fromRules, ...fromJson];
}

export const webAclManagedRules: Rule = {
  id: 'PLAT_WAF_MANAGED_RULES',
  title: 'WAF web ACL runs the AWS Common and Known Bad Inputs managed rule groups',
  severity: 'high',
  category: 'public-exposure',
  references: { checkov: ['CKV2_AWS_28'] },
  remediation: 'Add managed_rule_group_statement rules for AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet (vendor AWS), as the WebAcl construct does.',
  check: (stack) =>
    stack.ofType('aws_wafv2_web_acl').flatMap((acl) => {
      const present = managedGroups(acl.config);
      const missing = REQUIRED_MANAGED_RULE_GROUPS.filter((group) => !present.includes(group));
      return missing.length === 0 ? [] : [finding(acl, `web ACL does not run ${missing.join(' and ')}`)];
    }),
};
