import { readPolicyDocument } from '../../documents/policy-document';
import { finding, type Rule } from '../../rule';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { pointsAt } from '../../terraform/references';
import { stringList } from '../../terraform/values';
import { allowsAction, grantsService, keyAllowStatements, referencedKey } from '../kms/key-policies';

const CLOUDWATCH = /^cloudwatch\.amazonaws\.com$/;
const ALARM_ACTIONS = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'];

/** CloudWatch alarms publish to the topic: an alarm of the stack targets it, or its topic policy lets cloudwatch.amazonaws.com publish. */
function receivesAlarms(stack: Stack, topic: TerraformBlock): boolean {
  const targeted = stack
    .ofType('aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm')
    .some((alarm) => ALARM_ACTIONS.some((key) => stringList(alarm.config[key]).some((arn) => pointsAt(arn, topic, ['arn', 'id']))));
  if (targeted) return true;
  return stack
    .ofType('aws_sns_topic_policy')
    .filter((policy) => pointsAt(policy.config['arn'], topic, ['arn', 'id']))
    .some((policy) => {
      const document = readPolicyDocument(stack, policy.config['policy']);
      return document.parsed && document.statements.some((s) => s.effect === 'Allow' && grantsService(s, CLOUDWATCH) && allowsAction(s.actions, 'sns:Publish'));
    });
}

/**
 * CloudWatch encrypts each alarm notification it publishes to an SSE-KMS topic, so the topic's
 * key must allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* (Amazon SNS developer
 * guide, "Managing Amazon SNS encryption keys and costs"); the AWS-managed alias/aws/sns key cannot
 * grant that. Without it the alarm fires and nobody is told.
 */
export const alarmTopicKeyAllowsCloudWatch: Rule = {
  id: 'PLAT_SNS_ALARM_TOPIC_KEY',
  title: 'Encrypted SNS topic that alarms publish to has a key CloudWatch may use',
  severity: 'high',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_26'], trivy: ['AVD-AWS-0136'] },
  remediation:
    'Encrypt the topic with a customer-managed key whose policy allows Principal { Service = "cloudwatch.amazonaws.com" } kms:Decrypt and kms:GenerateDataKey*.',
  check: (stack) =>
    stack
      .ofType('aws_sns_topic')
      .filter((topic) => typeof topic.config['kms_master_key_id'] === 'string' && receivesAlarms(stack, topic))
      .flatMap((topic) => {
        const keyId = String(topic.config['kms_master_key_id']);
        if (/alias\/aws\/sns$/.test(keyId)) {
          return [finding(topic, 'alarms publish to this topic but it uses the AWS-managed alias/aws/sns key, whose policy cannot allow CloudWatch')];
        }
        const key = referencedKey(stack, keyId);
        // A key from another stack or account cannot be read here.
        if (!key) return [];
        const statements = keyAllowStatements(stack, key);
        if (!statements) return [];
        const cloudwatch = statements.filter((s) => grantsService(s, CLOUDWATCH));
        const missing = ['kms:Decrypt', 'kms:GenerateDataKey'].filter((action) => !cloudwatch.some((s) => allowsAction(s.actions, action)));
        return missing.length === 0
          ? []
          : [finding(topic, `alarms publish to this topic but its key ${key.address} does not allow cloudwatch.amazonaws.com ${missing.join(' and ')}`)];
      }),
};
