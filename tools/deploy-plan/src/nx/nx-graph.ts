/**
 * The parts of Nx's project graph the planner reads, as the Nx CLI prints them
 * (`nx run-many --graph=<file>.json`, `nx graph --file=<file>.json`: project nodes and the
 * dependencies between them, npm packages left out) and, for a change to the root package.json,
 * the npm nodes and edges of the cached graph (`readCachedProjectGraph` of `@nx/devkit`).
 * Only what is read is typed: a field Nx drops shows up as a type or runtime error here.
 */
export type InputDefinition = string | { readonly fileset?: string; readonly [key: string]: unknown };

export interface TargetJson {
  readonly inputs?: readonly InputDefinition[];
  readonly [key: string]: unknown;
}

export interface ProjectNodeJson {
  readonly name: string;
  readonly data: {
    readonly root: string;
    readonly tags?: readonly string[];
    readonly targets?: Readonly<Record<string, TargetJson>>;
    readonly namedInputs?: Readonly<Record<string, readonly InputDefinition[]>>;
    readonly [key: string]: unknown;
  };
}

export interface DependencyJson {
  readonly source: string;
  readonly target: string;
  readonly type?: string;
}

export interface ProjectGraphJson {
  readonly nodes: Readonly<Record<string, ProjectNodeJson>>;
  readonly dependencies: Readonly<Record<string, readonly DependencyJson[]>>;
}

/** npm packages (`npm:<name>` or `npm:<name>@<version>`) and every edge that ends at one. */
export interface ExternalGraphJson {
  readonly externalNodes: Readonly<Record<string, { readonly name: string; readonly data: { readonly packageName?: string } }>>;
  readonly dependencies: Readonly<Record<string, readonly DependencyJson[]>>;
}

/** The nx.json fields the planner reads (namedInputs, plugins, @nx/js options). */
export interface NxJson {
  readonly namedInputs?: Readonly<Record<string, readonly InputDefinition[]>>;
  readonly plugins?: readonly (string | { readonly plugin: string })[];
  readonly pluginsConfig?: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  readonly extends?: string;
}
