#!/usr/bin/env bash
# The stacks of one dependency layer of one environment of a deploy plan, one `<stack> <action>`
# line each, in apply order:
#   layer-stacks.sh <deploy-plan.json> <env> <layer>    the stacks of that layer
#   layer-stacks.sh <deploy-plan.json> <env> count      how many layers the environment has
# deploy:plan gives each stack `layer` (0 = depends on no other planned stack) and `action`
# (apply or destroy). A plan without them (older planner) is applied one stack per layer, in
# its order, with action apply: nothing is guessed from stack names.
set -euo pipefail

plan="${1:?usage: layer-stacks.sh <deploy-plan.json> <env> <layer>|count}"
env="${2:?usage: layer-stacks.sh <deploy-plan.json> <env> <layer>|count}"
which="${3:?usage: layer-stacks.sh <deploy-plan.json> <env> <layer>|count}"

stacks="$(jq -c --arg env "$env" '
  [.environments[]? | select(.name == $env) | .stacks | to_entries[]
   | {name: .value.name, action: (.value.action // "apply"), layer: (.value.layer // .key)}]' "$plan")"
if [ "$which" = count ]; then
  jq '(map(.layer) | max // -1) + 1' <<<"$stacks"
  exit 0
fi
[[ "$which" =~ ^[0-9]+$ ]] || { echo "::error::layer must be a number or count, got '$which'" >&2; exit 2; }
jq -r --argjson layer "$which" '.[] | select(.layer == $layer) | "\(.name) \(.action)"' <<<"$stacks"
