import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { EncryptionKey } from './encryption-key';
import { policyDocument } from './iam-policy';
import { InvalidPropsError, requireMatch } from './validation';

export interface AlarmTopicProps {
  readonly topicName: string;
  /** Addresses subscribed by e-mail (each must confirm the subscription once). */
  readonly emailAddresses: readonly string[];
  readonly accountId: string;
  readonly region: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The SNS topic alarms publish to: encrypted with its own KMS key, whose policy gives
 * cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* (Amazon SNS developer guide,
 * "Managing Amazon SNS encryption keys and costs": without them alarms deliver nothing),
 * publishable only by CloudWatch alarms of this account, TLS only.
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  readonly topicArn: string;
  readonly encryptionKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    requireMatch('AlarmTopic', 'topicName', props.topicName, /^[A-Za-z0-9_-]{1,256}$/, 'letters, digits, "_" or "-"');
    if (props.emailAddresses.length === 0) {
      throw new InvalidPropsError('AlarmTopic', 'emailAddresses needs at least one address, or nobody hears the alarms');
    }
    for (const email of props.emailAddresses) {
      requireMatch('AlarmTopic', 'emailAddresses', email, EMAIL, 'e-mail addresses');
    }
    this.encryptionKey = new EncryptionKey(this, 'key', {
      description: `Alarm topic ${props.topicName}`,
      aliasName: `${props.topicName}-sns`,
      accountId: props.accountId,
      region: props.region,
      servicePrincipals: ['cloudwatch'],
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: this.encryptionKey.keyArn });
    this.topicArn = this.topic.arn;
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    props.emailAddresses.forEach((email, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    });
  }
}
