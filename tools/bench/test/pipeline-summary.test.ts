import { summarizeRun } from '../src/pipeline.bench';

const scan = (id: string, createdAt: string, finishedAt: string, status = 'succeeded', durationMs = 100) => ({
  id,
  status,
  createdAt,
  finishedAt,
  durationMs,
  summary: { total: 2 },
});

describe('summarizeRun', () => {
  it('scans/s spans first accepted to last finished; latency is createdAt -> finishedAt per scan', () => {
    const run = summarizeRun(2, [
      scan('a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z'),
      scan('b', '2026-01-01T00:00:00.500Z', '2026-01-01T00:00:02.000Z', 'succeeded', 300),
      scan('c', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:04.000Z', 'failed', 200),
    ], 1.234);
    expect(run).toEqual({
      workers: 2,
      scans: 3,
      succeeded: 2,
      failed: 1,
      scansPerSecond: 0.8, // 3 scans in 4 s
      submitSeconds: 1.23,
      p50Ms: 1500,
      p99Ms: 3000,
      maxMs: 3000,
      processingP50Ms: 200,
      processingP99Ms: 300,
      findings: 6,
    });
  });
});
