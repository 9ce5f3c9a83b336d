import { ContainerRepository, FargateTaskDefinition, FargateTaskDefinitionProps } from '../src';
import { Json, newStack, only, REGION, synthWith, testKey } from './support';

function taskProps(stack: Parameters<Parameters<typeof synthWith>[0]>[0], extra: Partial<FargateTaskDefinitionProps> = {}): FargateTaskDefinitionProps {
  return {
    namePrefix: 'dev-worker',
    containerName: 'worker',
    repository: new ContainerRepository(stack, 'repo', { repositoryName: 'dev/worker' }),
    imageTag: 'abc123',
    cpu: 256,
    memoryLimitMiB: 512,
    healthCheck: { command: ['CMD', 'node', 'healthcheck.js'] },
    logsKey: testKey(stack, 'logs-key'),
    region: REGION,
    ...extra,
  };
}

function task(extra: Partial<FargateTaskDefinitionProps> = {}): { volumes: Json[]; mounts: Json[] } {
  const json = synthWith((s) => new FargateTaskDefinition(s, 'task', taskProps(s, extra)));
  const definition = only(json, 'aws_ecs_task_definition');
  const [container] = JSON.parse(definition.container_definitions);
  return { volumes: definition.volume ?? [], mounts: container.mountPoints };
}

describe('FargateTaskDefinition writable paths', () => {
  it('mounts a bind volume at /tmp by default (the read-only root filesystem keeps everything else read-only)', () => {
    expect(task()).toEqual({
      volumes: [{ name: 'tmp' }],
      mounts: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
    });
  });

  it('gives each writable path its own volume and read-write mount point', () => {
    expect(task({ writablePaths: ['/tmp', '/var/cache/app'] })).toEqual({
      volumes: [{ name: 'tmp' }, { name: 'var-cache-app' }],
      mounts: [
        { sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false },
        { sourceVolume: 'var-cache-app', containerPath: '/var/cache/app', readOnly: false },
      ],
    });
  });

  it('mounts nothing for an empty list', () => {
    expect(task({ writablePaths: [] })).toEqual({ volumes: [], mounts: [] });
  });

  it.each([
    [['tmp'], 'writablePaths must be absolute paths like /tmp'],
    [['/tmp/'], 'writablePaths must be absolute paths like /tmp'],
    [['/var/../etc'], 'must not contain "." or ".." segments'],
    [['/tmp', '/tmp'], 'writablePaths repeats a path'],
    [['/tmp', '/tmp/cache'], 'writablePaths /tmp/cache is inside /tmp; list only /tmp'],
  ])('rejects writablePaths %j', (writablePaths, message) => {
    const stack = newStack();
    expect(() => new FargateTaskDefinition(stack, 'task', taskProps(stack, { writablePaths }))).toThrow(message);
  });
});
