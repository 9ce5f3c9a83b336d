import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyRepository, createAwsClients, loadApiConfig } from '@platform/shared';
import { EmbeddedAws } from '@platform/shared/testing';
import { devSecret } from './dev-secrets';
import { parseOptions, UsageError, type AppName } from './options';

const ROOT = path.resolve(__dirname, '../../..');
const ENTRY: Record<AppName, string> = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' };

/**
 * `npm run dev`: embedded DynamoDB + SQS on loopback (unless AWS endpoints are configured),
 * tables and queues from the shared definitions, a development API key for tenant `dev`,
 * then the API and the worker as child processes. Ctrl-C stops everything.
 */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env, ROOT);
  const aws = options.embedded ? await EmbeddedAws.start({ dataDir: path.join(options.dataDir, 'dynamodb') }) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(aws?.env ?? {}),
    HOST: process.env.HOST ?? '127.0.0.1',
    PORT: process.env.PORT ?? '3000',
    CURSOR_SECRET: devSecret(options.dataDir, 'cursor-secret', process.env.CURSOR_SECRET),
  };

  const apiKey = devSecret(options.dataDir, 'dev-api-key', process.env.DEV_API_KEY);
  const config = loadApiConfig(env);
  const clients = createAwsClients(config.aws);
  await new ApiKeyRepository(clients.dynamo, config.aws.tablePrefix).register(apiKey, 'dev', 'development key');
  clients.destroy();

  const children = new Map<AppName, ChildProcess>();
  for (const app of options.apps) {
    if (!existsSync(path.join(ROOT, ENTRY[app]))) continue;
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), ENTRY[app]], { cwd: ROOT, env, stdio: 'inherit' });
    children.set(app, child);
  }

  const base = `http://${env.HOST}:${env.PORT}`;
  process.stdout.write(
    [
      '',
      `  Node       ${process.version} (${process.execPath}; the apps and emulators run on it too)`,
      `  DynamoDB   ${aws ? aws.dynamoEndpoint + ' (embedded, data in ' + path.relative(ROOT, options.dataDir) + ')' : 'configured endpoint'}`,
      `  SQS        ${aws ? aws.sqsEndpoint + ' (embedded)' : config.aws.scanQueueUrl}`,
      `  API        ${base}   docs: ${base}/docs`,
      `  Worker     ${children.has('worker') ? 'running' : 'not started'}`,
      `  API key    ${apiKey}   (tenant "dev")`,
      '',
      `  curl -s -X POST ${base}/v1/scans -H "Authorization: Bearer ${apiKey}" -H 'content-type: application/json' -d '{"content":"mail me: jane@example.com"}'`,
      '',
    ].join('\n') + '\n',
  );

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
    child.on('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`dev: ${name} exited (${signal ?? code}); stopping everything\n`);
      void stop(code || 1);
    });
  }
  return new Promise(() => undefined);
}

main().catch((error) => {
  process.stderr.write(`dev: ${error instanceof UsageError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
