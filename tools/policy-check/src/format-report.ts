/** The human-readable report: violations grouped by stack, each with what is wrong and what to do. */
import type { ExemptedFinding, PolicyReport, Violation } from './check-stacks';
import type { Rule } from './rule';

function location(item: Violation): string {
  return item.constructPath ? `${item.address} (${item.constructPath})` : item.address;
}

function byStack<T extends Violation>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.stack, [...(groups.get(item.stack) ?? []), item]);
  return groups;
}

export function formatReport(report: PolicyReport): string {
  const lines: string[] = [];
  const failing = new Set(report.violations.map((v) => v.stack)).size;
  const summary = `${report.violations.length} violation(s) in ${failing} of ${report.stacks.length} stack(s), ${report.rules} rules, ${report.exempted.length} exempted`;
  lines.push(report.violations.length === 0 ? `policy-check: PASS: ${summary}` : `policy-check: FAIL: ${summary}`);

  for (const [stack, items] of byStack(report.violations)) {
    lines.push('', `${stack} (${items[0].file}, env ${items[0].environment})`);
    for (const item of items) {
      lines.push(`  ${item.ruleId} [${item.severity}] ${location(item)}`);
      lines.push(`    what: ${item.message}`);
      lines.push(`    fix:  ${item.remediation}`);
    }
  }
  if (report.exempted.length > 0) {
    lines.push('', 'Exempted (with reasons):');
    for (const item of report.exempted as ExemptedFinding[]) {
      lines.push(`  ${item.ruleId} ${item.stack} ${location(item)}: ${item.reason}`);
    }
  }
  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:', ...report.warnings.map((warning) => `  ${warning}`));
  }
  return `${lines.join('\n')}\n`;
}

export function formatRuleList(rules: readonly Rule[]): string {
  const rows = rules.map((rule) => {
    const refs = [...(rule.references.checkov ?? []), ...(rule.references.trivy ?? [])].join(', ') || '-';
    return `${rule.id.padEnd(30)} ${rule.severity.padEnd(9)} ${rule.category.padEnd(16)} ${rule.title} [${refs}]`;
  });
  return `${rows.join('\n')}\n`;
}
