export interface DevOptions {
  /** Services to start, by catalog name; every long-running service unless `--only` names one. */
  only?: string;
  /** Keep DynamoDB data and development secrets between runs in this folder. */
  dataDir: string;
  /** Start the embedded emulators (false when AWS_ENDPOINT_URL or a queue URL point elsewhere). */
  embedded: boolean;
  /** `LOCAL_PORT_OFFSET`: added to every service's manifest port. */
  portOffset: number;
}

export class UsageError extends Error {}

/**
 * `npm run dev [-- --only <service>]`. `serviceNames` is the catalog (apps/<name>/service.json), so a new
 * service is accepted here without an edit.
 */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, cwd: string, serviceNames: readonly string[]): DevOptions {
  let only: string | undefined;
  const usage = `Usage: npm run dev [-- --only ${serviceNames.join('|')}]`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const value = argv[++i];
      if (value === undefined || !serviceNames.includes(value)) throw new UsageError(`--only takes one of: ${serviceNames.join(', ')} (got "${value ?? ''}")`);
      only = value;
    } else {
      throw new UsageError(`unknown argument "${arg}". ${usage}`);
    }
  }
  const offset = env.LOCAL_PORT_OFFSET ?? '0';
  if (!/^\d{1,5}$/.test(offset) || Number(offset) > 60000) throw new UsageError(`LOCAL_PORT_OFFSET must be a whole number from 0 to 60000 (got "${offset}")`);
  return {
    only,
    portOffset: Number(offset),
    dataDir: env.LOCAL_DATA_DIR ?? `${cwd}/.local-data`,
    embedded: !env.AWS_ENDPOINT_URL && !env.SCAN_QUEUE_URL,
  };
}
