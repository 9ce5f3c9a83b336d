import { policiesAllow, secretReadAction } from '../src/execution-grants';
import type { PolicyDocument } from '../src/service-task';

const PARAMETER = 'arn:aws:ssm:eu-west-1:111122223333:parameter/p/dev/api/cursor-secret';

describe('policiesAllow', () => {
  const allow = (resource: string, action = 'ssm:GetParameters'): PolicyDocument => ({ Statement: [{ Effect: 'Allow', Action: [action], Resource: [resource] }] });

  it('allows an exact resource and a wildcard one', () => {
    expect(policiesAllow([allow(PARAMETER)], 'ssm:GetParameters', PARAMETER)).toBe(true);
    expect(policiesAllow([allow('arn:aws:ssm:eu-west-1:111122223333:parameter/p/dev/api/*')], 'ssm:GetParameters', PARAMETER)).toBe(true);
  });

  it('matches actions case-insensitively and with wildcards', () => {
    expect(policiesAllow([allow(PARAMETER, 'SSM:GetParameter*')], 'ssm:GetParameters', PARAMETER)).toBe(true);
  });

  it('refuses another service path, another action, and an explicit deny', () => {
    expect(policiesAllow([allow('arn:aws:ssm:eu-west-1:111122223333:parameter/p/dev/worker/*')], 'ssm:GetParameters', PARAMETER)).toBe(false);
    expect(policiesAllow([allow(PARAMETER, 'ssm:GetParameter')], 'ssm:GetParameters', PARAMETER)).toBe(false);
    const deny: PolicyDocument = { Statement: [{ Effect: 'Deny', Action: 'ssm:*', Resource: '*' }] };
    expect(policiesAllow([allow(PARAMETER), deny], 'ssm:GetParameters', PARAMETER)).toBe(false);
  });
});

describe('secretReadAction', () => {
  it('is the call the ECS agent makes for each kind of valueFrom', () => {
    expect(secretReadAction(PARAMETER)).toBe('ssm:GetParameters');
    expect(secretReadAction('/p/dev/api/x')).toBe('ssm:GetParameters');
    expect(secretReadAction('arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123')).toBe('secretsmanager:GetSecretValue');
  });
});
