import type { Finding, FindingCategory, ScanSummary, Severity } from '@platform/shared';

/** Counts findings per severity and category (every key present, zero when none). */
export function summarize(findings: readonly Finding[]): ScanSummary {
  // Full records: the compiler rejects a missing or extra severity/category.
  const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  const byCategory: Record<FindingCategory, number> = { secret: 0, 'personal-data': 0 };
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCategory[f.category]++;
  }
  return { total: findings.length, bySeverity, byCategory };
}
