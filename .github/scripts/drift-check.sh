#!/usr/bin/env bash
# Plans every synthesized stack of one environment with -detailed-exitcode (0 = matches, 2 =
# drift or an undeployed change, 1 = error) and writes a markdown summary to <summary-file>.
# Exits 0 when every stack matches, 2 when any differs, 1 when any plan failed.
#   drift-check.sh <env> <summary-file>        PLAN_LOCK=false for the read-only role
set -euo pipefail
env="${1:?usage: drift-check.sh <env> <summary-file>}"
summary="${2:?usage: drift-check.sh <env> <summary-file>}"
here="$(cd "$(dirname "$0")" && pwd)"
plan="$(mktemp)"
"$here/manifest-plan.sh" "$env" >"$plan"
worst=0
{
  echo "<!-- drift:$env -->"
  echo "### Drift check of $env ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "| Stack | Result |"
  echo "|---|---|"
} >"$summary"
for stack in $(jq -r '.environments[0].stacks[].name' "$plan"); do
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  status=0
  log="$(cd "$dir" && terraform init -input=false -no-color >/dev/null && terraform plan -input=false -no-color -lock="${PLAN_LOCK:-true}" -detailed-exitcode 2>&1)" || status=$?
  case "$status" in
    0) result="no changes" ;;
    2) result="**differs**: $(grep -m1 -E '^Plan:|^Changes to Outputs' <<<"$log" || echo 'changes')"; [ "$worst" -eq 1 ] || worst=2 ;;
    *) result="**plan failed**: $(grep -m1 '^Error' <<<"$log" || echo "exit $status")"; worst=1 ;;
  esac
  echo "| $stack | $result |" >>"$summary"
  echo "$env-$stack: $result" >&2
done
exit "$worst"
