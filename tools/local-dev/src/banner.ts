import path from 'node:path';
import type { EmbeddedAws } from '@platform/shared/testing';
import type { LocalService } from './local-services';

export interface BannerInput {
  readonly root: string;
  readonly dataDir: string;
  readonly aws?: EmbeddedAws;
  readonly services: readonly LocalService[];
  readonly started: ReadonlySet<string>;
  readonly apiKey?: string;
  /** The service the API key is for. */
  readonly keyUser?: string;
}

/** What `npm run dev` prints once everything is started: emulators, one line per service, the dev key. */
export function banner(input: BannerInput): string {
  const { aws, services, started } = input;
  const width = Math.max(10, ...services.map((s) => s.name.length + 1));
  const lines = [
    '',
    `  ${'Node'.padEnd(width)} ${process.version} (${process.execPath}; the services and emulators run on it too)`,
    `  ${'DynamoDB'.padEnd(width)} ${aws ? `${aws.dynamoEndpoint} (embedded, data in ${path.relative(input.root, input.dataDir) || '.'})` : 'configured endpoint'}`,
    `  ${'SQS'.padEnd(width)} ${aws ? `${aws.sqsEndpoint} (embedded)` : 'configured endpoint'}`,
  ];
  for (const service of services) lines.push(`  ${service.name.padEnd(width)} ${serviceLine(service, started.has(service.name))}`);
  const keyService = services.find((s) => s.name === input.keyUser);
  if (input.apiKey && keyService) {
    lines.push(`  ${'API key'.padEnd(width)} ${input.apiKey}   (tenant "dev", for ${keyService.name})`);
    if (keyService.url && started.has(keyService.name)) {
      lines.push(
        '',
        `  curl -s -X POST ${keyService.url}/v1/scans -H "Authorization: Bearer ${input.apiKey}" -H 'content-type: application/json' -d '{"content":"mail me: jane@example.com"}'`,
      );
    }
  }
  return [...lines, ''].join('\n') + '\n';
}

function serviceLine(service: LocalService, started: boolean): string {
  if (service.runsOnce) return started ? `${service.kind}: running once` : `${service.kind}: not started (run once: npm run dev -- --only ${service.name})`;
  if (!started) return `${service.kind}: not started`;
  if (service.url) return `${service.kind}: ${service.url}${service.healthPath ? `   health: ${service.url}${service.healthPath}` : ''}`;
  return `${service.kind}: running`;
}
