import { Construct } from 'constructs';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';

/**
 * The one egress every Fargate task group has: HTTPS to the AWS APIs it calls (ECR to pull, logs,
 * DynamoDB, SQS, SSM). Added to `scope` with the given id, so Terraform addresses stay the caller's.
 */
export function allowHttpsEgress(scope: Construct, id: string, securityGroupId: string, apis: string): VpcSecurityGroupEgressRule {
  return new VpcSecurityGroupEgressRule(scope, id, {
    securityGroupId,
    description: `HTTPS to AWS APIs (${apis})`,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    cidrIpv4: '0.0.0.0/0',
  });
}
