import type { BenchResult } from '../support/bench-result';
import { formatNumber, type Bar, type BarChart } from './bar-chart';

/** What the report shows for one benchmark: a chart and a table of figures. */
export interface BenchView {
  name: string;
  title: string;
  description: string;
  chart: BarChart;
  rows: Array<[string, string]>;
}

type Details = Record<string, unknown>;

/** A number at a dotted path in the details, or undefined: results from older runs may lack fields. */
export function num(details: Details, path: string): number | undefined {
  let value: unknown = details;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Details)[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const bars = (entries: Array<[string, number | undefined]>): Bar[] =>
  entries.filter((e): e is [string, number] => e[1] !== undefined).map(([label, value]) => ({ label, value }));
const fmt = (value: number | undefined, unit = ''): string => (value === undefined ? 'n/a' : `${formatNumber(value)}${unit}`);
const verdict = (met: unknown): string => (met === true ? 'met' : met === false ? '**not met**' : 'n/a');
const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b ? a / b : undefined);

function apiThroughput(r: BenchResult): BenchView {
  const d = r.details;
  const bare = num(d, 'bare.requestsPerSecond');
  const targets = d.targets as Details | undefined;
  // Run only when the GET could not keep up with half the bare rate.
  const paced80 = (key: string, label: string): [string, string] => [
    `${label} paced at 80% of its own maximum: achieved req/s, p99`,
    num(d, `${key}.requestsPerSecond`) === undefined ? 'not run' : `${fmt(num(d, `${key}.requestsPerSecond`))}, ${fmt(num(d, `${key}.p99Ms`), ' ms')}`,
  ];
  const load = (key: string, label: string): Array<[string, string]> => [
    [`${label}: requests/s (ratio to bare)`, `${fmt(num(d, `${key}.requestsPerSecond`))} (${fmt(ratio(num(d, `${key}.requestsPerSecond`), bare))})`],
    [`${label}: p50 / p99 latency`, `${fmt(num(d, `${key}.p50Ms`), ' ms')} / ${fmt(num(d, `${key}.p99Ms`), ' ms')}`],
  ];
  return {
    name: r.name,
    title: 'API throughput',
    description:
      `autocannon, ${d.connections ?? '?'} connections, against the API bundle on the embedded DynamoDB/SQS and a bare Fastify server ` +
      'in the same run; bare and GET alternate in rounds (medians). GET on `queued` scans reads DynamoDB every time (the uncached path); ' +
      'GET on `succeeded` scans is served by the API\'s terminal-scan cache after the first read. Latencies have autocannon\'s 1 ms resolution.',
    chart: {
      title: `Requests per second (${d.connections ?? '?'} connections)`,
      unit: 'req/s',
      bars: bars([
        ['bare Fastify, fixed JSON', bare],
        ['API GET /healthz', num(d, 'apiHealthz.requestsPerSecond')],
        ['dynalite GetItem, direct', num(d, 'dynamoGetItemDirect.requestsPerSecond')],
        ['AWS SDK GetItem, in process', num(d, 'sdkGetItemInProcess.callsPerSecond')],
        ['Fastify + SDK GetItem, minimal', num(d, 'sdkServerGet.requestsPerSecond')],
        ['API GET finished (cached)', num(d, 'getFinishedScan.requestsPerSecond')],
        ['API GET queued (DynamoDB)', num(d, 'getScan.requestsPerSecond')],
        ['API GET finished, warn logs', num(d, 'getFinishedScanLogLevelWarn.requestsPerSecond')],
        ['API GET queued, warn logs', num(d, 'getScanLogLevelWarn.requestsPerSecond')],
        ['API POST /v1/scans', num(d, 'postScan.requestsPerSecond')],
      ]),
      target: bare !== undefined ? { value: bare * 0.6, label: 'target: 60% of bare' } : undefined,
    },
    rows: [
      ...load('bare', 'bare Fastify'),
      ...load('sdkServerGet', 'minimal Fastify + SDK GetItem (same emulator)'),
      ...load('getScan', 'GET /v1/scans/:id (queued scan)'),
      ...load('getFinishedScan', 'GET /v1/scans/:id (finished scan)'),
      ...load('postScan', 'POST /v1/scans'),
      ...load('getScanLogLevelWarn', 'GET /v1/scans/:id (queued scan), LOG_LEVEL=warn'),
      ...load('getFinishedScanLogLevelWarn', 'GET /v1/scans/:id (finished scan), LOG_LEVEL=warn'),
      ...load('apiHealthz', 'API GET /healthz'),
      ...load('dynamoGetItemDirect', 'dynalite GetItem'),
      [
        'server CPU ms per request: bare / minimal SDK server / GET queued / GET queued at warn / GET finished / GET finished at warn / POST / API /healthz',
        ['bare', 'sdkServerGet', 'getScan', 'getScanLogLevelWarn', 'getFinishedScan', 'getFinishedScanLogLevelWarn', 'postScan', 'apiHealthz'].map((key) => fmt(num(d, `${key}.cpuMsPerRequest`))).join(' / '),
      ],
      [
        'AWS SDK GetItem in the bench process (no server): calls/s, client CPU ms per call',
        `${fmt(num(d, 'sdkGetItemInProcess.callsPerSecond'))}, ${fmt(num(d, 'sdkGetItemInProcess.cpuMsPerCall'))}`,
      ],
      [
        'GET queued scan paced at 50% of bare: offered / achieved req/s, p99',
        `${fmt(num(d, 'getScanAtTargetLoad.offeredRequestsPerSecond'))} / ${fmt(num(d, 'getScanAtTargetLoad.requestsPerSecond'))}, ${fmt(num(d, 'getScanAtTargetLoad.p99Ms'), ' ms')}`,
      ],
      [
        'GET finished scan paced at 50% of bare: offered / achieved req/s, p99',
        num(d, 'getFinishedScanAtTargetLoad.requestsPerSecond') === undefined
          ? 'not run'
          : `${fmt(num(d, 'getFinishedScanAtTargetLoad.offeredRequestsPerSecond'))} / ${fmt(num(d, 'getFinishedScanAtTargetLoad.requestsPerSecond'))}, ${fmt(num(d, 'getFinishedScanAtTargetLoad.p99Ms'), ' ms')}`,
      ],
      paced80('getScanAt80PercentOfMax', 'GET queued scan'),
      paced80('getFinishedScanAt80PercentOfMax', 'GET finished scan'),
      [
        'non-2xx answers / connection errors, all API runs',
        (() => {
          const keys = [
            'getScan',
            'getFinishedScan',
            'postScan',
            'getScanLogLevelWarn',
            'getFinishedScanLogLevelWarn',
            'apiHealthz',
            'getScanAtTargetLoad',
            'getFinishedScanAtTargetLoad',
            'getScanAt80PercentOfMax',
            'getFinishedScanAt80PercentOfMax',
          ];
          const sum = (field: string) => keys.reduce((total, key) => total + (num(d, `${key}.${field}`) ?? 0), 0);
          return `${fmt(sum('non2xx'))} / ${fmt(sum('errors'))}`;
        })(),
      ],
      ['GET queued scan / minimal Fastify + SDK GetItem server (req/s)', fmt(num(d, 'getToSdkServerRatio'))],
      ['Target: GET >= 60% of bare req/s (finished scan)', verdict(targets?.finishedGetRatioMet)],
      ['Target: GET p99 < 20 ms paced at 50% of bare (finished scan)', verdict(targets?.finishedP99AtTargetLoadMet)],
      ['Target: GET >= 80% of the minimal SDK server (queued scan)', verdict(targets?.sdkRatioMet)],
      ['Target: GET p99 < 20 ms paced at 50% of bare (queued scan)', verdict(targets?.p99AtTargetLoadMet)],
    ],
  };
}

