/**
 * Scanner throughput: generates a multi-megabyte corpus (code, logs, prose, with planted fake
 * secrets and personal data) from a fixed seed, runs `scanDocument` with every detector several
 * times and reports the median MB/s. If ripgrep is on PATH it times `rg` with equivalent patterns
 * on the same bytes for comparison; otherwise the comparison is recorded as skipped.
 *
 *   npx tsx tools/bench/src/scanner-throughput.bench.ts
 *
 * Writes tools/bench/results/scanner-throughput.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Scanner from '@platform/scanner';
import { machineLoad } from './support/bench-result';

export interface BenchResult {
  name: string;
  /** Headline number, for run-all style summaries. */
  value: number;
  unit: string;
  details: Record<string, unknown>;
}

const NAME = 'scanner-throughput';
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const RESULTS_FILE = join(WORKSPACE_ROOT, 'tools/bench/results', `${NAME}.json`);
const TARGET_BYTES = 8 * 1024 * 1024;
const RUNS = 5;
const SEED = 20260101;

/** Patterns for ripgrep (Rust regex: no lookaround) that look for the same things as the detectors. */
const RIPGREP_PATTERNS = [
  String.raw`\b(AKIA|ASIA)[A-Z2-7]{16}\b`,
  String.raw`(?i)aws[a-z0-9_.-]{0,20}secret[a-z0-9_.-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[A-Za-z0-9/+]{40}`,
  String.raw`\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`,
  String.raw`\bxox[baprs]-[0-9A-Za-z]{1,64}(-[0-9A-Za-z]{1,64}){1,5}\b`,
  String.raw`https://hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}`,
  String.raw`\b(sk|rk)_(live|test)_[0-9A-Za-z]{24,99}\b`,
  String.raw`\bAIza[0-9A-Za-z_-]{35}`,
  String.raw`-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----`,
  String.raw`\bey[A-Za-z0-9_-]{10,2000}\.ey[A-Za-z0-9_-]{2,16000}\.[A-Za-z0-9_-]{0,1400}`,
  String.raw`(?i)\b(postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|rediss?|amqps?)://[^\s:@/]{0,128}:[^\s@/]{1,256}@`,
  String.raw`(?i)(passw(or)?d|passphrase|secret|api[_-]?key|token|credential)[A-Za-z0-9_.-]{0,40}["']?\s{0,4}(:=|=>|=|:)\s{0,4}["']?[^\s"']{6,200}`,
  String.raw`[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}`,
  String.raw`\+[1-9][0-9]{0,2}([ -]\(?[0-9]{1,8}\)?){1,6}|\(?[2-9][0-9]{2}\)?[-. ]?[0-9]{3}[-. ][0-9]{4}`,
  String.raw`\b[0-9]([ -]?[0-9]){12,18}\b`,
  String.raw`\b[A-Z]{2}[0-9]{2}( ?[A-Z0-9]){11,30}\b`,
  String.raw`\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b`,
  String.raw`\b([0-9]{1,3}\.){3}[0-9]{1,3}\b|([0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}`,
];

/**
 * rg joins -e patterns with `|`: a group each keeps an inline (?i) from leaking into the next
 * pattern. `\b` is ASCII in JavaScript but Unicode in Rust's regex, where it also turns off the
 * fast DFA on non-ASCII text (the corpus has German, Chinese and emoji): `(?-u:\b)` is the
 * equivalent ASCII boundary.
 */
export function toRipgrep(pattern: string): string {
  return `(?:${pattern.replace(/\\b/g, '(?-u:\\b)')})`;
}

