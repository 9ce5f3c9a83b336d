import { InvalidPropsError } from './validation';

/** Fargate task sizes: memory (MiB) allowed for each CPU value (CPU units, 1024 = 1 vCPU). */
const FARGATE_MEMORY_MIB: Readonly<Record<number, { min: number; max: number; step: number }>> = {
  256: { min: 512, max: 2048, step: 512 },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

/** Throws unless cpu/memoryLimitMiB is a combination Fargate accepts (256/512 is also allowed). */
export function requireFargateSize(constructName: string, cpu: number, memoryLimitMiB: number): void {
  const range = FARGATE_MEMORY_MIB[cpu];
  if (!range) {
    throw new InvalidPropsError(
      constructName,
      `cpu must be one of ${Object.keys(FARGATE_MEMORY_MIB).join(', ')} CPU units, got ${cpu}`,
    );
  }
  const fits = cpu === 256 && memoryLimitMiB === 512;
  const onStep = memoryLimitMiB >= range.min && memoryLimitMiB <= range.max && (memoryLimitMiB - range.min) % range.step === 0;
  if (!fits && !onStep) {
    throw new InvalidPropsError(
      constructName,
      `memoryLimitMiB ${memoryLimitMiB} does not fit cpu ${cpu}: Fargate allows ${range.min}-${range.max} MiB in steps of ${range.step}`,
    );
  }
}
