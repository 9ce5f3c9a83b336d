import { secureLoadBalancer } from '../helpers/compliant';
import { findings, flagged, ref, stackNamed } from '../helpers/stack-builder';
import { ruleById } from '../../src/rules';
import { Stack } from '../../src/terraform/stack';

describe('AVD-AWS-0053', () => {
  it('catches an internet-facing ALB that keeps invalid headers, and a public NLB', () => {
    const stack = stackNamed()
      .resource('aws_lb', 'alb', { load_balancer_type: 'application' })
      .resource('aws_lb', 'nlb', { internal: false, load_balancer_type: 'network' });
    expect(findings('AVD-AWS-0053', stack)).toEqual([
      'aws_lb.alb: internet-facing ALB does not set drop_invalid_header_fields = true',
      'aws_lb.nlb: internet-facing network load balancer',
    ]);
  });

  it('passes a hardened public ALB and any internal load balancer', () => {
    const stack = secureLoadBalancer(stackNamed()).resource('aws_alb', 'internal', { internal: true });
    expect(flagged('AVD-AWS-0053', stack)).toEqual([]);
  });
});

describe('CKV_AWS_131', () => {
  it('catches an internal ALB without drop_invalid_header_fields', () => {
    expect(flagged('CKV_AWS_131', stackNamed().resource('aws_lb', 'inner', { internal: true }))).toEqual(['aws_lb.inner']);
  });

  it('passes an internal ALB that drops them and leaves public ALBs to AVD-AWS-0053', () => {
    const stack = stackNamed()
      .resource('aws_lb', 'inner', { internal: true, drop_invalid_header_fields: true })
      .resource('aws_lb', 'public', { internal: false });
    expect(flagged('CKV_AWS_131', stack)).toEqual([]);
  });
});

describe('CKV_AWS_91', () => {
  it('catches no access logs, and a bucket given without enabled = true', () => {
    const stack = stackNamed()
      .resource('aws_lb', 'none', { internal: true })
      .resource('aws_lb', 'implicit', { access_logs: { bucket: ref('aws_s3_bucket', 'logs', 'id') } });
    expect(findings('CKV_AWS_91', stack)).toEqual(['aws_lb.none: access_logs.enabled is not true', 'aws_lb.implicit: access_logs.enabled is not true']);
  });

  it('passes enabled access logs', () => {
    expect(flagged('CKV_AWS_91', secureLoadBalancer(stackNamed()))).toEqual([]);
  });
});

describe('CKV_AWS_150', () => {
  const unprotected = (name: string) => stackNamed(name).resource('aws_lb', 'alb', { enable_deletion_protection: false });

  it('catches an unprotected load balancer in prod', () => {
    expect(flagged('CKV_AWS_150', unprotected('service-prod'))).toEqual(['aws_lb.alb']);
  });

  it('passes a protected one in prod and leaves dev and staging alone', () => {
    expect(flagged('CKV_AWS_150', secureLoadBalancer(stackNamed('prod-service')))).toEqual([]);
    expect(flagged('CKV_AWS_150', unprotected('dev-service'))).toEqual([]);
    expect(flagged('CKV_AWS_150', unprotected('staging-service'))).toEqual([]);
  });
});

