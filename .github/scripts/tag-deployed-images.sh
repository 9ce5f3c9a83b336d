#!/usr/bin/env bash
# After a stack was applied (run in its directory): tags every ECR image its task definitions now
# run as `deployed-<env>` (aws ecr put-image with the image's manifest: no pull, no push), so the
# lifecycle rules, which expire only untagged and pr-* images, can never take an image an
# environment runs, and rollback.yml can name the image each environment ran. Previews (pr-<n>)
# never move these tags.
#   tag-deployed-images.sh <env>
set -euo pipefail
env="${1:?usage: tag-deployed-images.sh <env>}"
[[ "$env" =~ ^pr-[0-9]+$ ]] && exit 0
images="$(terraform show -json | jq -r '
  [.values.root_module | .. | objects | select(.type? == "aws_ecs_task_definition") | .values.container_definitions
   | fromjson | .[].image] | unique | .[]')"
for image in $images; do
  # <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>; other registries are not ours
  [[ "$image" =~ ^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/([^:@]+):([A-Za-z0-9_][A-Za-z0-9_.-]*)$ ]] || continue
  repository="${BASH_REMATCH[1]}"
  tag="${BASH_REMATCH[2]}"
  manifest="$(aws ecr batch-get-image --repository-name "$repository" --image-ids "imageTag=$tag" --query 'images[0].imageManifest' --output text)"
  aws ecr put-image --repository-name "$repository" --image-tag "deployed-$env" --image-manifest "$manifest" >/dev/null
  echo "$repository:$tag is deployed-$env" >&2
done
