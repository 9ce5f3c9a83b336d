#!/usr/bin/env bash
# After a layer is applied: smoke-tests every applied stack that has a `health-url` output (each
# web service's svc-<name> stack: its health path through the shared ALB) or a `url` output
# (<url>/healthz), in the order of REVIEW (plan-layer.sh's review record).
#   smoke-layer.sh <env> [attempts] [seconds-between]
set -euo pipefail
env="${1:?usage: smoke-layer.sh <env> [attempts] [seconds-between]}"
: "${REVIEW:?REVIEW is required: the review record of the layer}"
here="$(cd "$(dirname "$0")" && pwd)"
for stack in $(jq -r '.stacks[] | select(.action == "apply") | .stack' <<<"$REVIEW"); do
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  url="$(cd "$dir" && terraform output -json | jq -r '.["health-url"].value // .url.value // empty')"
  if [ -n "$url" ]; then
    "$here/smoke-test.sh" "$url" "${2:-30}" "${3:-10}"
  fi
done
