import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, loadApiConfig, loadWorkerConfig } from '../src';
import { EmbeddedAws } from '../src/testing';

let aws: EmbeddedAws;
beforeAll(async () => (aws = await EmbeddedAws.start({ tablePrefix: 'embedded-test' })));
afterAll(async () => aws?.stop());

describe('EmbeddedAws', () => {
  it('exposes an environment both apps accept as configuration', () => {
    const worker = loadWorkerConfig({ ...aws.env });
    expect(worker.aws.scanQueueUrl).toBe(aws.env.SCAN_QUEUE_URL);
    expect(new URL(aws.env.SCAN_QUEUE_URL).pathname).toMatch(/\/embedded-test-scan-requests$/);
    expect(() => loadApiConfig({ ...aws.env, CURSOR_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it('serves the queue at that URL through the SDK', async () => {
    const clients = createAwsClients(loadWorkerConfig({ ...aws.env }).aws);
    try {
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: aws.env.SCAN_QUEUE_URL, MessageBody: '{"tenantId":"t","scanId":"s"}' }));
      const received = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: aws.env.SCAN_QUEUE_URL, WaitTimeSeconds: 1 }));
      expect(received.Messages?.[0]?.Body).toBe('{"tenantId":"t","scanId":"s"}');
    } finally {
      clients.destroy();
    }
  });
});
