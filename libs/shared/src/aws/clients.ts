import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsConfig } from '../config/config';

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  destroy(): void;
}

/**
 * Builds the SDK clients. With an endpoint override (embedded emulators) and no credentials in
 * the environment, the SDK gets throwaway local credentials so `nx serve` needs no AWS account.
 */
export function createAwsClients(config: AwsConfig, options: { maxAttempts?: number; requestTimeoutMs?: number } = {}): AwsClients {
  const usesEmulator = Boolean(config.endpointUrl || config.dynamoEndpointUrl || config.sqsEndpointUrl);
  const credentials =
    usesEmulator && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE
      ? { accessKeyId: 'local', secretAccessKey: 'local' }
      : undefined;
  const common = {
    region: config.region,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
    // Fail fast when a dependency is down so the API answers 503 instead of hanging.
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 3000, connectionTimeout: 1000 },
  };
  const dynamoBase = new DynamoDBClient({ ...common, endpoint: config.dynamoEndpointUrl ?? config.endpointUrl });
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const sqs = new SQSClient({ ...common, endpoint: config.sqsEndpointUrl ?? config.endpointUrl });
  return {
    dynamo,
    sqs,
    destroy() {
      dynamoBase.destroy();
      sqs.destroy();
    },
  };
}

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'];
const UNAVAILABLE_NAMES = [
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalServerError',
];

/** True for errors that mean "the dependency is unreachable or overloaded", not "bad request". */
export function isUnavailableError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; message?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.code && NETWORK_CODES.includes(e.code)) return true;
  if (e.name && UNAVAILABLE_NAMES.includes(e.name)) return true;
  // The SDK's retry layer may re-wrap a network error so that only its message keeps the code.
  const message = e.message;
  if (typeof message === 'string' && NETWORK_CODES.some((code) => message.includes(code))) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return e.cause !== undefined && e.cause !== error && isUnavailableError(e.cause);
}
