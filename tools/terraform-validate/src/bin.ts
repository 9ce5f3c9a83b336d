#!/usr/bin/env node
// `npm run terraform:validate -- [--out cdktf.out] [--stack <id>]... [--require]`: terraform
// init -backend=false && terraform validate of every synthesized stack (README in docs/local-development.md).
import { parseArgs } from 'node:util';
import { runValidate } from './run';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { out: { type: 'string', default: 'cdktf.out' }, stack: { type: 'string', multiple: true }, require: { type: 'boolean', default: false } },
});
try {
  const result = runValidate({ out: values.out, stacks: values.stack, require: values.require });
  if ('skipped' in result) {
    process.stdout.write(`terraform-validate: skipped: ${result.skipped}\n`);
  } else {
    for (const r of result.results) {
      process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.stack}\n${r.lines.map((l) => `       ${l}\n`).join('')}`);
    }
    const failed = result.results.filter((r) => !r.ok).length;
    process.stdout.write(`terraform-validate: ${result.results.length - failed} valid, ${failed} failed\n`);
    process.exitCode = failed > 0 ? 1 : 0;
  }
} catch (error) {
  process.stderr.write(`terraform-validate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
