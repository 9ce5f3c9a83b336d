import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { API_KEYS_TABLE, physicalTableName } from '../definitions/tables';

export interface ApiKeyRecord {
  keyHash: string;
  tenantId: string;
  name: string;
  createdAt: string;
}

export const API_KEY_PREFIX = 'dsk_';

/** 32 random bytes: high entropy, so a fast hash (sha256) is enough; no password KDF needed. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** API keys stored only as sha256 hashes; each key belongs to exactly one tenant. */
export class ApiKeyRepository {
  readonly tableName: string;

  constructor(private readonly db: DynamoDBDocumentClient, tablePrefix: string) {
    this.tableName = physicalTableName(tablePrefix, API_KEYS_TABLE);
  }

  async register(key: string, tenantId: string, name: string): Promise<ApiKeyRecord> {
    const record: ApiKeyRecord = { keyHash: hashApiKey(key), tenantId, name, createdAt: new Date().toISOString() };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: record }));
    return record;
  }

  async findByKey(key: string): Promise<ApiKeyRecord | undefined> {
    return this.findByHash(hashApiKey(key));
  }

  /** For callers that already hold the hash (the API hashes once per request for its cache). */
  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { keyHash } }));
    return result.Item as ApiKeyRecord | undefined;
  }
}
