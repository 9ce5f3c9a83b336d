/** What Nx knows about a base..head change, as plain data (collected by `collect-nx-facts.ts`). */
export interface NxFacts {
  /** One entry per file that differs between base and head, as Nx lists them (ignored files left out). */
  readonly touchedFiles: readonly FileImpact[];
  readonly projects: readonly ProjectFacts[];
  /**
   * Per `deploy:image` project, the digest of the hash plan of its `build` (input-digest.ts): the
   * image tag, which changes exactly when an input of the build does.
   */
  readonly buildHashes: Readonly<Record<string, string>>;
  /**
   * Workspace files Nx hashes for a task, from its hash plan: `build` of every image project and
   * `synth` of every stack project that has one. A file outside them cannot change the task's output.
   */
  readonly inputFiles: {
    readonly build: Readonly<Record<string, readonly string[]>>;
    readonly synth: Readonly<Record<string, readonly string[]>>;
  };
}

export interface FileImpact {
  readonly file: string;
  /** The project that owns the file, or null for workspace-level files (nx.json, package-lock.json, README.md). */
  readonly project: string | null;
  /** Projects Nx marks affected when only this file changed (its own project included), sorted. */
  readonly affected: readonly string[];
}

export interface ProjectFacts {
  readonly name: string;
  readonly root: string;
  readonly tags: readonly string[];
  readonly targets: readonly string[];
  /** Workspace projects this one depends on (static, dynamic or implicit), npm packages left out. */
  readonly dependsOn: readonly string[];
}

export interface ProbeRequest {
  readonly base: string;
  readonly head: string;
  /** Tag that marks image projects, whose `build` digest becomes the image tag. */
  readonly imageTag: string;
  /** Tag that marks stack projects, whose `synth` inputs are reported. */
  readonly stackTag: string;
}
