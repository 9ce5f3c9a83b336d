#!/usr/bin/env bash
# Before the first layer of a deploy: what the plan needs that Terraform does not create, each
# missing thing on its own `::error::` line (all of them, then exit 1):
#   - SSM parameters named by the `secrets[].valueFrom` of the synthesized task definitions
#     (metadata only: ssm:DescribeParameters, never a value);
#   - the image tag each `svc-<name>` stack runs, in ECR, unless this run builds image <name>;
#   - the account's GitHub OIDC provider, when the state stack is planned but its state does not
#     hold it (an existing provider must be imported, creating a second one fails).
#   preflight.sh <env> <deploy-plan.json>
#   IMAGES_JSON      images this run builds and pushes (deploy-plan's images)
#   ALL_IMAGES_JSON  every image with the tag this commit runs (same shape; image-tags.sh's source)
set -euo pipefail

env="${1:?usage: preflight.sh <env> <deploy-plan.json>}"
deploy_plan="${2:?usage: preflight.sh <env> <deploy-plan.json>}"
here="$(cd "$(dirname "$0")" && pwd)"
built="${IMAGES_JSON:-[]}"
all_images="${ALL_IMAGES_JSON:-[]}"
problems=0
problem() { echo "::error::$*"; problems=$((problems + 1)); }

count="$("$here/layer-stacks.sh" "$deploy_plan" "$env" count)"
for layer in $(seq 0 $((count - 1))); do
  while read -r stack action; do
    [ "$action" = apply ] || continue
    dir="$("$here/stack-dir.sh" "$env" "$stack")"
    json="$dir/cdk.tf.json"

    while read -r from; do
      [ -n "$from" ] || continue
      case "$from" in
        *'${'*) echo "::warning::$env-$stack: secret $from is computed at apply time; not checked" ;;
        arn:aws*:secretsmanager:*)
          aws secretsmanager describe-secret --secret-id "$from" >/dev/null 2>&1 ||
            problem "$env-$stack: secret $from (Secrets Manager) does not exist; its task definition reads it" ;;
        *)
          param="$from"
          [[ "$from" == arn:aws*:ssm:* ]] && param="${from#*:parameter}"
          found="$(aws ssm describe-parameters --parameter-filters "Key=Name,Option=Equals,Values=$param" --query 'length(Parameters)' --output text)"
          [ "$found" != "0" ] ||
            problem "$env-$stack: SSM parameter $param does not exist; create it: aws ssm put-parameter --type SecureString --name $param --value <value>" ;;
      esac
    done < <(jq -r '.resource.aws_ecs_task_definition // {} | .[].container_definitions | fromjson | .[].secrets[]?.valueFrom' "$json" | sort -u)

    if [[ "$stack" == svc-* ]]; then
      project="${stack#svc-}"
      image="$(jq -c --arg p "$project" 'first(.[] | select(.project == $p)) // empty' <<<"$all_images")"
      if [ -n "$image" ] && ! jq -e --arg p "$project" 'any(.[]; .project == $p)' <<<"$built" >/dev/null; then
        repository="$(jq -r .repository <<<"$image")"
        tag="$(jq -r .tag <<<"$image")"
        aws ecr describe-images --repository-name "$repository" --image-ids "imageTag=$tag" >/dev/null 2>&1 ||
          problem "$env-$stack: image $repository:$tag is not in ECR and this run does not build it; deploy from a base before the commit that built it (workflow input base)"
      fi
    fi

    if [ "$stack" = state ]; then
      address="$(jq -r '.resource.aws_iam_openid_connect_provider // {} | keys[] | "aws_iam_openid_connect_provider." + .' "$json" | head -n 1)"
      if [ -n "$address" ]; then
        existing="$(aws iam list-open-id-connect-providers --query 'OpenIDConnectProviderList[].Arn' --output text | tr '\t' '\n' | grep '/token.actions.githubusercontent.com$' || true)"
        if [ -n "$existing" ] && ! (cd "$dir" && terraform init -input=false -no-color >/dev/null && terraform state list | grep -qxF "$address"); then
          problem "$env-state: the account already has the GitHub OIDC provider $existing, which the state stack would create again; import it first: (cd $dir && terraform import $address $existing)"
        fi
      fi
    fi
  done < <("$here/layer-stacks.sh" "$deploy_plan" "$env" "$layer")
done

if [ "$problems" -gt 0 ]; then
  echo "::error::pre-flight of $env: $problems problem(s) above; nothing was planned or applied"
  exit 1
fi
echo "pre-flight of $env: every secret parameter, image and the OIDC provider are in place"
