import { FindingRepository, ScanRepository, createAwsClients, type AwsClients, type Scan } from '@platform/shared';
import { EmbeddedAws } from '@platform/shared/testing';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { submitScan, type SubmitOptions } from './submit-scan';
import type { WorkerProcess } from './worker-process';

/** Embedded DynamoDB + SQS for one test file, with the repositories a test reads results from. */
export class TestEnvironment {
  readonly workers: WorkerProcess[] = [];

  private constructor(
    readonly aws: EmbeddedAws,
    readonly clients: AwsClients,
    readonly prefix: string,
  ) {}

  /** `dataDir` keeps DynamoDB's data on disk, so a test can stop and restart it (an outage). */
  static async start(prefix: string, options: { dataDir?: string } = {}): Promise<TestEnvironment> {
    const aws = await EmbeddedAws.start({ tablePrefix: prefix, dataDir: options.dataDir });
    const clients = createAwsClients({
      region: aws.env.AWS_REGION,
      dynamoEndpointUrl: aws.env.AWS_ENDPOINT_URL_DYNAMODB,
      sqsEndpointUrl: aws.env.AWS_ENDPOINT_URL_SQS,
      tablePrefix: prefix,
      scanQueueUrl: aws.env.SCAN_QUEUE_URL,
    });
    return new TestEnvironment(aws, clients, prefix);
  }

  get env(): Record<string, string> {
    return { ...this.aws.env };
  }

  get scans(): ScanRepository {
    return new ScanRepository(this.clients.dynamo, this.prefix);
  }

  get findings(): FindingRepository {
    return new FindingRepository(this.clients.dynamo, this.prefix);
  }

  submit(content: string, options?: SubmitOptions): Promise<Scan> {
    return submitScan(this.clients, this.prefix, this.aws.env.SCAN_QUEUE_URL, content, options);
  }

  async statuses(scans: Scan[]): Promise<Scan[]> {
    return Promise.all(scans.map(async (s) => (await this.scans.get(s.tenantId, s.scanId, true))!));
  }

  /** Receives from the dead-letter queue (messages stay there for the next call after 1 s). */
  async deadLetters(): Promise<string[]> {
    const result = await this.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: this.aws.env.SCAN_DLQ_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 1 }),
    );
    return (result.Messages ?? []).map((m) => m.Body ?? '');
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.kill('SIGKILL')));
    this.clients.destroy();
    await this.aws.stop();
  }
}
