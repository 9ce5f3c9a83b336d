import { finding, type Rule } from '../../rule';
import { taskContainers } from './task-containers';

/**
 * Why an image reference is unpinned, or undefined when it is pinned. A digest pins; an explicit tag
 * other than `latest` pins (a `${...}` tag counts: it is passed in). An image that is one opaque
 * expression passes unless it is an ECR repository_url, which carries no tag.
 */
export function unpinnedImageReason(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'has no image';
  if (image.includes('@sha256:')) return undefined;
  const trimmed = image.trim();
  const whollyExpression = /^\$\{[^}]*\}$/.test(trimmed);
  if (whollyExpression) {
    return /\.repository_url\}$/.test(trimmed) ? `image ${trimmed} has no tag (implicit latest)` : undefined;
  }
  // Expressions may contain ':' and '/', so look at the text after the last expression-free '/'.
  const withoutExpressions = trimmed.replace(/\$\{[^}]*\}/g, 'EXPR');
  const lastSegment = withoutExpressions.slice(withoutExpressions.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return `image ${image} has no tag (implicit latest)`;
  const tag = lastSegment.slice(colon + 1);
  if (tag.toLowerCase() === 'latest') return `image ${image} uses the latest tag`;
  if (tag === '') return `image ${image} has an empty tag`;
  return undefined;
}

export const containerImagePinned: Rule = {
  id: 'PLAT_ECS_IMAGE_TAG',
  title: 'Container image is pinned to a tag or digest, never latest',
  severity: 'high',
  category: 'containers',
  references: {},
  remediation: 'Reference the image as <repository_url>:<content-hash tag> (passed in from config), or by @sha256 digest.',
  check: (stack) =>
    taskContainers(stack).flatMap(({ task, container }) => {
      const reason = unpinnedImageReason(container.image);
      return reason ? [finding(task, `container "${container.name}": ${reason}`)] : [];
    }),
};
