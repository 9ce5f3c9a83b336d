import { runningLine } from '../src/support/progress';
import { BENCHMARKS, UsageError, parseRunAllOptions } from '../src/run-all-options';

describe('parseRunAllOptions', () => {
  it('runs every benchmark by default', () => {
    expect(parseRunAllOptions([])).toEqual({ benchmarks: [...BENCHMARKS], reportOnly: false });
  });

  it('--only keeps the run order whatever order the names are given in', () => {
    expect(parseRunAllOptions(['--only', 'api-throughput,startup']).benchmarks).toEqual(['startup', 'api-throughput']);
    expect(parseRunAllOptions(['--only=pipeline']).benchmarks).toEqual(['pipeline']);
  });

  it('--report-only', () => {
    expect(parseRunAllOptions(['--report-only']).reportOnly).toBe(true);
  });

  it('rejects unknown benchmarks and options with the usage', () => {
    expect(() => parseRunAllOptions(['--only', 'nope'])).toThrow(UsageError);
    expect(() => parseRunAllOptions(['--only', 'nope'])).toThrow(/unknown benchmark\(s\): nope/);
    expect(() => parseRunAllOptions(['--only'])).toThrow(/needs a comma-separated list/);
    expect(() => parseRunAllOptions(['--fast'])).toThrow(/unknown option: --fast/);
  });
});

describe('runningLine', () => {
  it('says which benchmark of how many runs, for how long, and when it is stopped', () => {
    expect(runningLine('catalog-scale', 5, 7, 40.4, 600)).toBe('bench: [5/7] catalog-scale running, 40 s (stopped at 600 s)');
  });
});
