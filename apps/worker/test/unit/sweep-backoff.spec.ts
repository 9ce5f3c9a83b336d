import { sweepBackoffMs } from '../../src/sweeper';

it('doubles the gap between re-sends of one scan, up to 32 times the threshold', () => {
  // Extra delay on top of the threshold: gaps of 1x, 2x, 4x, 8x, 16x, 32x, 32x the threshold.
  expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => sweepBackoffMs(n, 120) / 120_000)).toEqual([0, 1, 3, 7, 15, 31, 31, 31]);
  expect(sweepBackoffMs(-1, 120)).toBe(0);
});
