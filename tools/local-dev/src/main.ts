import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { ApiKeyRepository, createAwsClients, loadApiConfig } from '@platform/shared';
import { EmbeddedAws } from '@platform/shared/testing';
import { loadCatalog } from '@platform/service-catalog';
import { ENVIRONMENT_NAMES } from '@platform/infra-config';
import { devSecret } from './dev-secrets';
import { localServices, type LocalService } from './local-services';
import { parseOptions, UsageError } from './options';
import { banner } from './banner';

const ROOT = path.resolve(__dirname, '../../..');
/** The table whose users get a development API key for tenant `dev`. */
const API_KEYS_TABLE = 'api-keys';

/**
 * `npm run dev`: embedded DynamoDB + SQS on loopback (unless AWS endpoints are configured), tables
 * and queues from the shared definitions, then every long-running service of the catalog
 * (apps/<name>/service.json) as a child process with the environment its task definition has.
 * A scheduled job runs once with `--only <job>`. Ctrl-C stops everything.
 */
async function main(): Promise<number> {
  const catalog = loadCatalog({ workspaceRoot: ROOT, environmentNames: ENVIRONMENT_NAMES });
  const options = parseOptions(process.argv.slice(2), process.env, ROOT, catalog.services.map((s) => s.name));
  const aws = options.embedded ? await EmbeddedAws.start({ dataDir: path.join(options.dataDir, 'dynamodb') }) : undefined;
  const all = localServices(catalog, {
    workspaceRoot: ROOT,
    dataDir: options.dataDir,
    awsEnv: { ...aws?.env },
    baseEnv: process.env,
    host: process.env.HOST ?? '127.0.0.1',
    portOffset: options.portOffset,
  });
  const selected = all.filter((service) => (options.only ? service.name === options.only : !service.runsOnce));

  const keyUser = all.find((s) => Object.keys(catalog.get(s.name)?.uses?.tables ?? {}).includes(API_KEYS_TABLE));
  const apiKey = keyUser ? await registerDevApiKey(keyUser, options.dataDir) : undefined;

  const children = new Map<string, ChildProcess>();
  for (const service of selected) {
    children.set(service.name, spawn(process.execPath, [require.resolve('tsx/cli'), service.entry], { cwd: ROOT, env: service.env, stdio: 'inherit' }));
  }
  process.stdout.write(banner({ root: ROOT, dataDir: options.dataDir, aws, services: all, started: new Set(children.keys()), apiKey, keyUser: keyUser?.name }));

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      [...children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await aws?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const [name, child] of children) {
    const runsOnce = selected.find((s) => s.name === name)?.runsOnce;
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (runsOnce) {
        process.stderr.write(`dev: ${name} finished (${signal ?? code})\n`);
        void stop(code ?? 1);
        return;
      }
      process.stderr.write(`dev: ${name} exited (${signal ?? code}); stopping everything\n`);
      void stop(code || 1);
    });
  }
  return new Promise(() => undefined);
}

/** A development API key for tenant `dev`, kept in the data folder, registered with the service's own config. */
async function registerDevApiKey(service: LocalService, dataDir: string): Promise<string> {
  const apiKey = devSecret(dataDir, 'dev-api-key', process.env.DEV_API_KEY);
  const config = loadApiConfig(service.env);
  const clients = createAwsClients(config.aws);
  try {
    await new ApiKeyRepository(clients.dynamo, config.aws.tablePrefix).register(apiKey, 'dev', 'development key');
  } finally {
    clients.destroy();
  }
  return apiKey;
}

main().catch((error) => {
  process.stderr.write(`dev: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
