import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, WORKSPACE_ROOT, type BenchResult } from '../support/bench-result';
import { extractNotes, renderReport } from './markdown';

export const REPORT_FILE = join(WORKSPACE_ROOT, 'docs/benchmarks.md');
export const CHART_DIR = join(WORKSPACE_ROOT, 'docs/benchmarks');

function isBenchResult(value: unknown): value is BenchResult {
  const v = value as Partial<BenchResult> | null;
  return Boolean(v && typeof v.name === 'string' && typeof v.value === 'number' && typeof v.unit === 'string' && v.details && typeof v.details === 'object');
}

/** Reads every results JSON (a malformed one is an error naming the file), writes the report and charts. */
export function generateReport(resultsDir = RESULTS_DIR, reportFile = REPORT_FILE, chartDir = CHART_DIR): string[] {
  const results = readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const parsed: unknown = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
      if (!isBenchResult(parsed)) throw new Error(`${join(resultsDir, file)} is not a benchmark result ({name, value, unit, details})`);
      return parsed;
    });
  const notes = extractNotes(existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : undefined);
  const report = renderReport(results, notes);
  mkdirSync(chartDir, { recursive: true });
  writeFileSync(reportFile, report.markdown);
  for (const [name, svg] of Object.entries(report.svgs)) writeFileSync(join(chartDir, name), svg);
  return [reportFile, ...Object.keys(report.svgs).map((name) => join(chartDir, name))];
}
