#!/usr/bin/env bash
# For rollback.yml: turns "api=nx-123 worker=nx-456" into
#   image-tags=API_IMAGE_TAG=nx-123 WORKER_IMAGE_TAG=nx-456   (synth overrides, space-separated)
#   plan=<deploy-plan JSON: stacks svc-api and svc-worker of <env>, layer 0, action apply>
# Nothing is built: the images must already be in ECR (deploy-environment's pre-flight checks).
#   rollback-plan.sh <env> "<image>=<tag> ..."
set -euo pipefail
env="${1:?usage: rollback-plan.sh <env> \"<image>=<tag> ...\"}"
spec="${2:?usage: rollback-plan.sh <env> \"<image>=<tag> ...\"}"
overrides=()
stacks=()
for pair in $spec; do
  if [[ ! "$pair" =~ ^([a-z][a-z0-9-]*)=([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$ ]] || [ "${BASH_REMATCH[2]}" = latest ]; then
    echo "::error::'$pair' is not <image>=<tag> (a content-addressed tag, not latest)" >&2
    exit 1
  fi
  image="${BASH_REMATCH[1]}"
  overrides+=("$(tr 'a-z-' 'A-Z_' <<<"$image")_IMAGE_TAG=${BASH_REMATCH[2]}")
  stacks+=("svc-$image")
done
echo "image-tags=${overrides[*]}"
printf '%s\n' "${stacks[@]}" | jq -R . | jq -cs --arg env "$env" \
  '"plan=" + ({images: [], environments: [{name: $env, stacks: map({name: ., reasons: ["rollback"], action: "apply", layer: 0})}]} | tojson)' -r
