import { CliError } from '../src/cli-error';
import { orderStacks } from '../src/plan/stack-order';

describe('orderStacks', () => {
  const none = () => [];

  it('falls back to the documented order when the graph says nothing', () => {
    expect(orderStacks(['stack-monitoring', 'stack-svc-api', 'stack-state', 'stack-data'], none)).toEqual([
      'stack-state',
      'stack-data',
      'stack-svc-api',
      'stack-monitoring',
    ]);
  });

  it('puts unknown stacks last, alphabetically', () => {
    expect(orderStacks(['zeta', 'alpha', 'network'], none)).toEqual(['network', 'alpha', 'zeta']);
  });

  it('follows graph dependencies over the documented order', () => {
    // Here data reads an output of monitoring (an SNS topic), so monitoring must go before it;
    // svc-api, free of that constraint, keeps its documented place before monitoring.
    const deps: Record<string, string[]> = { data: ['monitoring'] };
    expect(orderStacks(['svc-api', 'data', 'monitoring', 'state'], (s) => deps[s] ?? [])).toEqual([
      'state',
      'svc-api',
      'monitoring',
      'data',
    ]);
  });

  it('ignores dependencies on stacks that are not being applied', () => {
    expect(orderStacks(['service'], () => ['network'])).toEqual(['service']);
  });

  it('reports a cycle instead of looping', () => {
    const deps: Record<string, string[]> = { data: ['service'], service: ['data'] };
    expect(() => orderStacks(['data', 'service'], (s) => deps[s] ?? [])).toThrow(CliError);
    expect(() => orderStacks(['data', 'service'], (s) => deps[s] ?? [])).toThrow('data, service');
  });
});
