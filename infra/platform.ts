/**
 * Builds the stacks of every environment and wires them together. Cross-stack values are
 * construct objects handed from one stack to the next (network.network, data.tables...);
 * cdktf turns each into an output of the producing stack and a remote-state lookup in the
 * consuming one, with an explicit stack dependency.
 */
import { App } from 'cdktf';
import type { EnvironmentConfig } from '@platform/infra-config';
import { StateStack } from '@platform/stack-state';
import { NetworkStack } from '@platform/stack-network';
import { RegistryStack } from '@platform/stack-registry';
import { DataStack } from '@platform/stack-data';
import { ServiceStack } from '@platform/stack-service';
import { MonitoringStack } from '@platform/stack-monitoring';

/** Stack names in apply order. */
export const STACK_NAMES = ['state', 'network', 'registry', 'data', 'service', 'monitoring'] as const;
export type StackName = (typeof STACK_NAMES)[number];

/** What each stack reads from (besides the state bucket every stack's backend uses). */
export const STACK_DEPENDENCIES: Readonly<Record<StackName, readonly StackName[]>> = {
  state: [],
  network: [],
  registry: [],
  data: [],
  service: ['network', 'registry', 'data'],
  monitoring: ['data', 'service'],
};

export interface EnvironmentStacks {
  state?: StateStack;
  network?: NetworkStack;
  registry?: RegistryStack;
  data?: DataStack;
  service?: ServiceStack;
  monitoring?: MonitoringStack;
}

/** `STACKS=service,data` -> those stacks plus every stack they read from; unset -> all. */
export function resolveStackSelection(requested: string | undefined): Set<StackName> {
  const names = (requested ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return new Set(STACK_NAMES);
  const selected = new Set<StackName>();
  const add = (name: string): void => {
    if (!(STACK_NAMES as readonly string[]).includes(name)) {
      throw new Error(`STACKS names unknown stack "${name}" (known: ${STACK_NAMES.join(', ')})`);
    }
    const stack = name as StackName;
    if (selected.has(stack)) return;
    selected.add(stack);
    STACK_DEPENDENCIES[stack].forEach(add);
  };
  names.forEach(add);
  return selected;
}

export function buildEnvironment(app: App, config: EnvironmentConfig, selection: Set<StackName>): EnvironmentStacks {
  const stacks: EnvironmentStacks = {};
  if (selection.has('state')) stacks.state = new StateStack(app, { config });
  if (selection.has('network')) stacks.network = new NetworkStack(app, { config });
  if (selection.has('registry')) stacks.registry = new RegistryStack(app, { config });
  if (selection.has('data')) stacks.data = new DataStack(app, { config });
  if (selection.has('service') && stacks.network && stacks.registry && stacks.data) {
    stacks.service = new ServiceStack(app, {
      config,
      network: stacks.network.network,
      repositories: stacks.registry.repositories,
      tables: stacks.data.tables,
      scanQueue: stacks.data.scanQueue,
      resourcePrefix: stacks.data.resourcePrefix,
    });
  }
  if (selection.has('monitoring') && stacks.service && stacks.data) {
    stacks.monitoring = new MonitoringStack(app, {
      config,
      api: stacks.service.api,
      worker: stacks.service.worker,
      tables: Object.values(stacks.data.tables),
    });
  }
  return stacks;
}

/** Every selected stack of every given environment. */
export function buildPlatform(
  app: App,
  environments: readonly EnvironmentConfig[],
  selection: Set<StackName> = new Set(STACK_NAMES),
): Map<string, EnvironmentStacks> {
  return new Map(environments.map((config) => [config.name, buildEnvironment(app, config, selection)]));
}
