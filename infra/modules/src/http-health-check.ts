import type { ContainerHealthCheck } from './fargate-task-definition';

/**
 * The container health check of an HTTP service, as ECS runs it inside the container: `node`
 * (every image has it; no curl in slim images) fetches the health path on loopback.
 */
export function httpHealthCheck(port: number, path: string): ContainerHealthCheck {
  return {
    command: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${port}${path}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
  };
}
