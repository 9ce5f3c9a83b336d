import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTables } from '../provisioning/create-tables';
import { createScanQueues } from '../provisioning/create-queues';
import { freePort } from './free-port';

export interface EmbeddedAwsOptions {
  /** Physical name prefix of tables and queues. @default 'docscan-local' */
  tablePrefix?: string;
  /** Persist DynamoDB data in this folder (LevelDB). @default - in memory */
  dataDir?: string;
  /** Forward emulator output to this process's stderr. @default false */
  verbose?: boolean;
  region?: string;
  /** Create the shared definitions' tables and queues. @default true (false: empty emulators, `env` unset) */
  provision?: boolean;
}

/** Environment variables that point the apps at the emulators. */
export interface EmbeddedAwsEnv {
  AWS_REGION: string;
  AWS_ENDPOINT_URL_DYNAMODB: string;
  AWS_ENDPOINT_URL_SQS: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  TABLE_PREFIX: string;
  SCAN_QUEUE_URL: string;
  SCAN_DLQ_URL: string;
}

/**
 * DynamoDB (dynalite) and SQS (fauxqs) on loopback, each in its own child process so tests can
 * stop and restart one to simulate an outage. Tables and queues come from the shared definitions.
 */
export class EmbeddedAws {
  private dynamo?: ChildProcess;
  private sqs?: ChildProcess;
  private dynamoPort = 0;
  private sqsPort = 0;
  env!: EmbeddedAwsEnv;

  private constructor(private readonly options: Required<Omit<EmbeddedAwsOptions, 'dataDir' | 'provision'>> & { dataDir?: string }) {}

  static async start(options: EmbeddedAwsOptions = {}): Promise<EmbeddedAws> {
    const aws = new EmbeddedAws({
      tablePrefix: options.tablePrefix ?? 'docscan-local',
      verbose: options.verbose ?? false,
      region: options.region ?? 'us-east-1',
      dataDir: options.dataDir,
    });
    try {
      aws.dynamoPort = await freePort();
      aws.sqsPort = await freePort();
      await Promise.all([aws.startDynamo(), aws.startSqs()]);
      if (options.provision ?? true) await aws.provision();
    } catch (error) {
      await aws.stop();
      throw error;
    }
    return aws;
  }

  get dynamoEndpoint(): string {
    return `http://127.0.0.1:${this.dynamoPort}`;
  }

  get sqsEndpoint(): string {
    return `http://127.0.0.1:${this.sqsPort}`;
  }

  /** Starts (or restarts) dynalite on the same port. */
  async startDynamo(): Promise<void> {
    const cli = require.resolve('dynalite/cli.js');
    const args = [cli, '--host', '127.0.0.1', '--port', String(this.dynamoPort), '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0'];
    if (this.options.dataDir) {
      mkdirSync(this.options.dataDir, { recursive: true });
      args.push('--path', this.options.dataDir);
    }
    this.dynamo = await this.spawnUntil(args, 'Dynalite listening');
  }

  async startSqs(): Promise<void> {
    this.sqs = await this.spawnUntil([path.join(__dirname, 'fauxqs-server.mjs'), String(this.sqsPort)], 'fauxqs listening');
  }

  async stopDynamo(): Promise<void> {
    await kill(this.dynamo);
    this.dynamo = undefined;
  }

  /** Stopping SQS loses its messages (fauxqs keeps them in memory), like a purge: the sweeper must recover. */
  async stopSqs(): Promise<void> {
    await kill(this.sqs);
    this.sqs = undefined;
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopDynamo(), this.stopSqs()]);
  }

  /** Creates tables and queues; safe to call again after a restart. */
  async provision(): Promise<void> {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const dynamo = new DynamoDBClient({ region: this.options.region, endpoint: this.dynamoEndpoint, credentials });
    const sqs = new SQSClient({ region: this.options.region, endpoint: this.sqsEndpoint, credentials });
    try {
      await createTables(dynamo, this.options.tablePrefix);
      const queues = await createScanQueues(sqs, this.options.tablePrefix);
      this.env = {
        AWS_REGION: this.options.region,
        AWS_ENDPOINT_URL_DYNAMODB: this.dynamoEndpoint,
        AWS_ENDPOINT_URL_SQS: this.sqsEndpoint,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        TABLE_PREFIX: this.options.tablePrefix,
        SCAN_QUEUE_URL: queues.scanQueueUrl,
        SCAN_DLQ_URL: queues.deadLetterQueueUrl,
      };
    } finally {
      dynamo.destroy();
      sqs.destroy();
    }
  }

  private async spawnUntil(args: string[], readyText: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_REGION: this.options.region } });
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`emulator did not start in 15 s: ${output.slice(-500)}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (this.options.verbose) process.stderr.write(chunk);
        if (output.includes(readyText)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (this.options.verbose) process.stderr.write(chunk);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`emulator exited with code ${code}: ${output.slice(-500)}`));
      });
    });
    await ready;
    return child;
  }
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
