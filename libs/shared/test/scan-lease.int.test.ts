import { ScanRepository, createAwsClients, newScanId, type AwsClients, type Scan } from '../src';
import { EmbeddedAws } from '../src/testing';

// The worker's lease on a running scan: heartbeats, take-over of a dead worker's scan, and the
// attempt conditions that stop a stale worker from overwriting the new owner.
let aws: EmbeddedAws;
let clients: AwsClients;
let scans: ScanRepository;
const PREFIX = 'lease-test';
const TENANT = 'tenant-lease';

beforeAll(async () => {
  aws = await EmbeddedAws.start({ tablePrefix: PREFIX });
  clients = createAwsClients({
    region: 'us-east-1',
    dynamoEndpointUrl: aws.env.AWS_ENDPOINT_URL_DYNAMODB,
    sqsEndpointUrl: aws.env.AWS_ENDPOINT_URL_SQS,
    tablePrefix: PREFIX,
    scanQueueUrl: aws.env.SCAN_QUEUE_URL,
  });
  scans = new ScanRepository(clients.dynamo, PREFIX);
});

afterAll(async () => {
  clients?.destroy();
  await aws?.stop();
});

const at = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000).toISOString();

async function createQueued(overrides: Partial<Scan> = {}): Promise<Scan> {
  const now = at(0);
  const scan: Scan = {
    tenantId: TENANT,
    scanId: newScanId(),
    status: 'queued',
    framework: 'gdpr',
    detectors: [],
    sizeBytes: 1,
    contentSha256: 'x',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    enqueuedAt: now,
    ...overrides,
  };
  await scans.create(scan);
  return scan;
}

describe('ScanRepository lease', () => {
  it('sets the heartbeat on claim and refreshes it only for the claimed attempt', async () => {
    const scan = await createQueued();
    const claimed = await scans.claim(TENANT, scan.scanId, at(0));
    expect(claimed?.heartbeatAt).toBe(claimed?.startedAt);
    const later = at(1);
    expect(await scans.heartbeat(TENANT, scan.scanId, 2, later)).toBe(false);
    expect(await scans.heartbeat(TENANT, scan.scanId, 1, later)).toBe(true);
    expect((await scans.get(TENANT, scan.scanId, true))?.heartbeatAt).toBe(later);
  });

  it('re-claims a running scan only when its heartbeat is older than the stale limit', async () => {
    const scan = await createQueued();
    const first = await scans.claim(TENANT, scan.scanId, at(-60));
    expect(first?.attempts).toBe(1);
    // Without the option, a running scan is never taken.
    expect(await scans.claim(TENANT, scan.scanId, at(0))).toBeUndefined();
    // A heartbeat newer than the limit means its worker is alive.
    expect(await scans.claim(TENANT, scan.scanId, at(0), { staleRunningBefore: at(-120) })).toBeUndefined();
    const second = await scans.claim(TENANT, scan.scanId, at(0), { staleRunningBefore: at(-30) });
    expect(second?.attempts).toBe(2);
    // The dead worker's attempt can no longer heartbeat, succeed or fail the scan.
    expect(await scans.heartbeat(TENANT, scan.scanId, 1, at(0))).toBe(false);
    expect(await scans.fail(TENANT, scan.scanId, 'late', at(0), { attempt: 1 })).toBe(false);
    expect(await scans.fail(TENANT, scan.scanId, 'scan failed 2 times: boom', at(0), { attempt: 2 })).toBe(true);
    const failed = await scans.get(TENANT, scan.scanId, true);
    expect(failed?.status).toBe('failed');
    expect(failed?.reason).toBe('scan failed 2 times: boom');
  });

  it('does not heartbeat or re-claim a cancelled scan', async () => {
    const scan = await createQueued();
    await scans.claim(TENANT, scan.scanId, at(-60));
    await scans.cancel(TENANT, scan.scanId, at(0));
    expect(await scans.heartbeat(TENANT, scan.scanId, 1, at(0))).toBe(false);
    expect(await scans.claim(TENANT, scan.scanId, at(0), { staleRunningBefore: at(0) })).toBeUndefined();
  });

  it('releases only the claimed attempt, with enqueuedAt at the time its message shows again', async () => {
    const scan = await createQueued({ enqueuedAt: at(-3600) });
    await scans.claim(TENANT, scan.scanId, at(0));
    expect(await scans.release(TENANT, scan.scanId, 2, at(0), at(30))).toBe(false);
    expect(await scans.release(TENANT, scan.scanId, 1, at(0), at(30))).toBe(true);
    const released = await scans.get(TENANT, scan.scanId, true);
    expect(released).toMatchObject({ status: 'queued', attempts: 1 });
    // A retry waiting out its backoff is not a lost scan: the sweeper does not see it yet.
    const stale = await scans.findStaleQueued(at(10), 100);
    expect(stale.map((s) => s.scanId)).not.toContain(scan.scanId);
    expect((await scans.findStaleQueued(at(40), 100)).map((s) => s.scanId)).toContain(scan.scanId);
  });

  it('lets exactly one sweeper requeue an abandoned running scan', async () => {
    const old = at(-3600);
    const scan = await createQueued({ enqueuedAt: old });
    const claimed = await scans.claim(TENANT, scan.scanId, at(-600));
    const candidates = await scans.findRunningEnqueuedBefore(at(-60), 100);
    expect(candidates.map((c) => c.scanId)).toContain(scan.scanId);
    const wins = await Promise.all([
      scans.requeueAbandoned(TENANT, scan.scanId, 1, claimed!.heartbeatAt!, at(0)),
      scans.requeueAbandoned(TENANT, scan.scanId, 1, claimed!.heartbeatAt!, at(0)),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    const requeued = await scans.get(TENANT, scan.scanId, true);
    expect(requeued?.status).toBe('queued');
    expect(requeued!.enqueuedAt! > old).toBe(true);
  });
});
