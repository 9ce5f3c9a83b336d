#!/usr/bin/env bash
# Pushes the images built earlier in this run (docker save archives in <archive-dir>, one
# <project>.tar per image) to this environment's ECR registry. Tags are content-addressed and the
# repositories immutable: a tag that already exists is skipped, never overwritten.
#   IMAGES_JSON  deploy-plan's images: [{"project","dockerfile","repository","tag"}]
#   ECR_REGISTRY <account>.dkr.ecr.<region>.amazonaws.com (amazon-ecr-login's output)
set -euo pipefail

archive_dir="${1:?usage: push-images.sh <archive-dir>}"
: "${IMAGES_JSON:?IMAGES_JSON is required}" "${ECR_REGISTRY:?ECR_REGISTRY is required}"

jq -c '.[]' <<<"$IMAGES_JSON" | while read -r image; do
  project="$(jq -r .project <<<"$image")"
  repository="$(jq -r .repository <<<"$image")"
  tag="$(jq -r .tag <<<"$image")"
  if found="$(aws ecr describe-images --repository-name "$repository" --image-ids "imageTag=$tag" 2>&1)"; then
    echo "$repository:$tag already in $ECR_REGISTRY: skipped"
    continue
  elif ! grep -q ImageNotFoundException <<<"$found"; then
    echo "::error::cannot look up $repository:$tag: $found" >&2 # no access is not "missing"
    exit 1
  fi
  loaded="$(docker load --input "$archive_dir/$project.tar" | sed -n 's/^Loaded image: //p' | head -n 1)"
  docker tag "$loaded" "$ECR_REGISTRY/$repository:$tag"
  docker push "$ECR_REGISTRY/$repository:$tag"
done
