import { medianSummary } from '../src/api-throughput.bench';

const round = (requestsPerSecond: number, p99Ms: number) => ({ requestsPerSecond, p50Ms: 1, p99Ms, maxMs: p99Ms * 2, total: 100, non2xx: 1, errors: 0 });

describe('medianSummary', () => {
  it('takes medians of rates and percentiles, the worst max, and sums counts', () => {
    expect(medianSummary([round(900, 30), round(1200, 10), round(1000, 20)])).toEqual({
      requestsPerSecond: 1000,
      p50Ms: 1,
      p99Ms: 20,
      maxMs: 60,
      total: 300,
      non2xx: 3,
      errors: 0,
      roundsRequestsPerSecond: [900, 1200, 1000],
    });
  });
});
