/** docs/policy.md's rule table stays in step with the rules. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_RULES } from '../src/rules';

const doc = readFileSync(path.resolve(__dirname, '../../../docs/policy.md'), 'utf8');
// The rule table is the one under '## Rules' (later tables, such as the accepted checkov checks, are not rules).
const rulesSection = doc.slice(doc.indexOf('\n## Rules'), doc.indexOf('\n## ', doc.indexOf('\n## Rules') + 1));
const rows = rulesSection.split('\n').filter((line) => line.startsWith('| `'));

describe('docs/policy.md', () => {
  it('has one table row per rule, in order, with its category, title, references and severity', () => {
    expect(rows).toHaveLength(ALL_RULES.length);
    ALL_RULES.forEach((rule, index) => {
      const cells = rows[index].split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, ''));
      const refs = [...(rule.references.checkov ?? []), ...(rule.references.trivy ?? [])];
      expect(cells[0]).toBe(`\`${rule.id}\``);
      expect(cells[1]).toBe(rule.category);
      expect(cells[2]).toBe(rule.title);
      for (const ref of refs) expect(cells[3]).toContain(`\`${ref}\``);
      expect(cells[4]).toBe(rule.severity);
    });
  });
});
