import { FakeParameterStore, parseValueFrom } from '../src/fake-parameter-store';

describe('parseValueFrom', () => {
  it('reads an SSM parameter ARN', () => {
    expect(parseValueFrom('arn:aws:ssm:eu-west-1:111122223333:parameter/fargate-platform/dev/api/cursor-secret')).toEqual({
      service: 'ssm',
      region: 'eu-west-1',
      account: '111122223333',
      name: '/fargate-platform/dev/api/cursor-secret',
    });
  });

  it('reads a bare parameter name as one in the task region and account', () => {
    expect(parseValueFrom('fargate-platform/dev/api/x')).toMatchObject({ service: 'ssm', region: undefined, name: '/fargate-platform/dev/api/x' });
  });

  it('reads a Secrets Manager ARN with its random suffix and a JSON key', () => {
    expect(parseValueFrom('arn:aws:secretsmanager:eu-west-1:111122223333:secret:db/credentials-AbC123:password::')).toEqual({
      service: 'secretsmanager',
      region: 'eu-west-1',
      account: '111122223333',
      name: 'db/credentials',
      jsonKey: 'password',
    });
  });

  it('rejects an ARN of another service', () => {
    expect(() => parseValueFrom('arn:aws:s3:::bucket/key')).toThrow('neither an SSM parameter nor a Secrets Manager secret ARN');
  });
});

describe('FakeParameterStore', () => {
  const store = new FakeParameterStore([{ type: 'ssm', parameterName: '/p/dev/api/cursor-secret' }]);

  it('gives a declared parameter a made-up value, the same each time', () => {
    const location = parseValueFrom('arn:aws:ssm:eu-west-1:111122223333:parameter/p/dev/api/cursor-secret');
    expect(store.resolve(location)).toMatch(/^[\w-]{32}$/);
    expect(store.resolve(location)).toBe(store.resolve(location));
  });

  it('names the undeclared parameter a task asks for', () => {
    expect(() => store.resolve(parseValueFrom('/p/dev/worker/cursor-secret'))).toThrow('ssm /p/dev/worker/cursor-secret is not a secret the catalog declares (declared: ssm:/p/dev/api/cursor-secret)');
  });
});
