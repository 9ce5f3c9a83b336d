export const APPS = ['api', 'worker'] as const;
export type AppName = (typeof APPS)[number];

export interface DevOptions {
  apps: AppName[];
  /** Keep DynamoDB data between runs in this folder. */
  dataDir: string;
  /** Start the embedded emulators (false when AWS_ENDPOINT_URL or SCAN_QUEUE_URL point elsewhere). */
  embedded: boolean;
}

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, cwd: string): DevOptions {
  let apps: AppName[] = [...APPS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const value = argv[++i];
      if (!APPS.includes(value as AppName)) throw new UsageError(`--only takes one of: ${APPS.join(', ')} (got "${value ?? ''}")`);
      apps = [value as AppName];
    } else {
      throw new UsageError(`unknown argument "${arg}". Usage: npm run dev [-- --only api|worker]`);
    }
  }
  return {
    apps,
    dataDir: env.LOCAL_DATA_DIR ?? `${cwd}/.local-data`,
    embedded: !env.AWS_ENDPOINT_URL && !env.SCAN_QUEUE_URL,
  };
}
