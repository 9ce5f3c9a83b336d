#!/usr/bin/env bash
# Applies one reviewed layer (plan-layer.sh) exactly as it was reviewed. For each stack, in order:
#   - the run attempt is the one the plan was made in (a re-run re-plans, it never re-applies an
#     old plan);
#   - the decrypted saved plan's sha256 is the reviewed one (REVIEW, the plan job's output);
#   - the state's serial/lineage is the one the plan was made on, so a creation plan made on
#     empty state is never applied twice (Terraform's own stale-plan check backs this up);
#   - the image `<name>` of stack `svc-<name>` is pushed right before that stack is applied;
#   - `terraform apply <saved plan>`; the first failure stops the layer (later layers need it);
#   - the images its task definitions run are tagged deployed-<env> (tag-deployed-images.sh).
#   apply-layer.sh <env> <plans-dir>
#   REVIEW (review.json of plan-layer.sh), PLAN_ENCRYPTION_KEY, GITHUB_RUN_ATTEMPT,
#   IMAGES_JSON / ECR_REGISTRY / IMAGE_ARCHIVES (push-images.sh; none when IMAGES_JSON is empty)
set -euo pipefail

env="${1:?usage: apply-layer.sh <env> <plans-dir>}"
plans="$(cd "${2:?usage: apply-layer.sh <env> <plans-dir>}" && pwd)"
: "${REVIEW:?REVIEW is required: the review record of the plan job (plan-layer.sh)}"
here="$(cd "$(dirname "$0")" && pwd)"
attempt="${GITHUB_RUN_ATTEMPT:-1}"
images="${IMAGES_JSON:-[]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

reviewed_env="$(jq -r .environment <<<"$REVIEW")"
[ "$reviewed_env" = "$env" ] || { echo "::error::the review is of $reviewed_env, not of $env" >&2; exit 1; }
reviewed_attempt="$(jq -r .attempt <<<"$REVIEW")"
if [ "$reviewed_attempt" != "$attempt" ]; then
  echo "::error::these plans were reviewed in run attempt $reviewed_attempt, this is attempt $attempt: re-run all jobs so that the layer is planned and reviewed again" >&2
  exit 1
fi

while read -r record; do
  stack="$(jq -r .stack <<<"$record")"
  name="$env-$stack"
  plan="$work/$name.tfplan"
  [ -f "$plans/$name.tfplan.gpg" ] || { echo "::error::$name: no reviewed plan $plans/$name.tfplan.gpg" >&2; exit 1; }
  "$here/plan-crypt.sh" decrypt "$plans/$name.tfplan.gpg" "$plan"
  sha="$(sha256sum "$plan" | cut -d' ' -f1)"
  if [ "$sha" != "$(jq -r .sha256 <<<"$record")" ]; then
    echo "::error::$name: the plan is not the reviewed one (sha256 $sha, reviewed $(jq -r .sha256 <<<"$record")): not applied" >&2
    exit 1
  fi
  dir="$("$here/stack-dir.sh" "$env" "$stack")"
  (
    cd "$dir"
    terraform init -input=false -no-color >/dev/null
    identity="$("$here/state-identity.sh")"
    if [ "$(jq -cS . <<<"$identity")" != "$(jq -cS .state <<<"$record")" ]; then
      echo "::error::$name: the state moved since the review (planned on $(jq -c .state <<<"$record"), now $identity): re-run all jobs to plan again" >&2
      exit 1
    fi
    image="$(jq -c --arg stack "$stack" '[.[] | select("svc-" + .project == $stack)]' <<<"$images")"
    if [ "$image" != "[]" ]; then
      IMAGES_JSON="$image" "$here/push-images.sh" "${IMAGE_ARCHIVES:?IMAGE_ARCHIVES is required when IMAGES_JSON is set}"
    fi
    terraform apply -input=false -no-color "$plan"
    [ "$(jq -r .action <<<"$record")" = destroy ] || "$here/tag-deployed-images.sh" "$env"
  )
  echo "applied $name" >&2
done < <(jq -c '.stacks[]' <<<"$REVIEW")