/** mulberry32: deterministic, so every run scans the same bytes. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds the corpus. Fake secrets are assembled from pieces so this file trips no secret scanner. */
export function generateCorpus(targetBytes = TARGET_BYTES, seed = SEED): { text: string; planted: number } {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chars = (alphabet: string, n: number): string =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const words = 'the scan worker queue tenant document finding report cluster region deploy service retry request latency budget owner policy review'.split(' ');
  const sentence = (n: number): string => Array.from({ length: n }, () => pick(words)).join(' ');
  const hex = (n: number): string => chars('0123456789abcdef', n);

  const code = [
    () => `export async function handle${pick(words)}(input: Request): Promise<Response> {`,
    () => `  const ${pick(words)}Id = await repo.get(input.params.id, { consistent: true });`,
    () => `  if (!result.ok) throw new ProblemError(404, '${sentence(3)}');`,
    () => `  logger.info({ durationMs: ${Math.floor(random() * 900)} }, '${sentence(4)}');`,
    () => `import { ${pick(words)} } from './${pick(words)}/${pick(words)}';`,
    () => `  "version": "${Math.floor(random() * 9)}.${Math.floor(random() * 20)}.${Math.floor(random() * 30)}",`,
    () => `  "integrity": "sha512-${chars(alnum + '+/', 86)}==",`,
    () => `commit ${hex(40)}`,
  ];
  const logs = [
    () => `2026-01-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:${String(Math.floor(random() * 60)).padStart(2, '0')}:00.000Z INFO request_id=${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)} status=200 ms=${Math.floor(random() * 300)}`,
    () => `[worker] claimed scan ${chars(alnum, 26)} attempt=${1 + Math.floor(random() * 3)} queue=scans`,
    () => `GET /v1/scans?limit=50 200 ${Math.floor(random() * 50)}ms ua="Mozilla/5.0 Chrome/120.0.6099.109"`,
  ];
  const prose = [
    () => `${sentence(12)}, and ${sentence(8)}.`,
    () => `Die ${pick(words)} für München wurde am 15.01.2026 überprüft — ${sentence(6)}.`,
    () => `东京 ${pick(words)} 报告 ${sentence(5)} 😀`,
  ];
  const planted = [
    () => `aws_access_key_id = ${'AK' + 'IA'}${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    () => `export GITHUB_TOKEN=${'gh' + 'p_'}${chars(alnum, 36)}`,
    () => `SLACK=${'xo' + 'xb-'}${chars('0123456789', 12)}-${chars('0123456789', 13)}-${chars(alnum, 24)}`,
    () => `DATABASE_URL=${'postgres' + '://'}app:${chars(alnum, 16)}@db.internal:5432/app`,
    () => `db.password = "${chars(alnum, 18)}"`,
    () => `contact: ${pick(words)}.${pick(words)}@acme-corp.io, +44 20 7946 ${chars('0123456789', 4)}`,
    () => `Login from 81.2.69.${Math.floor(random() * 250)} at 2026-01-02`,
    () => `Employee SSN: 512-${10 + Math.floor(random() * 89)}-${1000 + Math.floor(random() * 8999)}`,
  ];

  const lines: string[] = [];
  let bytes = 0;
  let plantedCount = 0;
  while (bytes < targetBytes) {
    const roll = random();
    let line: string;
    if (roll < 0.01) {
      line = pick(planted)();
      plantedCount++;
    } else if (roll < 0.45) line = pick(code)();
    else if (roll < 0.8) line = pick(logs)();
    else line = pick(prose)();
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return { text: lines.join('\n'), planted: plantedCount };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeRipgrep(text: string, megabytes: number): Record<string, unknown> {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { status: 'skipped', reason: 'rg (ripgrep) not found on PATH' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'scanner-bench-'));
  try {
    const file = join(dir, 'corpus.txt');
    writeFileSync(file, text);
    const args = ['--count-matches', '--no-config', ...RIPGREP_PATTERNS.flatMap((p) => ['-e', toRipgrep(p)]), file];
    const times: number[] = [];
    let matches = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      const result = spawnSync('rg', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      // 0 = matches, 1 = none; anything else (2 = bad pattern) would time an error, not a search.
      if (result.status !== 0 && result.status !== 1) throw new Error(`rg failed (${result.status}): ${result.stderr.slice(0, 500)}`);
      matches = Number(result.stdout.trim() || 0);
    }
    const medianMs = median(times);
    return {
      status: 'ran',
      version: probe.stdout.split('\n')[0],
      runsMs: times.map((t) => Math.round(t * 10) / 10),
      medianMs: Math.round(medianMs * 10) / 10,
      mbPerSecond: Math.round((megabytes / (medianMs / 1000)) * 10) / 10,
      matches,
      note: 'ripgrep counts pattern matches only: no validation, locations or redaction, and includes process start-up',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadScanner(): Promise<typeof Scanner> {
  return import('@platform/scanner');
}

export async function run(): Promise<BenchResult> {
  const { scanDocument, summarize } = await loadScanner();
  const { text, planted } = generateCorpus();
  const bytes = Buffer.byteLength(text);
  const megabytes = bytes / 1e6;

  scanDocument(text, { framework: 'gdpr' }); // warm-up: JIT and regex compilation
  const times: number[] = [];
  let findings: ReturnType<typeof scanDocument> = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    findings = scanDocument(text, { framework: 'gdpr' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const medianMs = median(times);
  const mbPerSecond = megabytes / (medianMs / 1000);
  const ripgrep = timeRipgrep(text, megabytes);

  const result: BenchResult = {
    name: NAME,
    value: Math.round(mbPerSecond * 10) / 10,
    unit: 'MB/s',
    details: {
      corpusBytes: bytes,
      corpusLines: text.split('\n').length,
      seed: SEED,
      plantedLines: planted,
      detectors: 'all',
      runs: RUNS,
      runsMs: times.map((t) => Math.round(t * 10) / 10),
      medianMs: Math.round(medianMs * 10) / 10,
      mbPerSecond: Math.round(mbPerSecond * 10) / 10,
      findings: summarize(findings),
      ripgrep,
      scannerToRipgrepRatio:
        ripgrep.status === 'ran' ? Math.round((mbPerSecond / (ripgrep.mbPerSecond as number)) * 1000) / 1000 : null,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      ...machineLoad(),
      measuredAt: new Date().toISOString(),
    },
  };
  mkdirSync(join(WORKSPACE_ROOT, 'tools/bench/results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/**
 * `npx tsx <this file>` from the workspace root finds no tsconfig.json there, so the
 * `@platform/*` aliases of tsconfig.base.json would not resolve. In that case run once more with
 * tsx pointed at the base config.
 */
function aliasesResolve(): boolean {
  try {
    require.resolve('@platform/scanner');
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) {
  if (!aliasesResolve() && !process.env.TSX_TSCONFIG_PATH && existsSync(join(WORKSPACE_ROOT, 'tsconfig.base.json'))) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
    });
    process.exit(child.status ?? 1);
  }
  run()
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
    })
    .catch((error: unknown) => {
      console.error(`${NAME} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
