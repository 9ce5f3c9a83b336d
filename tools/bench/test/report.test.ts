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
    getScanAtTargetLoad: { offeredRequestsPerSecond: 2000, requestsPerSecond: 1100, p99Ms: 40 },
    targets: { getRatioMet: false, p99AtTargetLoadMet: false },
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

  it('API view: ratio to the bare server, the 50% target line, and targets stated as not met', () => {
    const view = viewFor(api);
    expect(view.chart.bars.map((b) => b.label)).toEqual(['bare Fastify, fixed JSON', 'API GET /v1/scans/:id', 'API POST /v1/scans']);
    expect(view.chart.target?.value).toBe(2000);
    const rows = Object.fromEntries(view.rows);
    expect(rows['GET /v1/scans/:id: requests/s (ratio to bare)']).toBe('1,000 (0.25)');
    expect(rows['GET /v1/scans/:id: p50 / p99 latency']).toBe('5 ms / 25 ms');
    expect(rows['Target: GET >= 50% of bare req/s']).toBe('**not met**');
    expect(rows['non-2xx answers / connection errors, all API runs']).toBe('3 / 1');
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
