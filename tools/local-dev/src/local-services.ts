import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { containerEnvironment, queueDefinition, resolveService, type ServiceCatalog, type ServiceKind } from '@platform/service-catalog';
import { PROJECT_NAME } from '@platform/infra-config';
import { devSecret, secretFileName } from './dev-secrets';
import { UsageError } from './options';

/** One catalog service as a local process. */
export interface LocalService {
  readonly name: string;
  readonly kind: ServiceKind;
  /** TypeScript entry, run with tsx (the build target's `main`). */
  readonly entry: string;
  readonly env: Record<string, string>;
  /** Web and backend services: where it listens. */
  readonly url?: string;
  readonly healthPath?: string;
  /** A scheduled job runs once when asked for (`--only <job>`), not on a schedule. */
  readonly runsOnce: boolean;
}

export interface LocalContext {
  readonly workspaceRoot: string;
  readonly dataDir: string;
  /** The emulators' endpoints, credentials, table prefix and queue URLs; empty when AWS is configured. */
  readonly awsEnv: Readonly<Record<string, string>>;
  /** The developer's environment: it may set LOG_LEVEL, a secret's value, or AWS endpoints and queue URLs. */
  readonly baseEnv: NodeJS.ProcessEnv;
  readonly host: string;
  /** Added to every manifest port (`LOCAL_PORT_OFFSET`), so two checkouts can run side by side. */
  readonly portOffset: number;
}

/**
 * Every catalog service with the environment its task definition would have (the same
 * `containerEnvironment`), adjusted for a laptop: loopback host, development mode, heartbeat and
 * secrets in the data folder, a free port for a worker's health server.
 */
export function localServices(catalog: ServiceCatalog, context: LocalContext): LocalService[] {
  const lookup = (variable: string) => context.awsEnv[variable] ?? context.baseEnv[variable];
  return catalog.services.map((manifest) => {
    const service = resolveService(manifest, { environment: 'dev', project: PROJECT_NAME });
    const environment = containerEnvironment(service, {
      deployEnvironment: 'local',
      region: lookup('AWS_REGION') ?? 'us-east-1',
      tablePrefix: lookup('TABLE_PREFIX') ?? 'docscan-local',
      queueUrl: (queue) => {
        const variable = queueDefinition(queue).urlVariable;
        const url = lookup(variable);
        if (!url) throw new UsageError(`${service.name} uses queue "${queue}": set ${variable} (AWS endpoints are configured, so the embedded queues are not started)`);
        return url;
      },
    });
    const env: Record<string, string> = {
      ...definedOnly(context.baseEnv),
      ...context.awsEnv,
      ...environment,
      NODE_ENV: 'development',
      LOG_LEVEL: context.baseEnv.LOG_LEVEL ?? environment.LOG_LEVEL,
    };
    const port = service.port === undefined ? undefined : service.port + context.portOffset;
    if (port !== undefined) env.PORT = String(port);
    if (environment.HOST) env.HOST = context.host;
    if (environment.HEARTBEAT_FILE) env.HEARTBEAT_FILE = path.join(context.dataDir, `${service.name}-heartbeat`);
    if (service.kind === 'worker') env.HEALTH_PORT = '0';
    for (const secret of service.secrets) env[secret.name] = devSecret(context.dataDir, secretFileName(secret.name), context.baseEnv[secret.name]);
    return {
      name: service.name,
      kind: service.kind,
      entry: buildEntry(context.workspaceRoot, `apps/${service.name}`),
      env,
      url: port === undefined ? undefined : `http://${context.host}:${port}`,
      healthPath: service.health?.path,
      runsOnce: service.kind === 'scheduled',
    };
  });
}

/** The TypeScript file the app's build bundles (`targets.build.options.main`), else `src/main.ts`. */
function buildEntry(workspaceRoot: string, root: string): string {
  const projectFile = path.join(workspaceRoot, root, 'project.json');
  if (existsSync(projectFile)) {
    const project = JSON.parse(readFileSync(projectFile, 'utf8')) as { targets?: { build?: { options?: { main?: string } } } };
    const main = project.targets?.build?.options?.main;
    if (main) return main;
  }
  return `${root}/src/main.ts`;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
