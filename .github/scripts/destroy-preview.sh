#!/usr/bin/env bash
# Tears down one preview environment (pr-<number>): synthesizes its service stack, plans the
# destroy, applies that plan, then deletes the emptied state object so cleanup stops seeing it.
#   STATE_BUCKET  the Terraform state bucket (state key <env>/service.tfstate)
set -euo pipefail

env="${1:?usage: destroy-preview.sh pr-<number>}"
[[ "$env" =~ ^pr-[0-9]+$ ]] || { echo "::error::$env is not a preview environment (pr-<number>)" >&2; exit 1; }
: "${STATE_BUCKET:?STATE_BUCKET is required}"
here="$(cd "$(dirname "$0")" && pwd)"

PREVIEW_ENVIRONMENT="$env" DEPLOY_ENVIRONMENT="$env" npm run synth
dir="$("$here/stack-dir.sh" "$env" service)"
cd "$dir"
terraform init -input=false -no-color >/dev/null
terraform plan -destroy -input=false -no-color -out=destroy.tfplan
terraform apply -input=false -no-color destroy.tfplan
aws s3 rm "s3://$STATE_BUCKET/$env/service.tfstate"
echo "destroyed preview $env" >&2
