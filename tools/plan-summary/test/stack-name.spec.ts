import { stackNameFromFile } from '../src';

describe('stackNameFromFile', () => {
  it.each([
    ['prod-data.json', 'prod/data'],
    ['plans/prod-data.json', 'prod/data'],
    ['plans/prod/data.json', 'prod/data'],
    ['/tmp/x/staging/service.json', 'staging/service'],
    ['pr-123-service.json', 'pr-123/service'],
    ['dev-network.plan.json', 'dev/network'],
    ['dev-network.tfplan.json', 'dev/network'],
    ['data.json', 'data'],
  ])('%s -> %s', (file, stack) => {
    expect(stackNameFromFile(file)).toBe(stack);
  });
});
