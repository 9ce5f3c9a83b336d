import { finding, type Rule } from '../../rule';
import { isTrue } from '../../terraform/values';
import { taskContainers } from './task-containers';

export const containerReadonlyRoot: Rule = {
  id: 'CKV_AWS_336',
  title: 'Containers have a read-only root filesystem',
  severity: 'medium',
  category: 'containers',
  references: { checkov: ['CKV_AWS_336'] },
  remediation: 'Set "readonlyRootFilesystem": true in the container definition (mount a volume for any scratch directory).',
  check: (stack) =>
    taskContainers(stack)
      .filter(({ container }) => !isTrue(container.raw['readonlyRootFilesystem']))
      .map(({ task, container }) => finding(task, `container "${container.name}" has no readonlyRootFilesystem: true`)),
};
