import type { EnvironmentConfig } from './environment-config';

/**
 * Provider, backend and tag settings of one stack of one environment, in the shape
 * `PlatformStack` (infra-modules) takes. Every stack but `state` keeps its state in the
 * environment's state bucket; `state` does too once migrated (STATE_STACK_BACKEND=local before).
 */
export function stackSettings(config: EnvironmentConfig, stackName: string) {
  const useLocal = stackName === 'state' && config.stateStackBackend === 'local';
  return {
    environment: config.name,
    stackName,
    accountId: config.accountId,
    region: config.region,
    backend: useLocal
      ? ({ type: 'local' } as const)
      : ({ type: 's3', bucket: config.stateBucketName, region: config.region } as const),
    tags: { project: config.project, owner: config.owner },
  };
}
