/**
 * What a task's own namespaces give it that a process on a shared machine lacks: its container
 * ports (awsvpc: the task's own network interface) and its volumes (a bind mount at each
 * containerPath). The rehearsal maps each onto something private to the run, a free loopback port and
 * a temporary folder, and rewrites exactly those in variable values and health check commands;
 * nothing else of the task definition changes.
 */
export class ContainerSandbox {
  constructor(
    /** containerPort -> local port. */
    private readonly ports: ReadonlyMap<number, number>,
    /** containerPath -> local folder. */
    private readonly mounts: ReadonlyMap<string, string>,
  ) {}

  localPort(containerPort: number): number {
    return this.ports.get(containerPort) ?? containerPort;
  }

  /** A value with the container's ports and mount paths replaced by their local stand-ins. */
  localize(value: string): string {
    let result = value;
    for (const [containerPath, local] of this.mounts) {
      const escaped = containerPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      result = result.replace(new RegExp(`(^|[\\s'"=:(,])${escaped}(?=$|[/\\s'"),])`, 'g'), (_whole, before: string) => `${before}${local}`);
    }
    for (const [containerPort, local] of this.ports) {
      if (result === String(containerPort)) return String(local);
      result = result.replace(new RegExp(`(127\\.0\\.0\\.1|localhost|0\\.0\\.0\\.0):${containerPort}(?!\\d)`, 'g'), `$1:${local}`);
    }
    return result;
  }
}
