# shellcheck shell=bash
# The check runner (generator/README.md, "check"): inside a Nix build, runs one resource's setup
# against a private redis-server, subscribed to the channel, and compares what it observed with what
# was expected. Set by the check derivation: resourceSetup, resourceChannel, argumentsJsonPath,
# hasStandardInput, standardInputPath, fixturePath, expectationsJsonPath, out.
export LC_ALL=C

setup_program=${resourceSetup:?}
channel=${resourceChannel?}
arguments_file=${argumentsJsonPath:?}
has_standard_input=${hasStandardInput-}
standard_input_file=${standardInputPath:?}
fixture_file=${fixturePath:?}
expectations_file=${expectationsJsonPath:?}
output=${out:?}

work=${TMPDIR:-/tmp}
state="$work/flakegen-check"
streams="$state/setup"
mkdir -p "$state/resources" "$state/gc-roots" "$state/home" "$streams"
export RESOURCES_DIRECTORY_OVERRIDE="$state/resources"
export RESOURCE_GC_ROOT_OVERRIDE="$state/gc-roots"
export RESOURCE_REDIS="$work/redis.sock"
export HOME="$state/home"

wait_for() {
  local what=$1
  shift
  local tries=0
  until "$@"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 1200 ]; then
      echo "check: timed out waiting for $what" >&2
      exit 1
    fi
    sleep 0.025
  done
}

redis() {
  redis-cli -s "$RESOURCE_REDIS" "$@"
}

redis_ready() {
  [ "$(redis ping 2>/dev/null)" = PONG ]
}

subscribed() {
  [ "$(redis PUBSUB NUMSUB "$channel" | tail -n 1)" = 1 ]
}

stop() {
  if [ -n "${subscriber:-}" ]; then
    kill "$subscriber" 2>/dev/null || true
  fi
  redis shutdown nosave >/dev/null 2>&1 || true
}
trap stop EXIT

redis-server --port 0 --unixsocket "$RESOURCE_REDIS" --dir "$work" --save "" --appendonly no \
  --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
wait_for "redis-server" redis_ready

redis --raw SUBSCRIBE "$channel" >"$state/subscription" 2>"$state/subscription.err" &
subscriber=$!
wait_for "the subscription" subscribed

marker() {
  redis PUBLISH "$channel" "{\"flakegen-check\":\"$1\"}" >/dev/null
}

export SETUP="$setup_program"
export RESOURCES_DIRECTORY="$state/resources"
if [ -s "$fixture_file" ]; then
  # Standard input closed, as for the checked run without standard-input: "$SETUP" in a fixture
  # sets up the same resource (the same hash) as the checked run.
  if ! (cd "$state" && "$BASH" -o errexit -o nounset -o pipefail "$fixture_file") <&- >"$state/fixture.log" 2>&1; then
    echo "check: the fixture failed:" >&2
    cat "$state/fixture.log" >&2
    exit 1
  fi
fi

mapfile -d '' -t setup_arguments < <(jq -j '.[] | . + "\u0000"' "$arguments_file")
marker start
status=0
if [ -n "$has_standard_input" ]; then
  "$setup_program" "${setup_arguments[@]}" <"$standard_input_file" \
    >"$streams/standard-output" 2>"$streams/standard-error" || status=$?
else
  "$setup_program" "${setup_arguments[@]}" <&- \
    >"$streams/standard-output" 2>"$streams/standard-error" || status=$?
fi
marker end

ended() {
  grep -qxF '{"flakegen-check":"end"}' "$state/subscription"
}
wait_for "the events" ended

# redis-cli --raw prints each message as the line "message", the channel (as many lines as it
# has), and the payload; events and markers are single-line JSON.
channel_lines=$(printf '%s\n' "$channel" | wc -l)
mapfile -t lines <"$state/subscription"
: >"$state/events.jsonl"
recording=
line=$((2 + channel_lines))
while [ "$line" -lt "${#lines[@]}" ]; do
  payload=${lines[line + 1 + channel_lines]}
  line=$((line + 2 + channel_lines))
  case $payload in
    '{"flakegen-check":"start"}') recording=1 ;;
    '{"flakegen-check":"end"}') recording= ;;
    *) if [ -n "$recording" ]; then printf '%s\n' "$payload" >>"$state/events.jsonl"; fi ;;
  esac
done

jq -n \
  --argjson status "$status" \
  --rawfile standard_output "$streams/standard-output" \
  --rawfile standard_error "$streams/standard-error" \
  --slurpfile events "$state/events.jsonl" \
  '{ event: ($events | last), "setup-exit-status": $status,
     "setup-standard-output": $standard_output, "setup-standard-error": $standard_error }' \
  >"$state/observed.json"

# One line per expectation, in the order of the event keys, then setup's: "key: JSON". Paths are
# relative to the state folder; text loses its trailing newlines, as with $( ... ).
# shellcheck disable=SC2016 # a jq program: its $names are jq variables
comparison='
  def order: ["type", "hash", "index", "provenance", "originator-pid", "arguments",
    "has-standard-input", "standard-input", "standard-output", "standard-error", "status",
    "targets", "transient", "description", "path", "release", "setup-exit-status",
    "setup-standard-output", "setup-standard-error"];
  def trim: if endswith("\n") then .[:-1] | trim else . end;
  def relative: if type == "string" and startswith($root + "/") then .[($root | length) + 1:] else . end;
  def sorted: walk(if type == "object" then to_entries | sort_by(.key) | from_entries else . end);
  def normal($key):
    if type != "string" then sorted
    elif ($key | IN("standard-input", "standard-output", "standard-error", "setup-standard-error")) then trim
    elif $key == "path" then relative
    elif $key == "setup-standard-output" then trim | relative
    else . end;
  def value($key): if ($key | startswith("setup-")) then $observed[$key] else ($observed.event // {})[$key] end;
  order[] as $key | select($expected | has($key))
  | "\($key): \(if $side == "expected" then $expected[$key] else value($key) end | normal($key) | tojson)"
'
for side in expected observed; do
  jq -r -n --arg side "$side" --arg root "$state/resources" \
    --slurpfile expectations "$expectations_file" --slurpfile observations "$state/observed.json" \
    "\$expectations[0] as \$expected | \$observations[0] as \$observed | $comparison" >"$state/$side"
done

if ! diff -u --label expected --label observed "$state/expected" "$state/observed" >"$state/difference"; then
  echo "check: the resource did not behave as expected:" >&2
  cat "$state/difference" >&2
  echo "check: setup exited with status $status; its standard error:" >&2
  cat "$streams/standard-error" >&2
  echo "check: events published during setup:" >&2
  cat "$state/events.jsonl" >&2
  exit 1
fi

mkdir -p "$output"
cp "$state/expected" "$state/events.jsonl" "$state/observed.json" "$output/"
