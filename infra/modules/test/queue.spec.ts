import { QueueDefinition, SCAN_QUEUE, SCAN_DEAD_LETTER_QUEUE } from '@platform/shared';
import { Queue } from '../src';
import { newStack, resources, synthWith, testKey } from './support';

describe('Queue', () => {
  it('creates the queue and its dead-letter queue, both KMS-encrypted', () => {
    const json = synthWith((s) => new Queue(s, 'q', { definition: SCAN_QUEUE, queuePrefix: 'dev', encryptionKey: testKey(s) }));
    const queues = resources(json, 'aws_sqs_queue');
    expect(queues.map((q) => q.name).sort()).toEqual(['dev-scan-requests', 'dev-scan-requests-dlq']);
    expect(queues.every((q) => /aws_kms_key/.test(q.kms_master_key_id))).toBe(true);
    expect(queues.every((q) => q.kms_data_key_reuse_period_seconds === 300)).toBe(true);
  });

  it('wires the redrive policy from the definition', () => {
    const json = synthWith((s) => new Queue(s, 'q', { definition: SCAN_QUEUE, queuePrefix: 'dev', encryptionKey: testKey(s) }));
    const main = resources(json, 'aws_sqs_queue').find((q) => q.name === 'dev-scan-requests');
    const redrive = JSON.parse(main.redrive_policy);
    expect(redrive.maxReceiveCount).toBe(5);
    expect(redrive.deadLetterTargetArn).toMatch(/aws_sqs_queue\.q_dead-letter/);
    expect(main.visibility_timeout_seconds).toBe(SCAN_QUEUE.visibilityTimeoutSeconds);
  });

  it('allows TLS only on both queues', () => {
    const json = synthWith((s) => new Queue(s, 'q', { definition: SCAN_QUEUE, queuePrefix: 'dev', encryptionKey: testKey(s) }));
    const policies = resources(json, 'aws_sqs_queue_policy').map((p) => JSON.parse(p.policy));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    }
  });

  it('has no dead-letter queue when the definition names none', () => {
    const s = newStack();
    const queue = new Queue(s, 'q', { definition: SCAN_DEAD_LETTER_QUEUE, queuePrefix: 'dev', encryptionKey: testKey(s) });
    expect(queue.deadLetterQueue).toBeUndefined();
  });

  it.each<[Partial<QueueDefinition>, RegExp]>([
    [{ visibilityTimeoutSeconds: 50000 }, /definition.visibilityTimeoutSeconds must be an integer from 0 to 43200/],
    [{ messageRetentionSeconds: 10 }, /definition.messageRetentionSeconds must be an integer from 60 to 1209600/],
    [{ receiveWaitTimeSeconds: 21 }, /definition.receiveWaitTimeSeconds must be an integer from 0 to 20/],
    [{ deadLetter: { queue: SCAN_DEAD_LETTER_QUEUE, maxReceiveCount: 0 } }, /deadLetter.maxReceiveCount must be an integer from 1 to 1000/],
  ])('rejects %p', (override, message) => {
    const s = newStack();
    expect(() => new Queue(s, 'q', { definition: { ...SCAN_QUEUE, ...override }, queuePrefix: 'dev', encryptionKey: testKey(s) })).toThrow(
      message,
    );
  });

  it('rejects a bad prefix and data key reuse period', () => {
    const s = newStack();
    expect(() => new Queue(s, 'q1', { definition: SCAN_QUEUE, queuePrefix: 'dev env', encryptionKey: testKey(s) })).toThrow(/queuePrefix/);
    expect(
      () => new Queue(s, 'q2', { definition: SCAN_QUEUE, queuePrefix: 'dev', encryptionKey: testKey(s, 'k2'), kmsDataKeyReusePeriodSeconds: 5 }),
    ).toThrow(/kmsDataKeyReusePeriodSeconds must be an integer from 60 to 86400/);
  });
});
