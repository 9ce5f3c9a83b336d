#!/usr/bin/env bash
# Tears down one preview environment (pr-<number>) from the PR's own code: synthesizes its stacks,
# then, last layer first, destroys each stack that has state (a stack that was never created is
# skipped, so a teardown of a preview that never deployed does nothing) and deletes its emptied
# state object so the cleanup stops seeing it.
#   STATE_BUCKET  the Terraform state bucket (state keys <env>/<stack>.tfstate)
set -euo pipefail

env="${1:?usage: destroy-preview.sh pr-<number>}"
[[ "$env" =~ ^pr-[0-9]+$ ]] || { echo "::error::$env is not a preview environment (pr-<number>)" >&2; exit 1; }
: "${STATE_BUCKET:?STATE_BUCKET is required}"
here="$(cd "$(dirname "$0")" && pwd)"

if [ "${SKIP_SYNTH:-}" != 1 ]; then
  PREVIEW_ENVIRONMENT="$env" DEPLOY_ENVIRONMENT="$env" npm run synth
fi
for stack in $("$here/manifest-plan.sh" "$env" | jq -r '.environments[0].stacks | sort_by(-.layer) | .[].name'); do
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  (
    cd "$dir"
    terraform init -input=false -no-color >/dev/null
    if [ -z "$(terraform state list)" ]; then
      echo "$env-$stack has no state: never created, nothing to destroy" >&2
      exit 0
    fi
    terraform plan -destroy -input=false -no-color -out=destroy.tfplan
    terraform apply -input=false -no-color destroy.tfplan
    aws s3 rm "s3://$STATE_BUCKET/$env/$stack.tfstate"
  )
done
echo "destroyed preview $env" >&2
