#!/bin/sh
# Posts a one-line message to the team's notification endpoint.
#   usage: sh notify.sh "message"   (the notify task resource, in the task's working directory)
# NOTIFY_URL overrides the endpoint. When nothing listens there (a laptop pre-run), the message is
# printed and the script still succeeds: a missing chat hook must not fail the report.
set -eu

message=${1:?usage: notify.sh "message"}
url=${NOTIFY_URL:-http://127.0.0.1:8765/notify}

# Escape backslashes and double quotes for the JSON body.
escaped=$(printf '%s' "$message" | sed 's/\\/\\\\/g; s/"/\\"/g')
body=$(printf '{"event":"message","text":"%s"}' "$escaped")

echo "notify: $message"
if command -v curl >/dev/null 2>&1; then
  if curl --silent --show-error --fail --max-time 10 -H 'Content-Type: application/json' -d "$body" "$url" >/dev/null; then
    echo "notify: delivered to $url"
  else
    echo "notify: $url did not accept the message; printed above instead" >&2
  fi
else
  echo "notify: curl not found; message printed only" >&2
fi
exit 0
