/** Every policy rule, in the order reports list them. */
import type { Rule } from '../rule';
import { tableKmsEncryption } from './dynamodb/ckv-aws-119-table-kms';
import { tablePointInTimeRecovery } from './dynamodb/ckv-aws-28-table-pitr';
import { tableDeletionProtection } from './dynamodb/plat-ddb-deletion-protection';
import { repositoryKmsEncryption } from './ecr/ckv-aws-136-repository-kms';
import { repositoryScanOnPush } from './ecr/ckv-aws-163-scan-on-push';
import { repositoryImmutableTags } from './ecr/ckv-aws-51-immutable-tags';
import { repositoryLifecyclePolicy } from './ecr/plat-ecr-lifecycle-policy';
import { containerNoPlaintextSecrets } from './ecs/avd-aws-0036-no-plaintext-secrets';
import { serviceNoPublicIp } from './ecs/ckv-aws-333-no-public-ip';
import { containerReadonlyRoot } from './ecs/ckv-aws-336-readonly-root';
import { clusterContainerInsights } from './ecs/ckv-aws-65-container-insights';
import { serviceCapacityProviderDependency } from './ecs/plat-ecs-capacity-provider-dependency';
import { serviceCircuitBreaker } from './ecs/plat-ecs-circuit-breaker';
import { serviceAlarms } from './ecs/plat-ecs-service-alarms';
import { containerImagePinned } from './ecs/plat-ecs-image-tag';
import { containerWritableVolumes } from './ecs/plat-ecs-writable-volumes';
import { alarmPublishedDimensions } from './cloudwatch/plat-cw-alarm-dimensions';
import { readableDocuments } from './general/plat-unreadable-document';
import { noPublicAssumeRole } from './iam/ckv-aws-60-no-public-assume';
import { noStarAction } from './iam/ckv-aws-63-no-star-action';
import { noStarResource } from './iam/ckv-aws-355-no-star-resource';
import { githubOidcSubject } from './iam/plat-iam-github-oidc-sub';
import { serviceTrustSource } from './iam/plat-iam-service-trust-source';
import { keyRotation } from './kms/ckv-aws-7-key-rotation';
import { logsKeyEncryptionContext } from './kms/plat-kms-logs-encryption-context';
import { publicLoadBalancer } from './lb/avd-aws-0053-public-load-balancer';
import { dropInvalidHeaders } from './lb/ckv-aws-131-drop-invalid-headers';
import { loadBalancerDeletionProtection } from './lb/ckv-aws-150-deletion-protection';
import { loadBalancerAccessLogs } from './lb/ckv-aws-91-access-logs';
import { httpRedirectsToHttps } from './lb/ckv2-aws-20-http-redirects';
import { logGroupKms } from './logs/ckv-aws-158-log-group-kms';
import { logGroupRetention } from './logs/ckv-aws-66-log-group-retention';
import { vpcFlowLogs } from './network/ckv2-aws-11-flow-logs';
import { taskEgressToEndpoints } from './network/plat-ecs-task-egress-endpoints';
import { securityGroupPublicIngress } from './network/plat-sg-public-ingress';
import { vpcMultiAz } from './network/plat-vpc-multi-az';
import { bucketKmsEncryption } from './s3/ckv-aws-145-bucket-kms';
import { bucketAccessLogging } from './s3/ckv-aws-18-bucket-logging';
import { bucketEncryption } from './s3/ckv-aws-19-bucket-encryption';
import { bucketVersioning } from './s3/ckv-aws-21-bucket-versioning';
import { bucketHasPublicAccessBlock } from './s3/ckv2-aws-6-bucket-has-public-access-block';
import { bucketTlsOnly } from './s3/plat-s3-tls-only';
import { blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets } from './s3/public-access-block-flags';
import { topicEncryption } from './sns/ckv-aws-26-topic-encryption';
import { alarmTopicKeyAllowsCloudWatch } from './sns/plat-sns-alarm-topic-key';
import { queueEncryption } from './sqs/ckv-aws-27-queue-encryption';
import { queueDeadLetter } from './sqs/plat-sqs-dead-letter-queue';
import { albProtectedByWaf } from './waf/ckv2-aws-28-alb-waf';
import { webAclManagedRules } from './waf/plat-waf-managed-rules';
import { encryptedS3Backend } from './state/plat-tf-s3-backend';

export const ALL_RULES: readonly Rule[] = [
  // encryption at rest
  bucketEncryption,
  bucketKmsEncryption,
  tableKmsEncryption,
  queueEncryption,
  topicEncryption,
  logGroupKms,
  repositoryKmsEncryption,
  keyRotation,
  logsKeyEncryptionContext,
  alarmTopicKeyAllowsCloudWatch,
  // public exposure
  blockPublicAcls,
  blockPublicPolicy,
  ignorePublicAcls,
  restrictPublicBuckets,
  bucketHasPublicAccessBlock,
  serviceNoPublicIp,
  securityGroupPublicIngress,
  taskEgressToEndpoints,
  publicLoadBalancer,
  dropInvalidHeaders,
  albProtectedByWaf,
  webAclManagedRules,
  // transport
  bucketTlsOnly,
  httpRedirectsToHttps,
  // least privilege
  noStarAction,
  noStarResource,
  noPublicAssumeRole,
  githubOidcSubject,
  serviceTrustSource,
  readableDocuments,
  // logging
  loadBalancerAccessLogs,
  bucketAccessLogging,
  vpcFlowLogs,
  logGroupRetention,
  clusterContainerInsights,
  alarmPublishedDimensions,
  serviceAlarms,
  // resilience
  tablePointInTimeRecovery,
  tableDeletionProtection,
  serviceCircuitBreaker,
  serviceCapacityProviderDependency,
  vpcMultiAz,
  loadBalancerDeletionProtection,
  bucketVersioning,
  queueDeadLetter,
  // registry
  repositoryImmutableTags,
  repositoryScanOnPush,
  repositoryLifecyclePolicy,
  // containers
  containerNoPlaintextSecrets,
  containerReadonlyRoot,
  containerImagePinned,
  containerWritableVolumes,
  // state
  encryptedS3Backend,
];

export function ruleById(id: string): Rule {
  const rule = ALL_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no policy rule with id ${id}`);
  return rule;
}
