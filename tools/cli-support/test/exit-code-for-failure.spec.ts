import { CliError, EXIT_INTERNAL, exitCodeForFailure } from '../src';

function failWith(error: unknown): { code: number; lines: string[] } {
  const written: string[] = [];
  const code = exitCodeForFailure('some-tool', error, (text) => written.push(text));
  return { code, lines: written.join('').split('\n').slice(0, -1) };
}

describe('CliError', () => {
  it('keeps the message and the exit code it was given', () => {
    const error = new CliError('no such file: plan.json', 2);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CliError');
    expect(error.message).toBe('no such file: plan.json');
    expect(error.exitCode).toBe(2);
  });
});

describe('exitCodeForFailure', () => {
  it('returns a CliError’s own code and prints its message as one line, without a stack', () => {
    expect(failWith(new CliError('no such file: plan.json', 3))).toEqual({ code: 3, lines: ['some-tool: no such file: plan.json'] });
  });

  it('returns 70 and says "internal error" for any other Error', () => {
    expect(EXIT_INTERNAL).toBe(70);
    expect(failWith(new TypeError('x is undefined'))).toEqual({ code: 70, lines: ['some-tool: internal error: x is undefined'] });
  });

  it('handles a thrown non-Error value', () => {
    expect(failWith('boom')).toEqual({ code: 70, lines: ['some-tool: internal error: boom'] });
  });
});
