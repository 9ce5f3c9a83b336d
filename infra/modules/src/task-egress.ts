import { Construct } from 'constructs';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';

/** What restrictTaskEgress needs to know about the network (a Network satisfies it). */
export interface TaskEgressNetwork {
  /** The interface endpoints' security group; undefined when the network has none. */
  readonly endpointSecurityGroupId?: string;
  /** Managed prefix list of the S3 gateway endpoint. */
  readonly s3PrefixListId: string;
  /** Managed prefix list of the DynamoDB gateway endpoint. */
  readonly dynamodbPrefixListId: string;
}

/**
 * HTTPS egress for a task security group that reaches only AWS APIs: the interface endpoints'
 * security group and the S3 and DynamoDB prefix lists, all on 443. A network without interface
 * endpoints sends the other APIs through NAT, so then 0.0.0.0/0:443 is added instead.
 * Rules are children of `scope` named `<idPrefix>-endpoints`, `-s3`, `-dynamodb` (`-internet`).
 */
export function restrictTaskEgress(
  scope: Construct,
  securityGroupId: string,
  network: TaskEgressNetwork,
  idPrefix = 'task-egress',
): VpcSecurityGroupEgressRule[] {
  const https = { securityGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443 } as const;
  const rules = [
    new VpcSecurityGroupEgressRule(scope, `${idPrefix}-s3`, { ...https, description: 'HTTPS to S3 (gateway endpoint)', prefixListId: network.s3PrefixListId }),
    new VpcSecurityGroupEgressRule(scope, `${idPrefix}-dynamodb`, {
      ...https,
      description: 'HTTPS to DynamoDB (gateway endpoint)',
      prefixListId: network.dynamodbPrefixListId,
    }),
  ];
  if (network.endpointSecurityGroupId !== undefined) {
    rules.push(
      new VpcSecurityGroupEgressRule(scope, `${idPrefix}-endpoints`, {
        ...https,
        description: 'HTTPS to the interface VPC endpoints (ECR, logs, SQS, SSM, KMS, STS)',
        referencedSecurityGroupId: network.endpointSecurityGroupId,
      }),
    );
  } else {
    rules.push(
      new VpcSecurityGroupEgressRule(scope, `${idPrefix}-internet`, {
        ...https,
        description: 'HTTPS to AWS APIs through the NAT gateway (no interface endpoints in this network)',
        cidrIpv4: '0.0.0.0/0',
      }),
    );
  }
  return rules;
}
