import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SCANS_TABLE, physicalTableName } from '../definitions/tables';
import type { Scan, ScanStatus, ScanSummary } from '../domain/scan';
import type { Page } from './page';

export interface ListScansOptions {
  limit: number;
  status?: ScanStatus;
  startKey?: Record<string, unknown>;
}

export interface StaleScanKey {
  tenantId: string;
  scanId: string;
  enqueuedAt: string;
}

export interface ClaimOptions {
  /**
   * Also take over a `running` scan whose heartbeat is older than this ISO time: its worker died
   * (killed mid-scan) and the message came back. @default - only `queued` scans are claimed
   */
  staleRunningBefore?: string;
}

/**
 * Scans, keyed by tenant. Every state change is a conditional update on the current status
 * (and, for the worker, the attempt it claimed), so racing writers cannot undo each other.
 */
export class ScanRepository {
  readonly tableName: string;

  constructor(private readonly db: DynamoDBDocumentClient, tablePrefix: string) {
    this.tableName = physicalTableName(tablePrefix, SCANS_TABLE);
  }

  /** Creates the scan; returns false if a scan with this id already exists (idempotent retry). */
  async create(scan: Scan): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: scan, ConditionExpression: 'attribute_not_exists(scanId)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(tenantId: string, scanId: string, consistent = false): Promise<Scan | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { tenantId, scanId }, ConsistentRead: consistent }),
    );
    return result.Item as Scan | undefined;
  }

  /** Newest first (scan ids are ULIDs). A status filter may return short pages; the cursor still advances. */
  async list(tenantId: string, options: ListScansOptions): Promise<Page<Scan>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'tenantId = :tenantId',
        ExpressionAttributeValues: { ':tenantId': tenantId, ...(options.status ? { ':status': options.status } : {}) },
        ...(options.status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    );
    return { items: (result.Items ?? []) as Scan[], lastKey: result.LastEvaluatedKey };
  }

  /**
   * queued -> running with attempt + 1 (or a stale `running` scan re-claimed, see ClaimOptions).
   * Returns the claimed scan, or undefined when another worker (or a duplicate delivery) got there
   * first, the scan is alive elsewhere, or it was cancelled.
   */
  async claim(tenantId: string, scanId: string, now: string, options: ClaimOptions = {}): Promise<Scan | undefined> {
    const stale = options.staleRunningBefore;
    return this.conditionalUpdate(tenantId, scanId, {
      update:
        'SET #status = :running, attempts = if_not_exists(attempts, :zero) + :one, startedAt = :now, updatedAt = :now, heartbeatAt = :now',
      condition: stale
        ? '(#status = :queued OR (#status = :running AND (heartbeatAt < :stale OR (attribute_not_exists(heartbeatAt) AND updatedAt < :stale))))'
        : '#status = :queued',
      values: { ':running': 'running', ':queued': 'queued', ':zero': 0, ':one': 1, ':now': now, ...(stale ? { ':stale': stale } : {}) },
    });
  }

  /**
   * The worker holding `attempt` proves it is alive. False when the scan is no longer running for
   * that attempt (cancelled, or taken over after this worker was presumed dead): stop working on it.
   */
  async heartbeat(tenantId: string, scanId: string, attempt: number, now: string): Promise<boolean> {
    const scan = await this.conditionalUpdate(tenantId, scanId, {
      update: 'SET heartbeatAt = :now',
      condition: '#status = :running AND attempts = :attempt',
      values: { ':running': 'running', ':attempt': attempt, ':now': now },
    });
    return scan !== undefined;
  }

  /**
   * running -> queued for the same attempt: the worker gives a scan back (shutdown, failed attempt).
   * `visibleAt` is when its message shows again (a retry is delayed by backoff); it becomes the
   * scan's enqueuedAt, so the sweeper does not re-send a scan whose message is only waiting.
   */
  async release(tenantId: string, scanId: string, attempt: number, now: string, visibleAt: string = now): Promise<boolean> {
    const scan = await this.conditionalUpdate(tenantId, scanId, {
      update: 'SET #status = :queued, updatedAt = :now, enqueuedAt = :visibleAt',
      condition: '#status = :running AND attempts = :attempt',
      values: { ':queued': 'queued', ':running': 'running', ':attempt': attempt, ':now': now, ':visibleAt': visibleAt },
    });
    return scan !== undefined;
  }

  async succeed(tenantId: string, scanId: string, attempt: number, summary: ScanSummary, now: string): Promise<boolean> {
    const scan = await this.conditionalUpdate(tenantId, scanId, {
      update: 'SET #status = :succeeded, summary = :summary, finishedAt = :now, updatedAt = :now REMOVE reason',
      condition: '#status = :running AND attempts = :attempt',
      values: { ':succeeded': 'succeeded', ':running': 'running', ':attempt': attempt, ':summary': summary, ':now': now },
    });
    return scan !== undefined;
  }

  /**
   * Marks a non-terminal scan failed; used for poison messages and exhausted retries. With
   * `attempt`, only while the scan is still `running` for that attempt (a stale worker cannot fail
   * a scan another worker has taken over).
   */
  async fail(tenantId: string, scanId: string, reason: string, now: string, options: { attempt?: number } = {}): Promise<boolean> {
    const byAttempt = options.attempt !== undefined;
    const scan = await this.conditionalUpdate(tenantId, scanId, {
      update: 'SET #status = :failed, reason = :reason, finishedAt = :now, updatedAt = :now',
      condition: byAttempt ? '#status = :running AND attempts = :attempt' : '#status IN (:queued, :running)',
      values: {
        ':failed': 'failed',
        ':running': 'running',
        ':reason': reason,
        ':now': now,
        ...(byAttempt ? { ':attempt': options.attempt } : { ':queued': 'queued' }),
      },
    });
    return scan !== undefined;
  }

  /** queued|running -> cancelled. Returns the updated scan, or undefined if it was already terminal. */
  async cancel(tenantId: string, scanId: string, now: string): Promise<Scan | undefined> {
    return this.conditionalUpdate(tenantId, scanId, {
      update: 'SET #status = :cancelled, reason = :reason, finishedAt = :now, updatedAt = :now',
      condition: '#status IN (:queued, :running)',
      values: { ':cancelled': 'cancelled', ':queued': 'queued', ':running': 'running', ':reason': 'cancelled by client', ':now': now },
    });
  }

  /** Scans still `queued` whose last enqueue is older than `before` (ISO time), oldest first. */
  async findStaleQueued(before: string, limit: number): Promise<StaleScanKey[]> {
    return this.findByStatusEnqueuedBefore('queued', before, limit);
  }

  /**
   * Scans `running` since an enqueue older than `before`: candidates for the sweeper, which reads
   * each one's heartbeat (not in the KEYS_ONLY index) to tell a long scan from a dead worker's.
   */
  async findRunningEnqueuedBefore(before: string, limit: number): Promise<StaleScanKey[]> {
    return this.findByStatusEnqueuedBefore('running', before, limit);
  }

  /**
   * running -> queued for a scan whose worker died, only if its attempt and heartbeat are still the
   * ones the sweeper read: of several sweepers (or a sweeper and a late heartbeat) exactly one wins.
   */
  async requeueAbandoned(tenantId: string, scanId: string, attempt: number, heartbeatAt: string, now: string): Promise<boolean> {
    const scan = await this.conditionalUpdate(tenantId, scanId, {
      update: 'SET #status = :queued, updatedAt = :now, enqueuedAt = :now',
      condition: '#status = :running AND attempts = :attempt AND heartbeatAt = :heartbeatAt',
      values: { ':queued': 'queued', ':running': 'running', ':attempt': attempt, ':heartbeatAt': heartbeatAt, ':now': now },
    });
    return scan !== undefined;
  }

  private async findByStatusEnqueuedBefore(status: ScanStatus, before: string, limit: number): Promise<StaleScanKey[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status AND enqueuedAt < :before',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':before': before },
        Limit: limit,
      }),
    );
    return (result.Items ?? []) as StaleScanKey[];
  }

  /**
   * Moves enqueuedAt forward only if nobody else did: of several sweepers racing on one scan,
   * exactly one wins and re-sends the message. `nextEnqueuedAt` later than now postpones the next
   * re-send (the sweeper backs off), and `reenqueues` counts the re-sends.
   */
  async markReenqueued(tenantId: string, scanId: string, previousEnqueuedAt: string, now: string, nextEnqueuedAt: string = now): Promise<boolean> {
    const scan = await this.conditionalUpdate(tenantId, scanId, {
      update: 'SET enqueuedAt = :next, updatedAt = :now ADD reenqueues :one',
      condition: '#status = :queued AND enqueuedAt = :previous',
      values: { ':queued': 'queued', ':previous': previousEnqueuedAt, ':now': now, ':next': nextEnqueuedAt, ':one': 1 },
    });
    return scan !== undefined;
  }

  private async conditionalUpdate(
    tenantId: string,
    scanId: string,
    expression: { update: string; condition: string; values: Record<string, unknown> },
  ): Promise<Scan | undefined> {
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tenantId, scanId },
          UpdateExpression: expression.update,
          ConditionExpression: `attribute_exists(scanId) AND ${expression.condition}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: expression.values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes as Scan;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
