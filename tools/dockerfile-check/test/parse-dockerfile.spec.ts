import { DockerfileSyntaxError, keyValues, parseDockerfile } from '../src/parse-dockerfile';

describe('parseDockerfile', () => {
  it('joins continuations, skips comments, reads flags and exec form', () => {
    const parsed = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG BASE=node',
        'FROM node:20.20.2 AS build',
        'RUN npm ci \\',
        '  # a comment inside a continuation',
        '  --omit=dev',
        'FROM node:20.20.2',
        'COPY --from=build --chown=node:node /app ./',
        'HEALTHCHECK --interval=5s CMD ["node", "check.js"]',
        'CMD ["node", "main.js"]',
      ].join('\n'),
    );
    expect(parsed.globalArgs.map((a) => a.raw)).toEqual(['BASE=node']);
    expect(parsed.stages.map((s) => [s.image, s.name])).toEqual([
      ['node:20.20.2', 'build'],
      ['node:20.20.2', undefined],
    ]);
    expect(parsed.stages[0].instructions[0]).toMatchObject({ keyword: 'RUN', args: ['npm', 'ci', '--omit=dev'], line: 4 });
    const [copy, health, cmd] = parsed.stages[1].instructions;
    expect(copy.flags).toEqual({ from: 'build', chown: 'node:node' });
    expect(health).toMatchObject({ flags: { interval: '5s' }, args: ['CMD', 'node', 'check.js'], execForm: true });
    expect(cmd).toMatchObject({ args: ['node', 'main.js'], execForm: true });
  });

  it('reads ENV in both forms and ARG defaults', () => {
    const [env1, env2, arg] = parseDockerfile('FROM x:1.2.3\nENV A=1 B="two words"\nENV LEGACY some value\nARG NAME').stages[0]
      .instructions;
    expect(keyValues(env1)).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
    expect(keyValues(env2)).toEqual([['LEGACY', 'some value']]);
    expect(keyValues(arg)).toEqual([['NAME', undefined]]);
  });

  it('rejects files without FROM or with instructions before it', () => {
    expect(() => parseDockerfile('RUN true')).toThrow(DockerfileSyntaxError);
    expect(() => parseDockerfile('# only a comment')).toThrow('no FROM instruction');
    expect(() => parseDockerfile('FROM a:1.0.0 AS')).toThrow('FROM needs');
  });
});
