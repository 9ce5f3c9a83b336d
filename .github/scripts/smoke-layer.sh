#!/usr/bin/env bash
# After a layer is applied: smoke-tests /healthz of every applied stack that has a `url` output
# (the web services' stacks), in the order of REVIEW (plan-layer.sh's review record).
#   smoke-layer.sh <env> [attempts] [seconds-between]
set -euo pipefail
env="${1:?usage: smoke-layer.sh <env> [attempts] [seconds-between]}"
: "${REVIEW:?REVIEW is required: the review record of the layer}"
here="$(cd "$(dirname "$0")" && pwd)"
for stack in $(jq -r '.stacks[] | select(.action == "apply") | .stack' <<<"$REVIEW"); do
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  url="$(cd "$dir" && terraform output -json | jq -r '.url.value // empty')"
  if [ -n "$url" ]; then
    "$here/smoke-test.sh" "$url" "${2:-30}" "${3:-10}"
  fi
done
