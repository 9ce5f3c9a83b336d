import { parseCpuMs, processCpuMs } from '../src/support/process-cpu';

describe('parseCpuMs', () => {
  it('adds utime and stime (clock ticks) even when the command name has spaces and parens', () => {
    const stat = '1830 (my (odd) cmd) R 1827 1827 5572 0 -1 4194304 125 0 0 0 250 70 0 0 20 0 1 0 189956';
    expect(parseCpuMs(stat)).toBe(3200);
  });

  it('is undefined for text that is not a stat line', () => {
    expect(parseCpuMs('nonsense')).toBeUndefined();
  });

  it('reads this process, and nothing for a pid that does not exist', () => {
    if (process.platform === 'linux') expect(processCpuMs(process.pid)).toBeGreaterThanOrEqual(0);
    expect(processCpuMs(undefined)).toBeUndefined();
    expect(processCpuMs(2 ** 30)).toBeUndefined();
  });
});
