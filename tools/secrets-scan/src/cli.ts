import { defineCommand, runCli } from '@platform/cli-support';
import { EXIT_CLEAN, EXIT_FOUND } from './cli-error';
import { renderAnnotations, renderJson, renderText } from './report';
import { scan } from './scan-command';

const USAGE =
  'usage: secrets:scan [--base <rev>] [--head <rev>] [--history] [--json] [--github] [--pii] [--min-confidence <0..1>] [--ignore-file <path>] [FILE|DIR...]';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd?: string;
}

/**
 * Drops documentation keys (`…EXAMPLE`, 0.1), a private-key header without its END line (0.5: the
 * key format named in docs) and reserved-domain emails; keeps every real-format secret (0.6 and up).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

export const secretsScanCommand = defineCommand({
  name: 'secrets-scan',
  usage: `${USAGE}
  FILE|DIR...             scan these files instead of git (a folder: its git-tracked files)
  --base/--head <rev>     scan the lines added in base..head (default head: HEAD)
  --history               every commit's added lines, not the net diff
  --json / --github       a JSON report / GitHub annotations on the diff
  --pii                   personal data too
  --min-confidence <0..1> drop weaker findings (default ${DEFAULT_MIN_CONFIDENCE})
  --ignore-file <path>    allowlist (default .secrets-scan-ignore)
  exit 0 clean, 1 found, 2 bad input or usage, 70 a bug`,
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    history: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    github: { type: 'boolean', default: false },
    pii: { type: 'boolean', default: false },
    'min-confidence': { type: 'string' },
    'ignore-file': { type: 'string' },
  },
  run: ({ values, positionals }, io) => {
    const minConfidence = values['min-confidence'] === undefined ? DEFAULT_MIN_CONFIDENCE : Number(values['min-confidence']);
    const result = scan({
      base: values.base,
      head: values.head,
      history: values.history,
      files: positionals,
      ignoreFile: values['ignore-file'],
      pii: values.pii,
      minConfidence: values['min-confidence']?.trim() === '' ? NaN : minConfidence,
      cwd: io.cwd,
    });
    io.stdout(values.json ? renderJson(result) : renderText(result));
    if (values.github) io.stdout(renderAnnotations(result.findings));
    return result.findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
  },
});

/** Runs secrets:scan with `argv` (0 clean, 1 found, 2 bad input, 70 a bug); returns the exit code. */
export function main(argv: readonly string[], io: Io = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) }): Promise<number> {
  return runCli(secretsScanCommand, argv, { ...io, cwd: io.cwd ?? process.cwd() });
}
