import { existsSync } from 'node:fs';
import path from 'node:path';

/** The workspace root: this file is tools/cli-support/src/fixtures-corpus.ts. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
/** Where the external corpus lives; a relative value is read from the workspace root. */
export const FIXTURES_DIR_ENV = 'PLATFORM_FIXTURES_DIR';
export const DEFAULT_FIXTURES_DIR = '../shared/fixtures';

export interface FixturesCorpus {
  /** Absolute path of the requested part of the corpus (e.g. `.../fixtures/terraform-plans`). */
  readonly dir: string;
  readonly present: boolean;
}

export interface FixturesCorpusOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the skip line goes. Default: straight to stderr, not console.warn, because jest drops the
   * console output of a test file whose tests are all skipped.
   */
  readonly report?: (line: string) => void;
}

/**
 * Locates a part of the external real-world corpus (plans and synth output from public
 * repositories, kept outside this repository). Tests over it run when it is there; when it is
 * not, `what` is reported as skipped in one line so a local run never passes it silently.
 * `.ci/run` requires the corpus, so CI always runs them.
 */
export function fixturesCorpus(subdir: string, what: string, options: FixturesCorpusOptions = {}): FixturesCorpus {
  const { env = process.env, report = (line: string) => process.stderr.write(`${line}\n`) } = options;
  const root = path.resolve(WORKSPACE_ROOT, env[FIXTURES_DIR_ENV] || DEFAULT_FIXTURES_DIR);
  const dir = path.join(root, subdir);
  const present = existsSync(dir);
  if (!present) report(`skipped: ${what}: no corpus at ${dir} (set ${FIXTURES_DIR_ENV} to its folder)`);
  return { dir, present };
}
