import { fargateMemoryOptionsMiB, requireFargateSize } from '../src';

/** The Fargate task CPU/memory table (Amazon ECS developer guide, "Task CPU and memory"). */
const FARGATE_TABLE: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  2048: Array.from({ length: 13 }, (_, i) => 4096 + i * 1024),
  4096: Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
  8192: Array.from({ length: 12 }, (_, i) => 16384 + i * 4096),
  16384: Array.from({ length: 12 }, (_, i) => 32768 + i * 8192),
};

describe('Fargate task sizes', () => {
  it.each(Object.entries(FARGATE_TABLE))('cpu %s allows exactly the memory values Fargate lists', (cpu, memory) => {
    expect(fargateMemoryOptionsMiB(Number(cpu))).toEqual(memory);
    for (const mib of memory) expect(() => requireFargateSize('T', Number(cpu), mib)).not.toThrow();
  });

  it('rejects 256 CPU with 1536 MiB (between the listed 1024 and 2048)', () => {
    expect(() => requireFargateSize('T', 256, 1536)).toThrow('T: memoryLimitMiB 1536 does not fit cpu 256: Fargate allows 512, 1024, 2048 MiB');
  });

  it('rejects memory off the step, below the minimum and above the maximum', () => {
    expect(() => requireFargateSize('T', 8192, 18432)).toThrow('memoryLimitMiB 18432 does not fit cpu 8192: Fargate allows 16384-61440 MiB in steps of 4096');
    expect(() => requireFargateSize('T', 1024, 1024)).toThrow('does not fit cpu 1024');
    expect(() => requireFargateSize('T', 4096, 31744)).toThrow('does not fit cpu 4096');
  });

  it('rejects a CPU value Fargate does not offer', () => {
    expect(() => requireFargateSize('T', 768, 2048)).toThrow('T: cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units, got 768');
    expect(fargateMemoryOptionsMiB(768)).toEqual([]);
  });
});
