import { InvalidPropsError } from './validation';

/**
 * Fargate task sizes (Amazon ECS developer guide, "Task CPU and memory"): memory (MiB) allowed for
 * each CPU value (CPU units, 1024 = 1 vCPU). 256 CPU units is the one size with a list instead of a
 * range: 512, 1024 or 2048 MiB, nothing in between.
 */
interface MemoryRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

const FARGATE_MEMORY_MIB: Readonly<Record<number, MemoryRange | readonly number[]>> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

function isList(allowed: MemoryRange | readonly number[]): allowed is readonly number[] {
  return Array.isArray(allowed);
}

/** Every memory value (MiB) Fargate accepts with `cpu`, ascending; empty for a CPU value it does not offer. */
export function fargateMemoryOptionsMiB(cpu: number): number[] {
  const allowed = FARGATE_MEMORY_MIB[cpu];
  if (allowed === undefined) return [];
  if (isList(allowed)) return [...allowed];
  const { min, max, step } = allowed;
  return Array.from({ length: (max - min) / step + 1 }, (_, i) => min + i * step);
}

/** Throws unless cpu/memoryLimitMiB is a combination Fargate accepts. */
export function requireFargateSize(constructName: string, cpu: number, memoryLimitMiB: number): void {
  const allowed = FARGATE_MEMORY_MIB[cpu];
  if (allowed === undefined) {
    throw new InvalidPropsError(
      constructName,
      `cpu must be one of ${Object.keys(FARGATE_MEMORY_MIB).join(', ')} CPU units, got ${cpu}`,
    );
  }
  if (fargateMemoryOptionsMiB(cpu).includes(memoryLimitMiB)) return;
  const what = isList(allowed) ? `${allowed.join(', ')} MiB` : `${allowed.min}-${allowed.max} MiB in steps of ${allowed.step}`;
  throw new InvalidPropsError(constructName, `memoryLimitMiB ${memoryLimitMiB} does not fit cpu ${cpu}: Fargate allows ${what}`);
}
