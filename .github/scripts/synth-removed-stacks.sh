#!/usr/bin/env bash
# The stacks a deploy destroys are those of services removed from the catalog (deploy-plan action
# destroy), so this commit's synth no longer has them. Their configuration (backend, provider,
# resources) comes from the plan's base, the commit the environment last deployed: this copies
# each destroyed stack that cdktf.out lacks from the base's synth into cdktf.out (directory and
# manifest entry), so plan-layer.sh and apply-layer.sh find it like any other stack.
#   synth-removed-stacks.sh <env> <deploy-plan.json>
#   BASE_CDKTF_OUT  the base's synth, when already made; else the plan's `base` commit is checked
#                   out in a worktree and synthesized there (ENVIRONMENTS=<env>, STACKS=the destroyed stacks)
#   CDKTF_OUT       this commit's synth (default cdktf.out)
set -euo pipefail

usage="usage: synth-removed-stacks.sh <env> <deploy-plan.json>"
env="${1:?$usage}"
plan="${2:?$usage}"
out="${CDKTF_OUT:-cdktf.out}"
format="${CDKTF_STACK_ID_FORMAT:-%s-%s}"

mapfile -t destroyed < <(jq -r --arg env "$env" '.environments[]? | select(.name == $env) | .stacks[] | select(.action == "destroy") | .name' "$plan")
missing=()
for stack in "${destroyed[@]}"; do
  # shellcheck disable=SC2059 # the format is ours, from the environment
  id="$(printf "$format" "$env" "$stack")"
  jq -e --arg id "$id" '.stacks[$id]' "$out/manifest.json" >/dev/null 2>&1 || missing+=("$stack")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "no removed stack to add (destroys: ${destroyed[*]:-none})" >&2
  exit 0
fi

base_out="${BASE_CDKTF_OUT:-}"
if [ -z "$base_out" ]; then
  base="$(jq -r '.base // empty' "$plan")"
  [ -n "$base" ] || { echo "::error::$env destroys ${missing[*]}, which this commit no longer synthesizes, and the plan names no base commit to synthesize them from" >&2; exit 1; }
  worktree="$(mktemp -d)/base"
  git worktree add --detach "$worktree" "$base" >&2
  (
    cd "$worktree"
    npm ci --no-audit --no-fund >&2
    # a destroy needs the stack's backend and resources only: no deploy checks on the old commit
    env -u SYNTH_FOR_DEPLOY -u DEPLOY_ENVIRONMENT ENVIRONMENTS="$env" STACKS="$(IFS=,; echo "${missing[*]}")" npm run synth >&2
  )
  base_out="$worktree/cdktf.out"
fi

for stack in "${missing[@]}"; do
  # shellcheck disable=SC2059
  id="$(printf "$format" "$env" "$stack")"
  entry="$(jq -c --arg id "$id" '.stacks[$id] // empty' "$base_out/manifest.json")"
  [ -n "$entry" ] || { echo "::error::$id is neither in this commit's synth nor in the base's ($base_out)" >&2; exit 1; }
  dir="$(jq -r .workingDirectory <<<"$entry")"
  mkdir -p "$out/$(dirname "$dir")"
  rm -rf "${out:?}/$dir"
  cp -R "$base_out/$dir" "$out/$dir"
  jq --arg id "$id" --argjson entry "$entry" '.stacks[$id] = $entry' "$out/manifest.json" >"$out/manifest.json.tmp"
  mv "$out/manifest.json.tmp" "$out/manifest.json"
  echo "added $id from the base's synth, to destroy it" >&2
done
