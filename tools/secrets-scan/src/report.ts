import type { ScanResult } from './scan-command';
import type { SecretFinding } from './scan-block';

const SHORT_SHA = 12;

/** One line per finding, `file:line:column: detector (severity, confidence) redacted [commit]`, then a summary. */
export function renderText(result: ScanResult): string {
  const lines = result.findings.map(
    (f) =>
      `${f.file}:${f.line}:${f.column}: ${f.detectorId} (${f.severity}, confidence ${f.confidence}) ${f.redacted}` +
      (f.commit ? ` [commit ${f.commit.slice(0, SHORT_SHA)}]` : ''),
  );
  lines.push(summaryLine(result));
  if (result.findings.length > 0) {
    lines.push(
      'secrets-scan: remove each secret and rotate it (a pushed commit keeps it in history); a fake value in a test corpus belongs in a path listed in .secrets-scan-ignore',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(
    {
      range: result.range ?? null,
      scanned: { commits: result.commits, files: result.files, lines: result.lines },
      ignored: result.ignored,
      binary: result.binary,
      findings: result.findings,
    },
    null,
    2,
  )}\n`;
}

/** GitHub Actions workflow commands: each finding becomes an error annotation on the file and line. */
export function renderAnnotations(findings: readonly SecretFinding[]): string {
  return findings
    .map((f) => `::error file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=secrets-scan ${f.detectorId}::${escapeData(`${f.detectorId}: ${f.redacted}`)}\n`)
    .join('');
}

function summaryLine(result: ScanResult): string {
  const parts: string[] = [];
  if (result.range) {
    const base = result.range.base ? `${result.range.base.slice(0, SHORT_SHA)}..` : 'history of ';
    parts.push(`${plural(result.commits, 'commit')} (${base}${result.range.head.slice(0, SHORT_SHA)}, base: ${result.range.baseFrom})`);
  }
  parts.push(`${plural(result.lines, 'line')} in ${plural(result.files, 'file')}`);
  if (result.ignored.length > 0) parts.push(`${plural(result.ignored.length, 'file')} skipped by the allowlist`);
  if (result.binary.length > 0) parts.push(`${plural(result.binary.length, 'binary file')} skipped`);
  const verdict = result.findings.length === 0 ? 'no secrets found' : `${plural(result.findings.length, 'finding')}`;
  return `secrets-scan: ${verdict}; scanned ${parts.join(', ')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
