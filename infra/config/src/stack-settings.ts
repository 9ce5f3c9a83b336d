import { ConfigError } from './config-error';
import type { EnvironmentConfig } from './environment-config';
import type { PreviewEnvironment } from './preview-environment';
import { stateKeyAlias } from './read-env';

/**
 * Provider, backend and tag settings of one stack of one environment, in the shape
 * `PlatformStack` (infra-modules) takes. Every stack but `state` keeps its state in the
 * environment's state bucket, encrypted with the state key; `state` does too once migrated
 * (STATE_STACK_BACKEND=local before).
 * With a preview, the stack is `<preview>-<stack>` with state `<preview>/<stack>.tfstate` in the
 * base environment's bucket and account, tagged env=<base> and preview=<preview>.
 */
export function stackSettings(config: EnvironmentConfig, stackName: string, preview?: PreviewEnvironment) {
  if (preview && preview.baseEnvironment !== config.name) {
    throw new ConfigError(`preview ${preview.name} runs in ${preview.baseEnvironment}, not in ${config.name}`);
  }
  const useLocal = stackName === 'state' && config.stateStackBackend === 'local';
  return {
    environment: preview?.name ?? config.name,
    environmentTag: config.name,
    stackName,
    accountId: config.accountId,
    region: config.region,
    backend: useLocal
      ? ({ type: 'local' } as const)
      : ({ type: 's3', bucket: config.stateBucketName, region: config.region, kmsKeyId: stateKeyAlias(config.stateBucketName) } as const),
    tags: { project: config.project, owner: config.owner, ...(preview ? { preview: preview.name } : {}) },
  };
}
