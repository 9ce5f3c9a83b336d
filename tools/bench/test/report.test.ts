import type { BenchResult } from '../src/support/bench-result';
import { NOTES_END, NOTES_START, extractNotes, renderReport } from '../src/report/markdown';
import { num, viewFor } from '../src/report/views';

const api: BenchResult = {
  name: 'api-throughput',
  value: 0.25,
  unit: 'ratio',
  details: {
    connections: 10,
    bare: { requestsPerSecond: 4000, p50Ms: 1, p99Ms: 3 },
    getScan: { requestsPerSecond: 1000, p50Ms: 5, p99Ms: 25, non2xx: 0, errors: 1 },
    postScan: { requestsPerSecond: 200, p50Ms: 40, p99Ms: 90, non2xx: 3, errors: 0 },
    getFinishedScan: { requestsPerSecond: 2400, p50Ms: 1, p99Ms: 2, non2xx: 2, errors: 0, cpuMsPerRequest: 0.04 },
    getScanAtTargetLoad: { offeredRequestsPerSecond: 2000, requestsPerSecond: 1100, p99Ms: 40 },
    getFinishedScanAtTargetLoad: { offeredRequestsPerSecond: 2000, requestsPerSecond: 1990, p99Ms: 3 },
    sdkServerGet: { requestsPerSecond: 1100, p50Ms: 4, p99Ms: 20, non2xx: 0, errors: 0, cpuMsPerRequest: 0.3 },
    getToSdkServerRatio: 0.909,
    targets: { getRatioMet: false, p99AtTargetLoadMet: false, finishedGetRatioMet: true, finishedP99AtTargetLoadMet: true, sdkRatioMet: true },
    measuredAt: '2026-01-01T00:00:00.000Z',
    loadAverage1m: 3.5,
    cpus: 2,
  },
};

const startup: BenchResult = {
  name: 'startup',
  value: 300,
  unit: 'ms',
  details: { targetMs: 500, runs: 3, api: { medianMs: 300, maxMs: 350, meetsTarget: true }, worker: { medianMs: 200, maxMs: 260, meetsTarget: true } },
};

describe('views', () => {
  it('reads nested numbers and ignores missing or non-numeric ones', () => {
    expect(num({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(num({ a: { b: '2' } }, 'a.b')).toBeUndefined();
    expect(num({}, 'a.b.c')).toBeUndefined();
  });

  it('API view: queued and finished GET with their ratio to the bare server, the 60% target line, and each path\'s targets', () => {
    const view = viewFor(api);
    expect(view.chart.bars.map((b) => b.label)).toEqual([
      'bare Fastify, fixed JSON',
      'Fastify + SDK GetItem, minimal',
      'API GET finished (cached)',
      'API GET queued (DynamoDB)',
      'API POST /v1/scans',
    ]);
    expect(view.chart.target?.value).toBe(2400);
    const rows = Object.fromEntries(view.rows);
    expect(rows['GET /v1/scans/:id (queued scan): requests/s (ratio to bare)']).toBe('1,000 (0.25)');
    expect(rows['GET /v1/scans/:id (queued scan): p50 / p99 latency']).toBe('5 ms / 25 ms');
    expect(rows['GET /v1/scans/:id (finished scan): requests/s (ratio to bare)']).toBe('2,400 (0.6)');
    expect(rows['GET finished scan paced at 50% of bare: offered / achieved req/s, p99']).toBe('2,000 / 1,990, 3 ms');
    expect(rows['GET queued scan paced at 80% of its own maximum: achieved req/s, p99']).toBe('not run');
    expect(rows['minimal Fastify + SDK GetItem (same emulator): requests/s (ratio to bare)']).toBe('1,100 (0.275)');
    expect(rows['GET queued scan / minimal Fastify + SDK GetItem server (req/s)']).toBe('0.909');
    expect(rows['Target: GET >= 80% of the minimal SDK server (queued scan)']).toBe('met');
    expect(rows['Target: GET p99 < 20 ms paced at 50% of bare (queued scan)']).toBe('**not met**');
    expect(rows['Target: GET >= 60% of bare req/s (finished scan)']).toBe('met');
    expect(rows['Target: GET p99 < 20 ms paced at 50% of bare (finished scan)']).toBe('met');
    expect(rows['non-2xx answers / connection errors, all API runs']).toBe('5 / 1');
  });

  it('API view: a result from before the finished-scan case says n/a and not run instead of failing', () => {
    const older: Record<string, unknown> = { ...api.details, targets: { getRatioMet: false } };
    delete older.getFinishedScan;
    delete older.getFinishedScanAtTargetLoad;
    const rows = Object.fromEntries(viewFor({ ...api, details: older }).rows);
    expect(rows['GET /v1/scans/:id (finished scan): requests/s (ratio to bare)']).toBe('n/a (n/a)');
    expect(rows['GET finished scan paced at 50% of bare: offered / achieved req/s, p99']).toBe('not run');
    expect(rows['Target: GET >= 60% of bare req/s (finished scan)']).toBe('n/a');
  });

  it('an unknown benchmark still gets a chart of its headline value', () => {
    const view = viewFor({ name: 'new-thing', value: 12, unit: 'ops/s', details: {} });
    expect(view.chart.bars).toEqual([{ label: 'new-thing', value: 12 }]);
    expect(view.rows).toEqual([['value', '12 ops/s']]);
  });
});

describe('renderReport', () => {
  it('writes a section and an SVG per benchmark, in report order, with the machine caveat', () => {
    const report = renderReport([startup, api]);
    expect(Object.keys(report.svgs).sort()).toEqual(['api-throughput.svg', 'startup.svg']);
    expect(report.markdown.indexOf('## API throughput')).toBeLessThan(report.markdown.indexOf('## Start-up to /healthz'));
    expect(report.markdown).toContain('![Requests per second (10 connections)](benchmarks/api-throughput.svg)');
    expect(report.markdown).toContain('| api: median / worst (ms) | 300 / 350 |');
    expect(report.markdown).toContain('Read the ratios within one benchmark run');
    expect(report.markdown).toContain('Measured 2026-01-01T00:00:00.000Z, 1-minute load average 3.5 on 2 CPUs');
    expect(report.markdown).toContain('Measured unknown');
  });

  it('keeps the hand-written notes across regeneration', () => {
    const first = renderReport([startup], 'The API start-up is dominated by module loading.');
    const notes = extractNotes(first.markdown);
    expect(notes).toBe('The API start-up is dominated by module loading.');
    expect(renderReport([startup], notes).markdown).toContain(`${NOTES_START}\nThe API start-up is dominated by module loading.\n${NOTES_END}`);
    expect(extractNotes('# no markers')).toBeUndefined();
    expect(extractNotes(undefined)).toBeUndefined();
  });

  it('escapes table cells', () => {
    const report = renderReport([{ name: 'x', value: 1, unit: 'a|b', details: {} }]);
    expect(report.markdown).toContain('| value | 1 a\\|b |');
  });
});
