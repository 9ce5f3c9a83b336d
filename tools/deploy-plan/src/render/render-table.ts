import type { DeployPlan } from '../plan/deploy-plan';

/** The default, human-readable output. */
export function renderTable(plan: DeployPlan, range: string): string {
  const lines: string[] = [`Deploy plan for ${range}`, ''];
  if (plan.images.length === 0) {
    lines.push('Images to build: none');
  } else {
    lines.push('Images to build:');
    lines.push(
      ...columns([
        ['PROJECT', 'DOCKERFILE', 'REPOSITORY', 'TAG'],
        ...plan.images.map((i) => [i.project, i.dockerfile, i.repository, i.tag]),
      ]),
    );
  }
  for (const env of plan.environments) {
    lines.push('');
    if (env.stacks.length === 0) {
      lines.push(`Stacks for ${env.name}: none`);
      continue;
    }
    lines.push(`Stacks for ${env.name}, in order:`);
    lines.push(
      ...columns([
        ['#', 'LAYER', 'STACK', 'ACTION', 'BECAUSE OF'],
        ...env.stacks.map((s, i) => [String(i + 1), String(s.layer), s.name, s.action, s.reasons.join(', ')]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => `  ${row.map((cell, col) => cell.padEnd(widths[col])).join('  ')}`.trimEnd());
}
