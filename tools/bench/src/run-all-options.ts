/** Every benchmark run-all knows, in run order (cheap and CPU-light first, load tests last). */
export const BENCHMARKS = ['scanner-throughput', 'startup', 'synth', 'deploy-plan', 'catalog-scale', 'pipeline', 'api-throughput'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface RunAllOptions {
  benchmarks: BenchmarkName[];
  /** Only regenerate docs/benchmarks.md from the existing JSON. */
  reportOnly: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run bench [-- --only <name>[,<name>...]] [-- --report-only]
benchmarks: ${BENCHMARKS.join(', ')}`;

export function parseRunAllOptions(argv: string[]): RunAllOptions {
  const options: RunAllOptions = { benchmarks: [...BENCHMARKS], reportOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--report-only') options.reportOnly = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new UsageError(`--only needs a comma-separated list of benchmarks\n${USAGE}`);
      const names = value.split(',').filter(Boolean);
      const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
      if (unknown.length > 0) throw new UsageError(`unknown benchmark(s): ${unknown.join(', ')}\n${USAGE}`);
      options.benchmarks = BENCHMARKS.filter((b) => names.includes(b));
    } else throw new UsageError(`unknown option: ${arg}\n${USAGE}`);
  }
  return options;
}