function pipeline(r: BenchResult): BenchView {
  const runs = Array.isArray(r.details.runs) ? (r.details.runs as Details[]) : [];
  return {
    name: r.name,
    title: 'Pipeline: API -> queue -> worker -> findings',
    description: `${r.details.scansPerRun ?? '?'} scans of ${r.details.documentBytes ?? '?'} bytes per run, submitted over HTTP, polled until succeeded.`,
    chart: {
      title: 'Scans per second, submit to succeeded',
      unit: 'scans/s',
      bars: bars(runs.map((run) => [`${run.workers} worker process${run.workers === 1 ? '' : 'es'}`, num(run, 'scansPerSecond')])),
    },
    rows: runs.flatMap((run): Array<[string, string]> => [
      [`${run.workers} worker(s): scans/s, succeeded / failed`, `${fmt(num(run, 'scansPerSecond'))}, ${fmt(num(run, 'succeeded'))} / ${fmt(num(run, 'failed'))}`],
      [`${run.workers} worker(s): submit -> succeeded p50 / p99`, `${fmt(num(run, 'p50Ms'), ' ms')} / ${fmt(num(run, 'p99Ms'), ' ms')}`],
      [`${run.workers} worker(s): worker time per scan p50 / p99`, `${fmt(num(run, 'processingP50Ms'), ' ms')} / ${fmt(num(run, 'processingP99Ms'), ' ms')}`],
      [`${run.workers} worker(s): CPU ms per scan, workers / API`, `${fmt(num(run, 'workerCpuMsPerScan'))} / ${fmt(num(run, 'apiCpuMsPerScan'))}`],
    ]).concat([['2 workers / 1 worker', fmt(num(r.details, 'twoToOneWorkerRatio'))]]),
  };
}

