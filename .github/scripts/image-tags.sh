#!/usr/bin/env bash
# Prints `<PROJECT>_IMAGE_TAG=<tag>` for EVERY image project (API_IMAGE_TAG, WORKER_IMAGE_TAG...),
# for $GITHUB_ENV before `npm run synth`: the service stack needs the tags of unchanged images too,
# else infra/config falls back to its "unreleased" tag. deploy:plan lists only affected images, so
# it is asked relative to an empty commit (an object only: no ref or file changes), against which
# every project is affected. The tags are the same content-addressed ones deploy:plan gives.
set -euo pipefail

empty_tree="$(git hash-object -t tree /dev/null)"
empty_commit="$(git -c user.name=ci -c user.email=ci@localhost commit-tree "$empty_tree" -m "empty base for image tags")"
npm run --silent deploy:plan -- --base "$empty_commit" --head HEAD --json |
  jq -r '.images[] | "\(.project | ascii_upcase | gsub("[^A-Z0-9]"; "_"))_IMAGE_TAG=\(.tag)"'
