#!/usr/bin/env bash
# Prints, as a JSON array, the preview environments (pr-<number>) that still have Terraform state
# but whose pull request is closed, no longer labelled `preview`, or idle (not updated for
# PREVIEW_TTL_DAYS, default 7): what the scheduled cleanup destroys, in case the teardown on
# close failed or never ran, and so that forgotten previews do not run for ever.
#   STATE_BUCKET  the Terraform state bucket;  GH_TOKEN  for `gh pr view`
set -euo pipefail
: "${STATE_BUCKET:?STATE_BUCKET is required}"

keys="$(aws s3api list-objects-v2 --bucket "$STATE_BUCKET" --prefix pr- --query 'Contents[].Key' --output json)"
stale=()
ttl_days="${PREVIEW_TTL_DAYS:-7}"
cutoff="$(date -u -d "-$ttl_days days" +%s)"
for env in $(jq -r '.[]? | select(test("^pr-[0-9]+/[a-z0-9-]+\\.tfstate$")) | split("/")[0]' <<<"${keys:-null}" | sort -u); do
  number="${env#pr-}"
  pr="$(gh pr view "$number" --json state,labels,updatedAt)"
  if [ "$(jq -r '.state' <<<"$pr")" != "OPEN" ] || ! jq -e '.labels | map(.name) | index("preview")' <<<"$pr" >/dev/null ||
    [ "$(jq -r '.updatedAt | fromdateiso8601' <<<"$pr")" -lt "$cutoff" ]; then
    stale+=("$env")
  fi
done
if [ "${#stale[@]}" -eq 0 ]; then echo '[]'; else printf '%s\n' "${stale[@]}" | jq -R . | jq -cs .; fi
