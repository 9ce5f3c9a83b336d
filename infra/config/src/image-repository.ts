/** Name prefix of every global resource and the `project` default tag. */
export const PROJECT_NAME = 'fargate-platform';

/**
 * ECR repository of an image: `<project>/<image>`. The same name exists in every account, so an image
 * promoted from dev to prod keeps its name and content-addressed tag; only the registry host differs.
 */
export function imageRepositoryName(image: string): string {
  return `${PROJECT_NAME}/${image}`;
}
