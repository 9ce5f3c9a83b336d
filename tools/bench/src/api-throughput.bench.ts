/**
 * API throughput: the API bundle on embedded DynamoDB/SQS next to a bare Fastify server (fixed
 * JSON body), both as their own processes on loopback, loaded by autocannon in this process, one
 * after the other in the same run. Measures GET /v1/scans/:id on `queued` scans (every GET reads
 * DynamoDB), GET /v1/scans/:id on `succeeded` scans (moved there through ScanRepository claim +
 * succeed, as the worker does; the API serves them from its terminal-scan cache with the production
 * SCAN_CACHE_* defaults) and the bare server in alternating rounds (medians), POST /v1/scans (a distinct Idempotency-Key per request) at full load
 * (requests/s, p50/p99), then GET
 * (both kinds) once more paced at half the bare server's requests/s to check the p99 target at that load. To
 * show where time goes it also loads the API's /healthz (every plugin, no database) and the
 * embedded DynamoDB's GetItem directly (the one call behind GET /v1/scans/:id), the same GetItem
 * through the AWS SDK from this process (no HTTP server in front), and, in the same
 * rounds, both GETs on a second API process logging at `warn` instead of `info` (no per-request lines).
 * The rate limit is raised for the bench key through RATE_LIMIT_PER_MINUTE (configuration only).
 *
 *   npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/api-throughput.bench.ts
 *
 * Writes tools/bench/results/api-throughput.json.
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ScanRepository, createAwsClients, loadApiConfig } from '@platform/shared';
import { freePort } from '@platform/shared/testing';
import { machineLoad, runMain, writeResult, type BenchResult } from './support/bench-result';
import { NodeProcess, buildBundles, startApi, startBackend, type Backend } from './support/services';
import { finishScans } from './support/finish-scans';
import { processCpuMs } from './support/process-cpu';
import { median, round } from './support/stats';

const NAME = 'api-throughput';
const CONNECTIONS = 10;
const DURATION_S = 3;
// The API keeps getting faster for a few seconds (JIT of the SDK and Fastify paths): warm up past that.
const WARMUP_S = 3;
/** bare and GET (queued and finished scans, at LOG_LEVEL=info and warn) are measured in alternating rounds of ROUND_S seconds. */
const ROUNDS = 3;
const ROUND_S = 2;
const SEED_SCANS = 20;
/** Finished (cached) scans: GET against the bare server. */
const TARGET_GET_RATIO = 0.6;
/** Queued scans (one GetItem each): GET against the minimal Fastify + SDK GetItem server. */
const TARGET_SDK_RATIO = 0.8;
/** The paced runs offer this fraction of the bare server's rate. */
const PACED_FRACTION = 0.5;
const TARGET_P99_MS = 20;
const DOCUMENT = 'Invoice 2026-0042 for Jane Doe, jane.doe@example.org, +44 20 7946 0958. Card on file ends 4242. Thanks for your business.';

export interface LoadSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  non2xx: number;
  errors: number;
  /** CPU ms the server process spent per answered request (undefined without /proc). */
  cpuMsPerRequest?: number;
}

function summarize(result: autocannon.Result): LoadSummary {
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: round(result.latency.p50, 2),
    p99Ms: round(result.latency.p99, 2),
    maxMs: round(result.latency.max, 2),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** One autocannon run; with `serverPid`, also the server's CPU time per request. */
async function load(options: autocannon.Options, seconds = DURATION_S, serverPid?: number): Promise<LoadSummary> {
  const cpuBefore = processCpuMs(serverPid);
  const summary = summarize(await autocannon({ connections: CONNECTIONS, duration: seconds, ...options }));
  const cpuAfter = processCpuMs(serverPid);
  if (cpuBefore === undefined || cpuAfter === undefined || summary.total === 0) return summary;
  return { ...summary, cpuMsPerRequest: round((cpuAfter - cpuBefore) / summary.total, 3) };
}

async function createScans(baseUrl: string, authorization: string, count: number, tag: string): Promise<Array<{ scanId: string; content: string }>> {
  const scans: Array<{ scanId: string; content: string }> = [];
  for (let i = 0; i < count; i++) {
    const content = `${DOCUMENT} ${tag} #${i}`;
    const response = await fetch(`${baseUrl}/v1/scans`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ content }),
    });
    if (response.status !== 202) throw new Error(`seeding POST /v1/scans answered ${response.status}: ${await response.text()}`);
    scans.push({ scanId: ((await response.json()) as { id: string }).id, content });
  }
  return scans;
}

