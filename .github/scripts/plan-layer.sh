#!/usr/bin/env bash
# Plans one dependency layer of one environment for review, after the layers before it were
# applied (so cross-stack outputs they add are real). Writes into <out-dir>:
#   <env>-<stack>.tfplan.gpg  the saved plan, encrypted (plan-crypt.sh); the apply job applies it
#   <env>-<stack>.json        the plan reduced for review (plan-for-review.jq: no attribute values)
#   review.json               the review record: run attempt and, per stack, action, the saved
#                             plan's sha256 and the state's serial/lineage it was planned on
#   summary.md                plan-summary of the layer, followed by the sha256 of each plan
# and prints review.json as `review=<json>` to $GITHUB_OUTPUT, the summary to $GITHUB_STEP_SUMMARY.
# The destroy guard: a plan that deletes or replaces a stateful resource fails this job (exit 2),
# before anyone is asked to approve, unless ALLOW_DESTROY=true; any other plan-summary failure
# fails it too.
#   plan-layer.sh <env> <layer> <deploy-plan.json> <out-dir>
#   PLAN_LOCK=false for the read-only plan role; PLAN_ENCRYPTION_KEY; GITHUB_RUN_ATTEMPT
set -euo pipefail

usage="usage: plan-layer.sh <env> <layer> <deploy-plan.json> <out-dir>"
env="${1:?$usage}"
layer="${2:?$usage}"
deploy_plan="$(cd "$(dirname "${3:?$usage}")" && pwd)/$(basename "$3")"
out="$(mkdir -p "${4:?$usage}" && cd "$4" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
attempt="${GITHUB_RUN_ATTEMPT:-1}"

mapfile -t entries < <("$here/layer-stacks.sh" "$deploy_plan" "$env" "$layer")
if [ "${#entries[@]}" -eq 0 ]; then
  echo "::error::layer $layer of $env has no stacks in $deploy_plan" >&2
  exit 1
fi

records=()
reduced=()
for entry in "${entries[@]}"; do
  read -r stack action <<<"$entry"
  name="$env-$stack"
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  flags=()
  [ "$action" = destroy ] && flags+=(-destroy)
  identity="$(
    cd "$dir"
    terraform init -input=false -no-color >/dev/null
    identity="$("$here/state-identity.sh")"
    terraform plan -input=false -no-color -lock="${PLAN_LOCK:-true}" "${flags[@]}" -out="$out/$name.tfplan" >&2
    terraform show -json "$out/$name.tfplan" | jq -f "$here/plan-for-review.jq" >"$out/$name.json"
    echo "$identity"
  )"
  sha="$(sha256sum "$out/$name.tfplan" | cut -d' ' -f1)"
  "$here/plan-crypt.sh" encrypt "$out/$name.tfplan" "$out/$name.tfplan.gpg"
  rm -f "$out/$name.tfplan"
  records+=("$(jq -cn --arg stack "$stack" --arg action "$action" --arg sha "$sha" --argjson state "$identity" '{stack: $stack, action: $action, sha256: $sha, state: $state}')")
  reduced+=("$out/$name.json")
  echo "planned $name ($action), sha256 $sha" >&2
done

printf '%s\n' "${records[@]}" |
  jq -cs --arg env "$env" --argjson layer "$layer" --argjson attempt "$attempt" '{environment: $env, layer: $layer, attempt: $attempt, stacks: .}' >"$out/review.json"

status=0
# PLAN_SUMMARY: how to run tools/plan-summary (default: its npm script)
read -r -a summarize <<<"${PLAN_SUMMARY:-npm run --silent plan:summary --}"
(cd "$root" && "${summarize[@]}" --fail-on-destroy "${reduced[@]}") >"$out/summary.md" || status=$?
{
  echo
  echo "#### Reviewed plans of $env, layer $layer (run attempt $attempt)"
  echo
  echo "| Stack | Action | sha256 of the saved plan |"
  echo "|---|---|---|"
  jq -r '.stacks[] | "| \(.stack) | \(.action) | `\(.sha256)` |"' "$out/review.json"
} >>"$out/summary.md"
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"
echo "review=$(cat "$out/review.json")" >>"${GITHUB_OUTPUT:-/dev/stdout}"

# plan-summary: exit 1 = a stateful resource would be deleted or replaced, 2 = bad input, 70 = a bug
if [ "$status" -eq 1 ]; then
  if [ "${ALLOW_DESTROY:-false}" = true ]; then
    echo "::warning::$env layer $layer deletes or replaces stateful resources; allowed by ALLOW_DESTROY=true" >&2
  else
    echo "::error::$env layer $layer deletes or replaces stateful resources (see the summary); run the deploy again with allow-destroy once that is intended" >&2
    exit 2
  fi
elif [ "$status" -ne 0 ]; then
  echo "::error::plan-summary failed ($status)" >&2
  exit "$status"
fi
