#!/usr/bin/env bash
# Waits for <base-url>/healthz to answer 200, a bounded number of times (ECS rolls tasks over
# a few minutes), and fails the deploy if it never does. A URL with a path (a service stack's
# `health-url` output, e.g. https://dev.example.com/v1/healthz) is called as it is.
set -euo pipefail

base_url="${1:?usage: smoke-test.sh <base-url>|<health-url> [attempts] [seconds-between]}"
attempts="${2:-30}"
pause="${3:-10}"
path_part="${base_url#*://}"
path_part="${path_part#*/}"
if [[ "$base_url" == *://*/* ]] && [ -n "$path_part" ]; then
  url="$base_url"
else
  url="${base_url%/}/healthz"
fi

for i in $(seq 1 "$attempts"); do
  status="$(curl --silent --show-error --output /dev/null --write-out '%{http_code}' --max-time 5 "$url" || true)"
  if [ "$status" = "200" ]; then
    echo "smoke test passed: $url answered 200 (attempt $i)"
    exit 0
  fi
  echo "attempt $i/$attempts: $url answered ${status:-nothing}" >&2
  [ "$i" -lt "$attempts" ] && sleep "$pause"
done
echo "::error::smoke test failed: $url did not answer 200 after $attempts attempts" >&2
exit 1
