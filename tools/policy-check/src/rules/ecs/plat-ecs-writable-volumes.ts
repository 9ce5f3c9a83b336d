import { finding, type Rule } from '../../rule';
import { isJsonObject } from '../../terraform/terraform-json';
import { blocks, isTrue } from '../../terraform/values';
import { taskContainers } from './task-containers';

/**
 * Environment variables that name a file or directory the process writes (HEARTBEAT_FILE,
 * CACHE_DIR, TMPDIR...). Search paths (PATH, NODE_PATH) are read, not written, and are not matched.
 */
const WRITTEN_PATH_NAME = /(_FILE|_DIR|_DIRECTORY)$|^(TMPDIR|TMP|TEMP|TEMPDIR)$/;

function isUnder(path: string, mount: string): boolean {
  const base = mount.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`) || base === '';
}

/**
 * With a read-only root filesystem, every path a container writes must be on a read-write mount
 * point whose source volume the task defines; anything else fails at run time with EROFS.
 */
export const containerWritableVolumes: Rule = {
  id: 'PLAT_ECS_WRITABLE_VOLUMES',
  title: 'Paths a read-only container writes are on writable volumes',
  severity: 'medium',
  category: 'containers',
  references: { checkov: ['CKV_AWS_336'] },
  remediation:
    'Add the directory to the task definition\'s writable paths (a volume { name } plus a mountPoints entry with readOnly false), and declare it as a VOLUME owned by the image\'s USER in the Dockerfile.',
  check: (stack) =>
    taskContainers(stack).flatMap(({ task, container }) => {
      if (!isTrue(container.raw['readonlyRootFilesystem'])) return [];
      const volumes = new Set(blocks(task.config['volume']).map((volume) => String(volume['name'] ?? '')));
      const mounts = (Array.isArray(container.raw['mountPoints']) ? container.raw['mountPoints'] : []).filter(isJsonObject);
      const problems = mounts
        .filter((mount) => !volumes.has(String(mount['sourceVolume'] ?? '')))
        .map((mount) => `container "${container.name}" mounts ${String(mount['containerPath'])} from volume "${String(mount['sourceVolume'])}", which the task does not define`);
      const writable = mounts
        .filter((mount) => !isTrue(mount['readOnly']) && volumes.has(String(mount['sourceVolume'] ?? '')))
        .map((mount) => String(mount['containerPath'] ?? ''));
      for (const variable of container.environment) {
        if (!WRITTEN_PATH_NAME.test(variable.name) || typeof variable.value !== 'string' || !variable.value.startsWith('/')) continue;
        if (writable.some((mount) => isUnder(variable.value as string, mount))) continue;
        problems.push(
          `container "${container.name}" writes ${variable.name}=${variable.value} but no writable mount point covers it (the root filesystem is read-only)`,
        );
      }
      return problems.map((message) => finding(task, message));
    }),
};
