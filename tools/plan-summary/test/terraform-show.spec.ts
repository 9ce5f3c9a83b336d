import * as path from 'node:path';
import { readPlanFile, summarizePlan, type StackSummary } from '../src';

// Real `terraform show -json` output made by fixtures/terraform-show/make-plan.sh (Terraform's
// built-in terraform_data resources, so no provider download): the format exactly as Terraform
// writes it, compact and with every field, in the repository.
const DIR = path.join(__dirname, 'fixtures/terraform-show');
const FILE = path.join(DIR, 'local-data-changes.json');

describe('a plan written by terraform show -json (fixtures/terraform-show)', () => {
  let s: StackSummary;
  beforeAll(async () => {
    s = summarizePlan(await readPlanFile(FILE, DIR), FILE, 'local-data-changes.json');
  });

  it('reads the format and Terraform version Terraform recorded', () => {
    expect([s.formatVersion, s.terraformVersion]).toEqual(['1.2', '1.11.4']);
  });

  it('counts create / update / delete / replace / no-op / read across the root and a nested module', () => {
    expect([s.create, s.update, s.delete, s.replace, s.noop, s.read]).toEqual([1, 2, 2, 2, 1, 0]);
    expect(s.changed).toEqual([
      { address: 'terraform_data.added', kind: 'create' },
      { address: 'terraform_data.resized', kind: 'update' },
      { address: 'module.jobs.terraform_data.queue', kind: 'update' },
    ]);
  });

  it('gives the reason, forcing attribute and order of each delete and replacement', () => {
    expect(s.destructive).toEqual([
      { address: 'terraform_data.retired', type: 'terraform_data', action: 'delete', actionReason: 'it was removed from the configuration', replacePaths: [] },
      {
        address: 'terraform_data.schema',
        type: 'terraform_data',
        action: 'replace',
        actionReason: 'an attribute cannot be updated in place',
        replacePaths: ['triggers_replace'],
        order: 'destroy then create',
      },
      { address: 'terraform_data.tainted', type: 'terraform_data', action: 'replace', actionReason: 'the object is tainted', replacePaths: [], order: 'destroy then create' },
      { address: 'module.jobs.terraform_data.dead_letter', type: 'terraform_data', action: 'delete', actionReason: 'it was removed from the configuration', replacePaths: [] },
    ]);
    // terraform_data holds no data: nothing here is a stateful loss.
    expect(s.dangerous).toEqual([]);
  });

  it('lists changed outputs by name and action only', () => {
    expect(s.outputs).toEqual([
      { name: 'endpoint', action: 'update', sensitive: false },
      { name: 'retired_id', action: 'delete', sensitive: false },
    ]);
    expect(JSON.stringify(s)).not.toContain('example.com');
  });
});
