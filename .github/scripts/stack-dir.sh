#!/usr/bin/env bash
# The synthesized working directory of one stack of one environment: reads cdktf.out/manifest.json
# (written by `cdktf synth`) and prints the stack's directory. The CDKTF stack id is
# `<env>-<stack>` (e.g. prod-data, pr-123-service); CDKTF_STACK_ID_FORMAT may change that.
set -euo pipefail

env="${1:?usage: stack-dir.sh <env> <stack>}"
stack="${2:?usage: stack-dir.sh <env> <stack>}"
manifest="${CDKTF_OUT:-cdktf.out}/manifest.json"
format="${CDKTF_STACK_ID_FORMAT:-%s-%s}"
# shellcheck disable=SC2059 # the format is ours, from the environment
id="$(printf "$format" "$env" "$stack")"

if [ ! -f "$manifest" ]; then
  echo "::error::$manifest not found: run npm run synth first" >&2
  exit 1
fi
dir="$(jq -r --arg id "$id" '.stacks[$id].workingDirectory // empty' "$manifest")"
if [ -z "$dir" ]; then
  echo "::error::stack $id is not in $manifest (stacks: $(jq -r '.stacks | keys | join(", ")' "$manifest"))" >&2
  exit 1
fi
echo "$(dirname "$manifest")/$dir"
