import { ContainerSandbox } from '../src/container-sandbox';

describe('ContainerSandbox.localize', () => {
  const sandbox = new ContainerSandbox(new Map([[3000, 41234]]), new Map([['/tmp', '/scratch/volumes/tmp']]));

  it('maps a mount path at a path boundary, in a value and inside a command', () => {
    expect(sandbox.localize('/tmp/worker-heartbeat')).toBe('/scratch/volumes/tmp/worker-heartbeat');
    expect(sandbox.localize('/tmp')).toBe('/scratch/volumes/tmp');
    expect(sandbox.localize("require('fs').statSync('/tmp/worker-heartbeat')")).toBe("require('fs').statSync('/scratch/volumes/tmp/worker-heartbeat')");
  });

  it('leaves paths that only start with the same letters', () => {
    expect(sandbox.localize('/tmpfiles/x')).toBe('/tmpfiles/x');
    expect(sandbox.localize('/var/tmp/x')).toBe('/var/tmp/x');
  });

  it('maps a container port given as a value or as a loopback address', () => {
    expect(sandbox.localize('3000')).toBe('41234');
    expect(sandbox.localize("fetch('http://127.0.0.1:3000/healthz')")).toBe("fetch('http://127.0.0.1:41234/healthz')");
    expect(sandbox.localize('http://127.0.0.1:30001/')).toBe('http://127.0.0.1:30001/');
    expect(sandbox.localize('30000')).toBe('30000');
  });
});
