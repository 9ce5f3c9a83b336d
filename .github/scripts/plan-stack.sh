#!/usr/bin/env bash
# Plans one synthesized stack and writes, into <out-dir>:
#   <env>-<stack>.tfplan  the saved plan (what an apply job applies, byte for byte)
#   <env>-<stack>.json    the plan reduced for review (plan-for-review.jq: no attribute values)
# PLAN_LOCK=false skips the state lock: the read-only PR role cannot write the S3 lock file.
set -euo pipefail

env="${1:?usage: plan-stack.sh <env> <stack> <out-dir>}"
stack="${2:?usage: plan-stack.sh <env> <stack> <out-dir>}"
out_dir="$(mkdir -p "${3:?usage: plan-stack.sh <env> <stack> <out-dir>}" && cd "$3" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
dir="$("$here/stack-dir.sh" "$env" "$stack")"
name="$env-$stack"

cd "$dir"
terraform init -input=false -no-color >/dev/null
terraform plan -input=false -no-color -lock="${PLAN_LOCK:-true}" -out="$out_dir/$name.tfplan"
terraform show -json "$out_dir/$name.tfplan" | jq -f "$here/plan-for-review.jq" >"$out_dir/$name.json"
echo "planned $name -> $out_dir/$name.tfplan" >&2