describe('CKV2_AWS_20', () => {
  const listener = (protocol: string, action: Record<string, unknown>) => ({
    load_balancer_arn: ref('aws_lb', 'alb', 'arn'),
    port: protocol === 'HTTPS' ? 443 : 80,
    protocol,
    default_action: [action],
  });
  const forward = { type: 'forward', target_group_arn: ref('aws_lb_target_group', 'api', 'arn') };

  it('catches an HTTP listener that forwards beside an HTTPS one', () => {
    const stack = secureLoadBalancer(stackNamed())
      .resource('aws_lb_listener', 'https', listener('HTTPS', forward))
      .resource('aws_lb_listener', 'http', listener('HTTP', forward));
    expect(flagged('CKV2_AWS_20', stack)).toEqual(['aws_lb_listener.http']);
  });

  const redirect = { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } };

  it('catches an HTTP-only internet-facing ALB outside dev: no HTTPS listener, and port 80 forwarding', () => {
    const httpOnly = (name: string) => secureLoadBalancer(stackNamed(name).defaultTags({ env: name.split('-')[1] })).resource('aws_lb_listener', 'http', listener('HTTP', forward));
    expect(findings('CKV2_AWS_20', httpOnly('svc-staging'))).toEqual([
      'aws_lb.alb: internet-facing ALB has no HTTPS listener (env staging from provider default tag env=staging)',
      'aws_lb_listener.http: HTTP listener does not redirect to HTTPS (env staging from provider default tag env=staging)',
    ]);
    expect(flagged('CKV2_AWS_20', httpOnly('svc-prod'))).toEqual(['aws_lb.alb', 'aws_lb_listener.http']);
    // The env tag decides, whatever the stack is called.
    const tagged = secureLoadBalancer(stackNamed('dev-looking-name').defaultTags({ env: 'prod' })).resource('aws_lb_listener', 'http', listener('HTTP', redirect));
    expect(flagged('CKV2_AWS_20', tagged)).toEqual(['aws_lb.alb']);
  });

  it('passes a redirecting HTTP listener, an HTTP-only load balancer in dev, and internal ALBs', () => {
    const withTls = secureLoadBalancer(stackNamed('svc-prod'))
      .resource('aws_lb_listener', 'https', listener('HTTPS', forward))
      .resource('aws_lb_listener', 'http', listener('HTTP', redirect));
    expect(flagged('CKV2_AWS_20', withTls)).toEqual([]);
    const dev = secureLoadBalancer(stackNamed('svc').defaultTags({ env: 'dev' })).resource('aws_lb_listener', 'http', listener('HTTP', forward));
    expect(flagged('CKV2_AWS_20', dev)).toEqual([]);
    const internal = stackNamed('svc-prod').resource('aws_lb', 'alb', { internal: true }).resource('aws_lb_listener', 'http', listener('HTTP', forward));
    expect(flagged('CKV2_AWS_20', internal)).toEqual([]);
  });
});

describe('CKV2_AWS_28', () => {
  const association = (arn: string) => ({ resource_arn: arn, web_acl_arn: ref('aws_wafv2_web_acl', 'acl', 'arn') });

  it('catches an internet-facing ALB without a web ACL association', () => {
    expect(findings('CKV2_AWS_28', secureLoadBalancer(stackNamed()))).toEqual(['aws_lb.alb: internet-facing ALB has no WAF web ACL association']);
  });

  it('passes an associated ALB (same stack, or an association in another stack through remote state) and internal ALBs', () => {
    const same = secureLoadBalancer(stackNamed()).resource('aws_wafv2_web_acl_association', 'waf', association(ref('aws_lb', 'alb', 'arn')));
    expect(flagged('CKV2_AWS_28', same)).toEqual([]);
    expect(flagged('CKV2_AWS_28', stackNamed().resource('aws_lb', 'inner', { internal: true }))).toEqual([]);
    const edgeJson = secureLoadBalancer(stackNamed('prod-edge')).s3Backend({ bucket: 'state', key: 'prod/edge.tfstate', encrypt: true, use_lockfile: true }).json();
    const edge = new Stack('prod-edge', 'edge.json', { ...edgeJson, output: { alb_arn: { value: ref('aws_lb', 'alb', 'arn') } } });
    const waf = stackNamed('prod-waf')
      .data('terraform_remote_state', 'edge', { backend: 's3', config: { key: 'prod/edge.tfstate' } })
      .resource('aws_wafv2_web_acl_association', 'waf', association('${data.terraform_remote_state.edge.outputs.alb_arn}'))
      .build();
    expect(ruleById('CKV2_AWS_28').check(edge, [edge, waf])).toEqual([]);
    expect(ruleById('CKV2_AWS_28').check(edge, [edge])).toHaveLength(1);
  });
});

describe('PLAT_WAF_MANAGED_RULES', () => {
  const managed = (name: string) => ({ name, priority: 1, override_action: { none: {} }, statement: { managed_rule_group_statement: [{ vendor_name: 'AWS', name }] } });

  it('catches a web ACL missing one or both managed groups', () => {
    const stack = stackNamed()
      .resource('aws_wafv2_web_acl', 'empty', { scope: 'REGIONAL', default_action: { allow: {} } })
      .resource('aws_wafv2_web_acl', 'common_only', { scope: 'REGIONAL', rule: [managed('AWSManagedRulesCommonRuleSet')] });
    expect(findings('PLAT_WAF_MANAGED_RULES', stack)).toEqual([
      'aws_wafv2_web_acl.empty: web ACL does not run AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet',
      'aws_wafv2_web_acl.common_only: web ACL does not run AWSManagedRulesKnownBadInputsRuleSet',
    ]);
  });

  it('passes a web ACL with both groups', () => {
    const stack = stackNamed().resource('aws_wafv2_web_acl', 'acl', {
      rule: [managed('AWSManagedRulesCommonRuleSet'), managed('AWSManagedRulesKnownBadInputsRuleSet')],
    });
    expect(flagged('PLAT_WAF_MANAGED_RULES', stack)).toEqual([]);
  });
});
