import * as path from 'node:path';
import { formatFinding, loadWorkflow, REPO_ROOT, runActionlint, workflowFiles } from '../src';

const files = workflowFiles();

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['pull-request.yml', 'main.yml', 'preview.yml']));
  });

  it.each(files.map((f) => [path.relative(REPO_ROOT, f), f]))('%s has no findings', async (name, file) => {
    const workflow = loadWorkflow(file); // a YAML error fails here with its line (the wasm would crash)
    const findings = await runActionlint(workflow.text, name);
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('really lints: a misspelt context and an unknown job key are reported', async () => {
    const broken = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    step:', '      - run: echo ${{ var.X }}', ''].join('\n');
    const findings = await runActionlint(broken, 'broken.yml');
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['syntax-check']));
    const typo = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo ${{ var.X }}', ''].join('\n');
    expect((await runActionlint(typo, 'typo.yml')).map((f) => f.message)).toEqual([expect.stringContaining('undefined variable "var"')]);
  });

  it('knows the vars context (actionlint >= 1.6.23) and checks what it is used for', async () => {
    const ok = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo "${{ vars.X }}"', ''].join('\n');
    expect(await runActionlint(ok, 'vars.yml')).toEqual([]);
    // vars is a map of strings: a property access on one of its values is a type error.
    const wrong = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo "${{ vars.X.Y }}"', ''].join('\n');
    expect((await runActionlint(wrong, 'vars-wrong.yml')).map((f) => f.kind)).toEqual(['expression']);
  });
});