/** Fails the bench unless every scan answers GET with `status`: the two GET cases must measure what they say. */
async function expectStatus(baseUrl: string, authorization: string, ids: readonly string[], status: string): Promise<void> {
  for (const id of ids) {
    const response = await fetch(`${baseUrl}/v1/scans/${id}`, { headers: { authorization } });
    const body = (await response.json()) as { status?: string };
    if (response.status !== 200 || body.status !== status) {
      throw new Error(`GET /v1/scans/${id} answered ${response.status} with status ${String(body.status)}, expected ${status}`);
    }
  }
}

/**
 * The repository's GetItem through the AWS SDK from this process, 10 at a time, no HTTP server in
 * front: what one SDK call per request costs on its own.
 */
async function sdkGetItem(backend: Backend, scanId: string, seconds: number): Promise<{ callsPerSecond: number; cpuMsPerCall?: number }> {
  const clients = createAwsClients(loadApiConfig(backend.env).aws);
  const scans = new ScanRepository(clients.dynamo, String(backend.env.TABLE_PREFIX));
  const burst = async (ms: number) => {
    let calls = 0;
    const end = Date.now() + ms;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        await scans.get('bench', scanId);
        calls++;
      }
    }));
    return calls;
  };
  try {
    await burst(WARMUP_S * 1000);
    const cpuBefore = processCpuMs(process.pid);
    const calls = await burst(seconds * 1000);
    const cpuAfter = processCpuMs(process.pid);
    return {
      callsPerSecond: round(calls / seconds),
      ...(cpuBefore !== undefined && cpuAfter !== undefined && calls > 0 ? { cpuMsPerCall: round((cpuAfter - cpuBefore) / calls, 3) } : {}),
    };
  } finally {
    clients.destroy();
  }
}

/** Median of each figure over rounds: the machine is shared, so alternating rounds spreads its noise over all sides. */
export function medianSummary(rounds: LoadSummary[]): LoadSummary & { roundsRequestsPerSecond: number[] } {
  const med = (pick: (r: LoadSummary) => number) => median(rounds.map(pick));
  return {
    requestsPerSecond: med((r) => r.requestsPerSecond),
    p50Ms: med((r) => r.p50Ms),
    p99Ms: med((r) => r.p99Ms),
    maxMs: Math.max(...rounds.map((r) => r.maxMs)),
    total: rounds.reduce((sum, r) => sum + r.total, 0),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    roundsRequestsPerSecond: rounds.map((r) => r.requestsPerSecond),
    ...(rounds.every((r) => r.cpuMsPerRequest !== undefined) ? { cpuMsPerRequest: med((r) => r.cpuMsPerRequest as number) } : {}),
  };
}

/** Progress on stderr, so a long run shows where it is (stdout carries the result). */
function progress(message: string): void {
  process.stderr.write(`api-throughput: ${message}\n`);
}