function scanner(r: BenchResult): BenchView {
  const d = r.details;
  const rg = (d.ripgrep ?? {}) as Details;
  return {
    name: r.name,
    title: 'Scanner throughput',
    description: `Generated corpus of ${fmt(num(d, 'corpusBytes'))} bytes (code, logs, prose, planted fake secrets), every detector, median of ${d.runs ?? '?'} runs.`,
    chart: {
      title: 'MB/s on the same corpus',
      unit: 'MB/s',
      bars: bars([
        ['scanner (all detectors)', num(d, 'mbPerSecond')],
        ['ripgrep, equivalent patterns', num(rg, 'mbPerSecond')],
      ]),
    },
    rows: [
      ['scanner MB/s (median ms)', `${fmt(num(d, 'mbPerSecond'))} (${fmt(num(d, 'medianMs'), ' ms')})`],
      ['findings', fmt(num(d, 'findings.total'))],
      ['ripgrep', rg.status === 'ran' ? `${fmt(num(rg, 'mbPerSecond'))} MB/s, ${rg.version ?? ''}` : `skipped: ${rg.reason ?? 'unknown'}`],
      ['scanner / ripgrep', fmt(num(d, 'scannerToRipgrepRatio'))],
    ],
  };
}

function startup(r: BenchResult): BenchView {
  const d = r.details;
  const target = num(d, 'targetMs');
  const row = (app: string): Array<[string, string]> => [
    [`${app}: median / worst (ms)`, `${fmt(num(d, `${app}.medianMs`))} / ${fmt(num(d, `${app}.maxMs`))}`],
    [`${app}: target < ${fmt(target)} ms (median)`, verdict((d[app] as Details | undefined)?.meetsTarget)],
  ];
  return {
    name: r.name,
    title: 'Start-up to /healthz',
    description: `Fresh \`node dist/apps/<app>/main.js\` processes, spawn to first 200 from /healthz, ${d.runs ?? '?'} runs each.`,
    chart: {
      title: 'Median ms from process start to /healthz 200',
      unit: 'ms',
      bars: bars([
        ['API bundle', num(d, 'api.medianMs')],
        ['worker bundle', num(d, 'worker.medianMs')],
      ]),
      target: target !== undefined ? { value: target, label: `target ${fmt(target)} ms` } : undefined,
    },
    rows: [...row('api'), ...row('worker')],
  };
}

function synth(r: BenchResult): BenchView {
  const d = r.details;
  const target = num(d, 'targetWallMs');
  return {
    name: r.name,
    title: 'CDKTF synth',
    description: `Every stack of every environment (${d.stacks ?? '?'} stacks) in one fresh process, median of ${d.runs ?? '?'} runs.`,
    chart: {
      title: 'Wall ms, synth of all stacks',
      unit: 'ms',
      bars: bars([
        ['compiled (esbuild bundle)', num(d, 'medianWallMs')],
        ['uncompiled (tsx infra/main.ts)', num(d, 'uncompiledTsxWallMs')],
      ]),
      target: target !== undefined ? { value: target, label: `target ${fmt(target)} ms` } : undefined,
    },
    rows: [
      ['compiled: median wall / peak RSS', `${fmt(num(d, 'medianWallMs'), ' ms')} / ${fmt(num(d, 'peakRssMiB'), ' MiB')}`],
      ['uncompiled tsx wall', fmt(num(d, 'uncompiledTsxWallMs'), ' ms')],
      [`targets (< ${fmt(target)} ms, < ${fmt(num(d, 'targetRssMiB'))} MiB)`, verdict(d.meetsTargets)],
    ],
  };
}

