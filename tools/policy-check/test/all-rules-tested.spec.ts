/** Every rule has its own describe block in test/rules with a catching and a passing case. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_RULES } from '../src/rules';

const RULE_TESTS = path.join(__dirname, 'rules');
const sources = readdirSync(RULE_TESTS)
  .filter((file) => file.endsWith('.spec.ts'))
  .map((file) => readFileSync(path.join(RULE_TESTS, file), 'utf8'))
  .join('\n');

describe('rule test coverage', () => {
  it('has at least 25 rules with unique ids', () => {
    expect(ALL_RULES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(ALL_RULES.map((rule) => rule.id)).size).toBe(ALL_RULES.length);
  });

  it.each(ALL_RULES.map((rule) => [rule.id]))('%s is tested', (id) => {
    // A row of a describe.each table (the four public access block flags) gets both cases from the table.
    if (sources.includes(`['${id}', `)) return;
    expect(sources).toContain(`describe('${id}'`);
    // The describe, then the id in at least one violating and one passing case.
    expect(sources.split(`'${id}'`).length - 1).toBeGreaterThanOrEqual(3);
  });
});
