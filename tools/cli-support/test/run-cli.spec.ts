import { CliError, defineCommand, EXIT, EXIT_INTERNAL, runCli, type CliIo } from '../src';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: '/work', env };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

const command = defineCommand({
  name: 'demo',
  usage: 'usage: demo [--json] [--fail <code>] FILE...\n  --json  print JSON',
  options: { json: { type: 'boolean', default: false }, fail: { type: 'string' } },
  run: ({ values, positionals }, { stdout }) => {
    if (values.fail === 'bug') throw new TypeError('x is undefined');
    if (values.fail) throw new CliError(`cannot read ${positionals[0]}`, Number(values.fail));
    stdout(values.json ? `${JSON.stringify({ files: positionals })}\n` : `${positionals.join(' ')}\n`);
    return positionals.length > 1 ? EXIT.found : EXIT.ok;
  },
});

describe('CliError', () => {
  it('keeps the message and the exit code it was given', () => {
    const error = new CliError('no such file: plan.json', 2);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CliError');
    expect(error.message).toBe('no such file: plan.json');
    expect(error.exitCode).toBe(2);
  });
});

describe('runCli', () => {
  it('uses the exit codes of every tool: 0 ok, 1 found, 2 usage or bad input, 70 a bug', () => {
    expect(EXIT).toEqual({ ok: 0, found: 1, usage: 2, internal: 70 });
    expect(EXIT_INTERNAL).toBe(EXIT.internal);
  });

  it('runs the command with typed options and returns its code', async () => {
    const t = io();
    expect(await runCli(command, ['--json', 'a', 'b'], t.io)).toBe(1);
    expect(t.out()).toBe('{"files":["a","b"]}\n');
  });

  it('prints the whole usage for --help and -h, exit 0, before any parsing', async () => {
    for (const flag of ['--help', '-h']) {
      const t = io();
      expect(await runCli(command, ['--nope', flag], t.io)).toBe(0);
      expect(t.out()).toBe('usage: demo [--json] [--fail <code>] FILE...\n  --json  print JSON\n');
    }
  });

  it('answers an unknown option with one line, the usage line and exit 2', async () => {
    const t = io();
    expect(await runCli(command, ['--jsn'], t.io)).toBe(EXIT.usage);
    expect(t.err()).toBe("demo: Unknown option '--jsn' (usage: demo [--json] [--fail <code>] FILE...; --help for more)\n");
  });

  it('turns a CliError into its message and code, anything else into an internal error and 70', async () => {
    const bad = io();
    expect(await runCli(command, ['--fail', '2', 'x.json'], bad.io)).toBe(2);
    expect(bad.err()).toBe('demo: cannot read x.json\n');
    const bug = io();
    expect(await runCli(command, ['--fail', 'bug'], bug.io)).toBe(70);
    expect(bug.err()).toBe('demo: internal error: x is undefined\n');
    const debug = io({ CLI_DEBUG: '1' });
    await runCli(command, ['--fail', 'bug'], debug.io);
    expect(debug.err()).toMatch(/^demo: internal error: x is undefined\nTypeError: x is undefined\n\s+at /);
  });
});
