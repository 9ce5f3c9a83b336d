/**
 * Where one API request's CPU goes: the API bundle under `node --cpu-prof`, loaded by autocannon
 * with GET /v1/scans/:id on finished (cached) scans, then the profile's self time grouped by the
 * part of the stack it belongs to (auth, rate limit, helmet, logging, serialization, ...).
 *
 *   npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/api-profile.ts [seconds]
 *
 * Prints the table and the top functions; the .cpuprofile is kept under tmp/ for a closer look
 * (Chrome DevTools, speedscope).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { NodeProcess, API_BUNDLE, buildBundles, startBackend } from './support/services';
import { finishScans } from './support/finish-scans';
import { freePort } from '@platform/shared/testing';
import { summarizeProfile, type CpuProfile } from './support/cpu-profile';

const SECONDS = Number(process.argv[2] ?? 5);

async function main(): Promise<void> {
  process.stdout.write('profile: building bundles\n');
  buildBundles();
  const backend = await startBackend(`bench-profile-${process.pid}`);
  const dir = mkdtempSync(join(tmpdir(), 'api-profile-'));
  const port = await freePort();
  const api = NodeProcess.spawn(API_BUNDLE, { ...backend.env, HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'info', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' }, ['--cpu-prof', '--cpu-prof-dir', dir], 'api');
  const baseUrl = `http://127.0.0.1:${port}`;
  let loadStartUs = 0;
  let requests = 0;
  try {
    await api.waitHealthy(`${baseUrl}/healthz`, process.hrtime.bigint());
    const authorization = `Bearer ${backend.apiKey}`;
    const scans: Array<{ scanId: string; content: string }> = [];
    for (let i = 0; i < 10; i++) {
      const content = `profile document ${i} jane${i}@example.org`;
      const response = await fetch(`${baseUrl}/v1/scans`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ content }) });
      if (response.status !== 202) throw new Error(`seeding POST /v1/scans answered ${response.status}: ${await response.text()}`);
      scans.push({ scanId: ((await response.json()) as { id: string }).id, content });
    }
    await finishScans(backend, 'bench', scans);
    let next = 0;
    const target = {
      url: baseUrl,
      connections: 10,
      headers: { authorization },
      requests: [{ method: 'GET' as const, setupRequest: (r: autocannon.RawRequest) => ({ ...r, path: `/v1/scans/${scans[next++ % scans.length].scanId}` }) }],
    };
    process.stdout.write('profile: warm-up 2 s\n');
    await autocannon({ ...target, duration: 2 });
    process.stdout.write(`profile: load ${SECONDS} s\n`);
    loadStartUs = Number(process.hrtime.bigint() / 1000n);
    const result = await autocannon({ ...target, duration: SECONDS });
    requests = result.requests.total;
    process.stdout.write(`profile: ${Math.round(result.requests.average)} req/s, ${result.requests.total} requests, non-2xx ${result.non2xx}\n`);
  } finally {
    await api.stop();
    await backend.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const profile: CpuProfile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const { parts, top, busyMs } = summarizeProfile(profile, loadStartUs);
  const perRequestUs = (share: number) => ((busyMs * share * 1000) / Math.max(1, requests)).toFixed(1);
  process.stdout.write(`\nprofile: ${join(dir, file)}; ${busyMs.toFixed(0)} ms busy during the load, ${perRequestUs(1)} µs per request (sampled; the profiler adds overhead)\n\n`);
  process.stdout.write('| part | share of busy CPU | µs per request |\n| --- | --- | --- |\n');
  for (const [part, share] of parts.filter(([, share]) => share >= 0.005)) process.stdout.write(`| ${part} | ${(share * 100).toFixed(1)}% | ${perRequestUs(share)} |\n`);
  process.stdout.write('\ntop functions (self):\n');
  for (const [name, share] of top) process.stdout.write(`  ${(share * 100).toFixed(1)}%  ${name}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api-profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
