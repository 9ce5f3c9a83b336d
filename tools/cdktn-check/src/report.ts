import type { FieldDifference } from './compare-synth';
import { isEquivalent } from './compare-synth';
import type { SwitchCheckResult } from './switch-check';

const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

/** Named metadata differences, one line per field and pair of values, with the stacks that have it. */
function metadataLines(metadata: FieldDifference[]): string[] {
  const groups = new Map<string, string[]>();
  for (const m of metadata) {
    const key = `${m.path}: ${show(m.cdktf)} -> ${show(m.cdktn)}`;
    groups.set(key, [...(groups.get(key) ?? []), m.stack]);
  }
  return [...groups].map(([key, stacks]) => `  allowed  ${key} (${stacks.length} stack(s))`);
}

export function renderReport(result: SwitchCheckResult): string {
  const { comparison: c, versions: v } = result;
  const lines = [
    `cdktn-check: cdktf ${v.cdktf} + @cdktf/provider-aws ${v.cdktfProviderAws} vs cdktn ${v.cdktn} + @cdktn/provider-aws ${v.cdktnProviderAws} (constructs ${v.constructs})`,
    `  ${c.stacks.length} stack(s) in both: ${c.stacks.join(', ')}`,
    ...c.onlyCdktf.map((s) => `  DIFF     stack ${s} only synthesized by cdktf`),
    ...c.onlyCdktn.map((s) => `  DIFF     stack ${s} only synthesized by cdktn`),
    ...metadataLines(c.metadata),
    ...c.differences.map((d) => `  DIFF     ${d.stack}: ${d.path}: cdktf ${show(d.cdktf)}, cdktn ${show(d.cdktn)}`),
  ];
  const real = c.differences.length + c.onlyCdktf.length + c.onlyCdktn.length;
  lines.push(
    isEquivalent(c)
      ? `cdktn-check: PASS: ${c.stacks.length} of ${c.stacks.length} stack(s) equal apart from named metadata`
      : `cdktn-check: FAIL: ${real} difference(s) beyond named metadata${c.stacks.length === 0 ? ' (no stack synthesized)' : ''}`,
  );
  return lines.join('\n') + '\n';
}
