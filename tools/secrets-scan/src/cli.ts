import { parseArgs } from 'node:util';
import { exitCodeForFailure } from '@platform/cli-support';
import { CliError, EXIT_BAD_INPUT, EXIT_CLEAN, EXIT_FOUND } from './cli-error';
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

const processIo: Io = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

/** The one place that turns errors into a message and an exit code: 0 clean, 1 found, 2 bad input. */
export function main(argv: readonly string[], io: Io = processIo): number {
  try {
    const { values, positionals } = parseOptions(argv);
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_CLEAN;
    }
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
  } catch (err) {
    return exitCodeForFailure('secrets-scan', err, io.stderr);
  }
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        history: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        github: { type: 'boolean', default: false },
        pii: { type: 'boolean', default: false },
        'min-confidence': { type: 'string' },
        'ignore-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    // Node's message adds a long hint about `--` after the first sentence; the first sentence says it.
    const message = (err as { message?: string }).message ?? String(err);
    throw new CliError(`${message.split(/\.\s/)[0].replace(/\.$/, '')} (${USAGE})`, EXIT_BAD_INPUT);
  }
}