function deployPlan(r: BenchResult): BenchView {
  const d = r.details;
  return {
    name: r.name,
    title: 'Deploy plan',
    description: `\`npm run deploy:plan --json\` over ${d.range ?? 'a range'} (${d.changedFiles ?? '?'} changed files) next to bare \`nx show projects --affected\`, median of ${d.runs ?? '?'} runs.`,
    chart: {
      title: 'Median wall ms, no Nx daemon',
      unit: 'ms',
      bars: bars([
        ['deploy:plan --json', num(d, 'medianDeployPlanMs')],
        ['nx show projects --affected', num(d, 'medianNxShowProjectsAffectedMs')],
      ]),
    },
    rows: [
      ['deploy:plan median', fmt(num(d, 'medianDeployPlanMs'), ' ms')],
      ['nx show projects --affected median', fmt(num(d, 'medianNxShowProjectsAffectedMs'), ' ms')],
      ['ratio', fmt(ratio(num(d, 'medianDeployPlanMs'), num(d, 'medianNxShowProjectsAffectedMs')))],
    ],
  };
}

function catalogScale(r: BenchResult): BenchView {
  const d = r.details;
  const targets = (d.targets ?? {}) as Record<string, number>;
  const meets = (d.meetsTargets ?? {}) as Record<string, boolean>;
  const services = Array.isArray(d.services) ? d.services.length : '?';
  return {
    name: r.name,
    title: 'Many services',
    description: `A scratch copy of the workspace: \`nx g\` of one web service to a green synth + policy check of its stack, then ${services} generated services (${d.stacks ?? '?'} stacks over 3 environments) synthesized compiled, and the deploy plan of that commit next to bare \`nx show projects --affected\`.`,
    chart: {
      title: 'Median wall ms',
      unit: 'ms',
      bars: bars([
        ['nx g to green synth + policy check', num(d, 'generatorToGreenMs')],
        ['compiled synth, every stack', num(d, 'synthWallMs')],
        ['deploy:plan --json', median(d.deployPlanMs)],
        ['nx show projects --affected', median(d.nxShowProjectsAffectedMs)],
      ]),
    },
    rows: [
      [`generator to green (< ${fmt(targets.generatorToGreenMs)} ms)`, `${fmt(num(d, 'generatorToGreenMs'), ' ms')} ${verdict(meets.generatorToGreen)}`],
      [`synth wall / peak RSS (<= ${fmt(targets.synthWallMs)} ms, <= ${fmt(targets.synthRssMiB)} MiB)`, `${fmt(num(d, 'synthWallMs'), ' ms')} / ${fmt(num(d, 'synthRssMiB'), ' MiB')} ${verdict(meets.synthWall && meets.synthRss)}`],
      [`deploy:plan / bare nx (<= ${fmt(targets.planToBareNxRatio)})`, `${fmt(num(d, 'planToBareNxRatio'))} ${verdict(meets.planRatio)}`],
    ],
  };
}

function median(values: unknown): number | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const sorted = values.map(Number).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function generic(r: BenchResult): BenchView {
  return {
    name: r.name,
    title: r.name,
    description: '',
    chart: { title: r.name, unit: r.unit, bars: [{ label: r.name, value: r.value }] },
    rows: [['value', `${fmt(r.value)} ${r.unit}`]],
  };
}

const VIEWS: Record<string, (result: BenchResult) => BenchView> = {
  'api-throughput': apiThroughput,
  pipeline,
  'scanner-throughput': scanner,
  startup,
  synth,
  'deploy-plan': deployPlan,
  'catalog-scale': catalogScale,
};

/** Report order: the order of VIEWS, then unknown benchmarks by name. */
export const REPORT_ORDER = Object.keys(VIEWS);

export function viewFor(result: BenchResult): BenchView {
  return (VIEWS[result.name] ?? generic)(result);
}
