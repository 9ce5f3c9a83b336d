/**
 * `task-rehearsal [--environment <env>]... [--service <name>]... [--synth-dir <dir>] [--no-build] [--json]`:
 * exit 0 every task rehearsed, 1 a task failed, 2 bad input or usage, 70 a bug.
 */
import { rmSync } from 'node:fs';
import { CliError, defineCommand, EXIT } from '@platform/cli-support';
import { buildBundles, rehearsalCases, rehearseWorkspace, synthesizeWorkspace } from './rehearse-workspace';
import { RehearsalError } from './rehearsal-error';
import type { TaskRehearsal } from './rehearse-task';

const USAGE = `usage: task-rehearsal [--environment <env>]... [--service <name>]... [--synth-dir <dir>] [--no-build] [--json]
  Runs each synthesized task definition's container on the real bundle, as ECS would: its
  environment and secrets (a fake parameter store), AWS endpoints on embedded DynamoDB/SQS, the
  container health check, the ALB health check, and SIGTERM within the stop timeout.
  --environment  dev, staging or prod (repeatable; default: every environment)
  --service      a catalog service (repeatable; default: every service)
  --synth-dir    a synth of the whole workspace to use (default: synthesize one now)
  --no-build     use the bundles in dist/ as they are (default: nx build them first)
  --json         print the results as JSON
  --help         this text`;

function describe(result: TaskRehearsal | RehearsalError): string {
  if (result instanceof RehearsalError) return `FAIL ${result.message}${result.output ? `\n${result.output.trimEnd().split('\n').slice(-15).map((l) => `     | ${l}`).join('\n')}` : ''}`;
  const parts = [
    result.healthyAfterMs !== undefined ? `healthy in ${result.healthyAfterMs} ms` : undefined,
    result.albStatus !== undefined ? `ALB check ${result.albStatus}` : undefined,
    result.kind === 'scheduled' ? `ran to exit ${result.exitCode} in ${result.exitAfterMs} ms` : `SIGTERM -> exit ${result.exitCode} in ${result.exitAfterMs} ms`,
    result.readOnlyRootEnforced ? undefined : 'writes outside the volumes not refused (run as root; the workspace is closed to others)',
  ].filter(Boolean);
  return `ok   ${result.stack} (${result.kind}): ${parts.join(', ')}`;
}

export const rehearsalCommand = defineCommand({
  name: 'task-rehearsal',
  usage: USAGE,
  options: {
    environment: { type: 'string', multiple: true },
    service: { type: 'string', multiple: true },
    'synth-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  run: async ({ values, positionals }, io) => {
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`, EXIT.usage);
    const selection = { workspaceRoot: io.cwd, environments: values.environment, services: values.service };
    let cases;
    try {
      cases = rehearsalCases(selection);
    } catch (error) {
      throw new CliError((error as Error).message, EXIT.usage);
    }
    const services = [...new Set(cases.map((c) => c.service))];
    if (!values['no-build']) buildBundles(io.cwd, services);
    const synthDir = values['synth-dir'] ?? synthesizeWorkspace(io.cwd);
    const onResult = values.json ? undefined : (result: TaskRehearsal | RehearsalError) => io.stdout(`${describe(result)}\n`);
    const report = await rehearseWorkspace({ ...selection, synthDir, onResult }).finally(() => {
      if (values['synth-dir'] === undefined) rmSync(synthDir, { recursive: true, force: true });
    });
    if (values.json) {
      const failed = report.failed.map((f) => ({ stack: f.stackName, step: f.step, message: f.message, output: f.output }));
      io.stdout(`${JSON.stringify({ passed: report.passed, failed }, null, 2)}\n`);
    } else {
      io.stdout(`${report.passed.length} of ${cases.length} tasks rehearsed${report.failed.length ? `, ${report.failed.length} failed` : ''}\n`);
    }
    return report.failed.length > 0 ? EXIT.found : EXIT.ok;
  },
});
