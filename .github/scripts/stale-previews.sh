#!/usr/bin/env bash
# Prints, as a JSON array, the preview environments (pr-<number>) that still have Terraform state
# but whose pull request is closed or no longer labelled `preview`: what the scheduled cleanup
# destroys, in case the teardown on close failed or never ran.
#   STATE_BUCKET  the Terraform state bucket;  GH_TOKEN  for `gh pr view`
set -euo pipefail
: "${STATE_BUCKET:?STATE_BUCKET is required}"

keys="$(aws s3api list-objects-v2 --bucket "$STATE_BUCKET" --prefix pr- --query 'Contents[].Key' --output json)"
stale=()
for env in $(jq -r '.[]? | select(test("^pr-[0-9]+/service\\.tfstate$")) | split("/")[0]' <<<"${keys:-null}" | sort -u); do
  number="${env#pr-}"
  pr="$(gh pr view "$number" --json state,labels)"
  if [ "$(jq -r '.state' <<<"$pr")" != "OPEN" ] || ! jq -e '.labels | map(.name) | index("preview")' <<<"$pr" >/dev/null; then
    stale+=("$env")
  fi
done
if [ "${#stale[@]}" -eq 0 ]; then echo '[]'; else printf '%s\n' "${stale[@]}" | jq -R . | jq -cs .; fi
