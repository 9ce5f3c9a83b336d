/**
 * Builds the stacks of every environment from the service catalog and wires them together.
 * Cross-stack values are construct objects handed from one stack to the next (network.network,
 * data.tables, edge.cluster...); cdktf turns each into an output of the producing stack and a
 * remote-state lookup in the consuming one, with an explicit stack dependency.
 */
import { App } from 'cdktf';
import {
  ConfigError,
  Env,
  deployableImageTag,
  type EnvironmentConfig,
  MONITORING_STACK,
  PROJECT_NAME,
  type PreviewEnvironment,
  serviceStackName,
} from '@platform/infra-config';
import { resolveService, tableOperations, type ResolvedService, type ServiceCatalog } from '@platform/service-catalog';
import { StateStack } from '@platform/stack-state';
import { NetworkStack } from '@platform/stack-network';
import { RegistryStack } from '@platform/stack-registry';
import { DataStack } from '@platform/stack-data';
import { EdgeStack } from '@platform/stack-edge';
import { ServiceStack } from '@platform/stack-service';
import { MonitoringStack } from '@platform/stack-monitoring';

export interface EnvironmentStacks {
  state?: StateStack;
  network?: NetworkStack;
  registry?: RegistryStack;
  data?: DataStack;
  edge?: EdgeStack;
  services: Map<string, ServiceStack>;
  monitoring?: MonitoringStack;
}

export interface PlatformInputs {
  readonly environments: readonly EnvironmentConfig[];
  readonly catalog: ServiceCatalog;
  /** Stack names to build (resolveStackSelection: dependencies included). @default - every stack */
  readonly selection?: ReadonlySet<string>;
  /** A pull request's copies of the edge and service stacks. @default - none */
  readonly preview?: PreviewEnvironment;
  /** Where `<NAME>_IMAGE_TAG` variables are read. @default process.env */
  readonly env?: Env;
}

export function buildEnvironment(app: App, config: EnvironmentConfig, inputs: PlatformInputs): EnvironmentStacks {
  const has = (stack: string) => inputs.selection === undefined || inputs.selection.has(stack);
  const services = inputs.catalog.services.map((manifest) => resolveService(manifest, { environment: config.name, project: PROJECT_NAME }));
  const stacks: EnvironmentStacks = { services: new Map() };
  if (has('state')) stacks.state = new StateStack(app, { config });
  if (has('network')) stacks.network = new NetworkStack(app, { config });
  if (has('registry')) stacks.registry = new RegistryStack(app, { config, services: services.map((s) => s.name) });
  if (has('data')) stacks.data = new DataStack(app, { config });
  const webServices = services.some((s) => s.kind === 'web');
  if (has('edge') && stacks.network) stacks.edge = new EdgeStack(app, { config, network: stacks.network.network, loadBalancer: webServices });
  for (const service of services) {
    if (has(serviceStackName(service.name))) stacks.services.set(service.name, buildServiceStack(app, config, service, stacks, inputs));
  }
  if (has(MONITORING_STACK) && stacks.edge && stacks.data) {
    const operations = tableOperations(inputs.catalog.services);
    stacks.monitoring = new MonitoringStack(app, {
      config,
      alarmTopic: stacks.edge.alarmTopic,
      loadBalancerArnSuffix: stacks.edge.loadBalancer?.loadBalancerArnSuffix,
      queues: stacks.data.queues,
      tables: Object.values(stacks.data.tables).map((table) => ({ table, operations: operations.get(table.definition.name) ?? [] })),
    });
  }
  return stacks;
}

/** One service's stack, or a preview's copy of it, wired to the environment's shared stacks (and the preview's edge). */
function buildServiceStack(
  app: App,
  config: EnvironmentConfig,
  service: ResolvedService,
  base: EnvironmentStacks,
  inputs: PlatformInputs,
  preview?: { readonly environment: PreviewEnvironment; readonly edge: EdgeStack },
): ServiceStack {
  const { network, registry, data } = base;
  const edge = preview?.edge ?? base.edge;
  if (!network || !registry || !data || !edge) {
    throw new ConfigError(`${preview?.environment.name ?? config.name}: ${serviceStackName(service.name)} needs ${config.name}'s network, registry, data and edge stacks`);
  }
  const repository = registry.repositories[service.name];
  if (!repository) throw new ConfigError(`${config.name}: the registry stack has no repository for service "${service.name}"`);
  return new ServiceStack(app, {
    config,
    service,
    network: network.network,
    edge,
    repository,
    imageTag: deployableImageTag(inputs.env ?? process.env, config.name, service.name),
    tables: data.tables,
    queues: preview ? preview.edge.previewQueues : data.queuesByName,
    resourcePrefix: data.resourcePrefix,
    preview: preview?.environment,
  });
}

/**
 * Every selected stack of every given environment and, with `preview`, that pull request's edge
 * (`pr-123-edge`) and service stacks (`pr-123-svc-<name>`), which read their base environment's
 * network, registry and data.
 */
export function buildPlatform(app: App, inputs: PlatformInputs): Map<string, EnvironmentStacks> {
  const built = new Map<string, EnvironmentStacks>(inputs.environments.map((config) => [config.name, buildEnvironment(app, config, inputs)]));
  const { preview } = inputs;
  if (preview) {
    const base = inputs.environments.find((config) => config.name === preview.baseEnvironment);
    const baseStacks = built.get(preview.baseEnvironment);
    if (!base || !baseStacks?.network) {
      throw new ConfigError(`PREVIEW_ENVIRONMENT=${preview.name} copies ${preview.baseEnvironment}'s edge and service stacks: include ${preview.baseEnvironment} in ENVIRONMENTS`);
    }
    const services = inputs.catalog.services.map((manifest) => resolveService(manifest, { environment: base.name, project: PROJECT_NAME }));
    const edge = new EdgeStack(app, { config: base, network: baseStacks.network.network, preview, loadBalancer: services.some((s) => s.kind === 'web') });
    const stacks: EnvironmentStacks = { edge, services: new Map() };
    for (const service of services) {
      stacks.services.set(service.name, buildServiceStack(app, base, service, baseStacks, inputs, { environment: preview, edge }));
    }
    built.set(preview.name, stacks);
  }
  return built;
}
