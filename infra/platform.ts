/**
 * Builds the stacks of every environment and wires them together. Cross-stack values are
 * construct objects handed from one stack to the next (network.network, data.tables...);
 * cdktf turns each into an output of the producing stack and a remote-state lookup in the
 * consuming one, with an explicit stack dependency.
 */
import { App } from 'cdktf';
import { ConfigError, type EnvironmentConfig, type PreviewEnvironment } from '@platform/infra-config';
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
      throw new ConfigError(`STACKS names unknown stack "${name}" (known: ${STACK_NAMES.join(', ')})`);
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
  if (selection.has('service')) stacks.service = buildServiceStack(app, config, stacks);
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

/** The service stack of an environment, or a preview's copy of it, wired to the environment's shared stacks. */
function buildServiceStack(app: App, config: EnvironmentConfig, base: EnvironmentStacks, preview?: PreviewEnvironment): ServiceStack {
  const { network, registry, data } = base;
  if (!network || !registry || !data) {
    throw new ConfigError(`${preview?.name ?? config.name}: the service stack needs ${config.name}'s network, registry and data stacks`);
  }
  return new ServiceStack(app, {
    config,
    network: network.network,
    repositories: registry.repositories,
    tables: data.tables,
    scanQueue: data.scanQueue,
    resourcePrefix: data.resourcePrefix,
    preview,
  });
}

/**
 * Every selected stack of every given environment and, with `preview`, that pull request's
 * service stack (`pr-123-service`), which reads its base environment's network, registry and data.
 */
export function buildPlatform(
  app: App,
  environments: readonly EnvironmentConfig[],
  selection: Set<StackName> = new Set(STACK_NAMES),
  preview?: PreviewEnvironment,
): Map<string, EnvironmentStacks> {
  const built = new Map<string, EnvironmentStacks>(environments.map((config) => [config.name, buildEnvironment(app, config, selection)]));
  if (preview) {
    const base = environments.find((config) => config.name === preview.baseEnvironment);
    const baseStacks = built.get(preview.baseEnvironment);
    if (!base || !baseStacks) {
      throw new ConfigError(`PREVIEW_ENVIRONMENT=${preview.name} copies ${preview.baseEnvironment}'s service stack: include ${preview.baseEnvironment} in ENVIRONMENTS`);
    }
    built.set(preview.name, { service: buildServiceStack(app, base, baseStacks, preview) });
  }
  return built;
}
