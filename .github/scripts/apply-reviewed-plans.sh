#!/usr/bin/env bash
# Applies the saved plans of one environment, in the order given, exactly as they were reviewed:
# `terraform apply <saved plan>` (Terraform itself refuses a plan whose stack state has moved).
# A downstream stack was planned before its upstream stack was applied, so before applying each
# stack after the first, it is planned again: if the fresh plan differs from the reviewed one
# (an upstream output changed), the deploy stops and asks for a new run instead of applying
# something nobody reviewed. Images are pushed just before the `service` stack, which runs them.
#   apply-reviewed-plans.sh <env> <plans-dir> <stack>...
#   IMAGES_JSON / ECR_REGISTRY / IMAGE_ARCHIVES: see push-images.sh (skipped when IMAGES_JSON is empty)
set -euo pipefail

env="${1:?usage: apply-reviewed-plans.sh <env> <plans-dir> <stack>...}"
plans="$(cd "${2:?usage: apply-reviewed-plans.sh <env> <plans-dir> <stack>...}" && pwd)"
shift 2
here="$(cd "$(dirname "$0")" && pwd)"

# What a plan would change, without the noise: used to compare a fresh plan with the reviewed one.
changes() {
  terraform show -json "$1" |
    jq -S '[.resource_changes[]? | select(.change.actions != ["no-op"]) | {address, actions: .change.actions, after: .change.after, after_unknown: .change.after_unknown}]'
}

first=true
for stack in "$@"; do
  name="$env-$stack"
  reviewed="$plans/$name.tfplan"
  [ -f "$reviewed" ] || { echo "::error::no reviewed plan $reviewed" >&2; exit 1; }
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  (
    cd "$dir"
    terraform init -input=false -no-color >/dev/null
    if [ "$first" != true ]; then
      terraform plan -input=false -no-color -lock=false -out="$plans/$name.fresh.tfplan" >/dev/null
      if ! diff <(changes "$reviewed") <(changes "$plans/$name.fresh.tfplan") >/dev/null; then
        echo "::error::$name: the plan changed after its upstream stacks were applied; re-run this workflow to review and apply the new plan" >&2
        exit 1
      fi
    fi
    if [ "$stack" = service ] && [ -n "${IMAGES_JSON:-}" ] && [ "$IMAGES_JSON" != "[]" ]; then
      "$here/push-images.sh" "${IMAGE_ARCHIVES:?IMAGE_ARCHIVES is required when IMAGES_JSON is set}"
    fi
    terraform apply -input=false -no-color "$reviewed"
  )
  first=false
  echo "applied $name" >&2
done
