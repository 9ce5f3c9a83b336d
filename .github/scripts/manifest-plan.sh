#!/usr/bin/env bash
# A deploy plan (deploy:plan's JSON shape) of EVERY synthesized stack of one environment, from
# cdktf.out/manifest.json: each stack with action apply and its layer, the depth of its
# dependencies among the environment's stacks (the manifest's `dependencies`, which cdktf writes
# for every cross-stack reference). For previews, whose stacks are all new or all changed, and
# for the drift check, which plans everything.
#   manifest-plan.sh <env>      prints {images: [], environments: [{name, stacks}]}
set -euo pipefail
env="${1:?usage: manifest-plan.sh <env>}"
manifest="${CDKTF_OUT:-cdktf.out}/manifest.json"
[ -f "$manifest" ] || { echo "::error::$manifest not found: run npm run synth first" >&2; exit 1; }
jq -c --arg env "$env" '
  (.stacks | with_entries(select(.key | startswith($env + "-")))) as $mine
  | ($mine | map_values([.dependencies[]? | select(in($mine))])) as $deps
  | def depth($id; $seen): if ($seen | index($id)) then error("dependency cycle at \($id)")
      else ([$deps[$id][] | depth(.; $seen + [$id]) + 1] | max // 0) end;
  [$mine | keys[] | {id: ., layer: depth(.; [])}]
  | sort_by(.layer, .id)
  | {images: [], environments: [{name: $env, stacks: map({name: (.id | ltrimstr($env + "-")), reasons: ["synthesized"], action: "apply", layer})}]}
' "$manifest"