export async function run(): Promise<BenchResult> {
  progress('building bundles');
  buildBundles();
  const backend = await startBackend(`bench-api-${process.pid}`);
  const barePort = await freePort();
  const bare = NodeProcess.spawn(join(__dirname, 'support/bare-server.ts'), { PATH: process.env.PATH, PORT: String(barePort) }, ['--import', 'tsx'], 'bare');
  const sdkPort = await freePort();
  const sdkServer = NodeProcess.spawn(
    join(__dirname, 'support/sdk-server.ts'),
    { ...backend.env, PORT: String(sdkPort), TSX_TSCONFIG_PATH: join(__dirname, '../tsconfig.json') },
    ['--import', 'tsx'],
    'sdk-server',
  );
  const apps: Array<Awaited<ReturnType<typeof startApi>>> = [];
  try {
    // Production settings except the per-key rate limit, which would otherwise cap the bench at 600/min.
    const api = await startApi(backend, { RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'info' });
    apps.push(api);
    // A second API process, identical but without per-request log lines, to price the logging.
    const quietApi = await startApi(backend, { RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' });
    apps.push(quietApi);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await bare.waitHealthy(`${bareUrl}/healthz`, process.hrtime.bigint());
    const sdkUrl = `http://127.0.0.1:${sdkPort}`;
    await sdkServer.waitHealthy(`${sdkUrl}/healthz`, process.hrtime.bigint());
    progress('seeding scans');
    const authorization = `Bearer ${backend.apiKey}`;
    const ids = (await createScans(api.baseUrl, authorization, SEED_SCANS, 'queued')).map((s) => s.scanId);
    // A second set taken to `succeeded` before any GET, so no API process ever saw them queued.
    const finished = await createScans(api.baseUrl, authorization, SEED_SCANS, 'finished');
    await finishScans(backend, 'bench', finished);
    const finishedIds = finished.map((s) => s.scanId);
    await expectStatus(api.baseUrl, authorization, ids, 'queued');
    await expectStatus(api.baseUrl, authorization, finishedIds, 'succeeded');

    const getScanOn = (baseUrl: string, scanIds: readonly string[]) => {
      let next = 0;
      return {
        url: baseUrl,
        headers: { authorization },
        requests: [{ method: 'GET', setupRequest: (r: autocannon.RawRequest) => ({ ...r, path: `/v1/scans/${scanIds[next++ % scanIds.length]}` }) }],
      };
    };
    const getScan = getScanOn(api.baseUrl, ids);
    const getFinishedScan = getScanOn(api.baseUrl, finishedIds);
    const quietGetScan = getScanOn(quietApi.baseUrl, ids);
    const quietGetFinishedScan = getScanOn(quietApi.baseUrl, finishedIds);
    const sdkGetScan = getScanOn(sdkUrl, ids);
    let key = 0;
    const postScan = {
      url: api.baseUrl,
      requests: [
        {
          method: 'POST',
          path: '/v1/scans',
          body: JSON.stringify({ content: DOCUMENT }),
          setupRequest: (r: autocannon.RawRequest) => ({
            ...r,
            headers: { authorization, 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${key++}` },
          }),
        },
      ],
    };
    const bareGet = { url: `${bareUrl}/v1/scans/${ids[0]}` };
    const apiHealthz = { url: `${api.baseUrl}/healthz` };
    // The GetItem the repository sends, straight to dynalite (it checks that a signature is present, not its value).
    const dynamoGetItem = {
      url: backend.aws.dynamoEndpoint,
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
        'x-amz-date': '20260101T000000Z',
      },
      body: JSON.stringify({ TableName: `${backend.env.TABLE_PREFIX}-scans`, Key: { tenantId: { S: 'bench' }, scanId: { S: ids[0] } } }),
    };

    // JIT, connection pools, auth cache; the bare server needs little.
    progress(`warm-up (${WARMUP_S} s per target)`);
    await load(bareGet, 1);
    for (const target of [getScan, getFinishedScan, quietGetScan, quietGetFinishedScan, sdkGetScan]) await load(target, WARMUP_S);
    const rounds = {
      bare: [] as LoadSummary[],
      sdk: [] as LoadSummary[],
      get: [] as LoadSummary[],
      finishedGet: [] as LoadSummary[],
      quietGet: [] as LoadSummary[],
      quietFinishedGet: [] as LoadSummary[],
    };
    for (let i = 0; i < ROUNDS; i++) {
      progress(`round ${i + 1} of ${ROUNDS}`);
      rounds.bare.push(await load(bareGet, ROUND_S, bare.child.pid));
      rounds.sdk.push(await load(sdkGetScan, ROUND_S, sdkServer.child.pid));
      rounds.get.push(await load(getScan, ROUND_S, api.process.child.pid));
      rounds.finishedGet.push(await load(getFinishedScan, ROUND_S, api.process.child.pid));
      rounds.quietGet.push(await load(quietGetScan, ROUND_S, quietApi.process.child.pid));
      rounds.quietFinishedGet.push(await load(quietGetFinishedScan, ROUND_S, quietApi.process.child.pid));
    }
    const bareResult = medianSummary(rounds.bare);
    const sdkResult = medianSummary(rounds.sdk);
    const getResult = medianSummary(rounds.get);
    const finishedGetResult = medianSummary(rounds.finishedGet);
    const getWarnLogging = medianSummary(rounds.quietGet);
    const finishedGetWarnLogging = medianSummary(rounds.quietFinishedGet);
    progress('POST, /healthz, dynalite and SDK alone');
    const postResult = await load(postScan, DURATION_S, api.process.child.pid);
    const healthzResult = await load(apiHealthz, ROUND_S, api.process.child.pid);
    const dynamoResult = await load(dynamoGetItem, ROUND_S);
    const sdkInProcess = await sdkGetItem(backend, ids[0], ROUND_S);
    progress('paced runs');
    // p99 at the target load (half the bare rate) and, if the API cannot reach that, at 80% of what it did reach.
    const targetRate = Math.max(1, Math.round(bareResult.requestsPerSecond * PACED_FRACTION));
    const getAtTarget = await load({ ...getScan, overallRate: targetRate });
    const sustainableRate = Math.max(1, Math.round(getResult.requestsPerSecond * 0.8));
    const getAtSustainable = sustainableRate < targetRate ? await load({ ...getScan, overallRate: sustainableRate }) : undefined;
    const finishedAtTarget = await load({ ...getFinishedScan, overallRate: targetRate }, DURATION_S, api.process.child.pid);
    const finishedSustainableRate = Math.max(1, Math.round(finishedGetResult.requestsPerSecond * 0.8));
    const finishedAtSustainable =
      finishedSustainableRate < targetRate ? await load({ ...getFinishedScan, overallRate: finishedSustainableRate }, DURATION_S, api.process.child.pid) : undefined;

    const getRatio = round(getResult.requestsPerSecond / bareResult.requestsPerSecond, 3);
    const finishedRatio = round(finishedGetResult.requestsPerSecond / bareResult.requestsPerSecond, 3);
    const sdkRatio = round(getResult.requestsPerSecond / sdkResult.requestsPerSecond, 3);
    const metAtTarget = (paced: LoadSummary) => paced.p99Ms < TARGET_P99_MS && paced.requestsPerSecond >= targetRate * 0.95;
    const result: BenchResult = {
      name: NAME,
      value: getRatio,
      unit: 'GET /v1/scans/:id (queued scans) requests/s as a fraction of the bare Fastify server',
      details: {
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        roundRobin: `bare, the Fastify + SDK GetItem server, GET (queued scans), GET (finished scans) and both GETs at LOG_LEVEL=warn alternated in ${ROUNDS} rounds of ${ROUND_S} s; medians reported`,
        bare: bareResult,
        sdkServerGet: sdkResult,
        getScan: getResult,
        getFinishedScan: finishedGetResult,
        postScan: postResult,
        getScanAtTargetLoad: { offeredRequestsPerSecond: targetRate, ...getAtTarget },
        getScanAt80PercentOfMax: getAtSustainable ? { offeredRequestsPerSecond: sustainableRate, ...getAtSustainable } : null,
        getFinishedScanAtTargetLoad: { offeredRequestsPerSecond: targetRate, ...finishedAtTarget },
        getFinishedScanAt80PercentOfMax: finishedAtSustainable ? { offeredRequestsPerSecond: finishedSustainableRate, ...finishedAtSustainable } : null,
        getScanLogLevelWarn: getWarnLogging,
        getFinishedScanLogLevelWarn: finishedGetWarnLogging,
        apiHealthz: healthzResult,
        dynamoGetItemDirect: dynamoResult,
        sdkGetItemInProcess: sdkInProcess,
        getToBareRatio: getRatio,
        getFinishedToBareRatio: finishedRatio,
        getToSdkServerRatio: sdkRatio,
        postToBareRatio: round(postResult.requestsPerSecond / bareResult.requestsPerSecond, 3),
        targets: {
          getToBareRatioAtLeast: TARGET_GET_RATIO,
          getToSdkServerRatioAtLeast: TARGET_SDK_RATIO,
          sdkRatioMet: sdkRatio >= TARGET_SDK_RATIO,
          p99BelowMs: TARGET_P99_MS,
          getRatioMet: getRatio >= TARGET_GET_RATIO,
          // p99 at the target load: GET paced at half the bare server's requests/s.
          p99AtTargetLoadMet: metAtTarget(getAtTarget),
          finishedGetRatioMet: finishedRatio >= TARGET_GET_RATIO,
          finishedP99AtTargetLoadMet: metAtTarget(finishedAtTarget),
        },
        seededScans: { queued: SEED_SCANS, succeeded: SEED_SCANS },
        setup: 'API bundle (dist/apps/api, LOG_LEVEL=info, RATE_LIMIT_PER_MINUTE raised, SCAN_CACHE_* defaults) on dynalite + fauxqs; bare Fastify without plugins or logging; autocannon in the bench process; all on one 2-core machine',
        node: process.version,
        ...machineLoad(),
        measuredAt: new Date().toISOString(),
      },
    };
    return writeResult(result);
  } finally {
    await Promise.all([...apps.map((app) => app.process.stop()), bare.stop(), sdkServer.stop()]);
    await backend.stop();
  }
}

if (require.main === module) runMain(NAME, run);
