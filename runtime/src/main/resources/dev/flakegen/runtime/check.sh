# shellcheck shell=bash
# The check runner (generator/README.md, "check"): inside a Nix build, runs one resource's setup
# against a private redis-server, subscribed to the channel, and compares what it observed with what
# was expected. Set by the check derivation: resourceSetup, resourceChannel, argumentsJsonPath,
# hasStandardInput, standardInputPath, fixturePath, expectationsJsonPath, out; with
# expected-lifecycle also resourceReleaseListener, resourceResolveListener and resourceResolution
# (empty: no resolution): the runner then follows the resource through its lifecycle (the listeners
# release it, a resolution is run when it is quarantined) and compares the types of its events.

export LC_ALL=C

setup_program=${resourceSetup:?}
channel=${resourceChannel?}
arguments_file=${argumentsJsonPath:?}
has_standard_input=${hasStandardInput-}
standard_input_file=${standardInputPath:?}
fixture_file=${fixturePath:?}
expectations_file=${expectationsJsonPath:?}
release_listener=${resourceReleaseListener-}
resolve_listener=${resourceResolveListener-}
resolution=${resourceResolution-}
output=${out:?}

work=${TMPDIR:-/tmp}
state="$work/flakegen-check"
streams="$state/setup"

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

stop_listeners() {
  local pid
  for pid in "${listeners[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  listeners=()
}

stop() {
  stop_listeners
  if [ -n "${subscriber:-}" ]; then
    kill "$subscriber" 2>/dev/null || true
  fi
  redis shutdown nosave >/dev/null 2>&1 || true
}

marker() {
  redis PUBLISH "$channel" "{\"flakegen-check\":\"$1\"}" >/dev/null
}

# setup, from a process of its own when the lifecycle is followed: setup takes its parent for the
# originator (a fork of this runner would lead it to the runner), and that process ends with setup,
# so the release listener may release the resource.
run_setup() {
  if [ -n "$release_listener" ]; then
    # shellcheck disable=SC2016 # the originator's script: "$@" is its own arguments
    "$BASH" -c '"$@"; exit "$?"' resource-check-originator "$setup_program" "${setup_arguments[@]}"
  else
    "$setup_program" "${setup_arguments[@]}"
  fi
}

# marked NAME: the marker NAME has reached the subscription.
marked() {
  grep -qxF "{\"flakegen-check\":\"$1\"}" "$state/subscription"
}

# collect: from the subscription, the events between the start and end markers (events.jsonl) and
# all events after the start marker (lifecycle-events.jsonl). redis-cli --raw prints each message
# as the line "message", the channel (as many lines as it has), and the payload; events and markers
# are single-line JSON.
collect() {
  local recording='' started='' line payload
  local -a lines
  mapfile -t lines <"$state/subscription"
  : >"$state/events.jsonl"
  : >"$state/lifecycle-events.jsonl"
  line=$((2 + channel_lines))
  while [ "$line" -lt "${#lines[@]}" ]; do
    payload=${lines[line + 1 + channel_lines]}
    line=$((line + 2 + channel_lines))
    case $payload in
      '{"flakegen-check":"start"}') recording=1 started=1 ;;
      '{"flakegen-check":"end"}') recording= ;;
      '{"flakegen-check":'*) ;;
      *)
        if [ -n "$recording" ]; then printf '%s\n' "$payload" >>"$state/events.jsonl"; fi
        if [ -n "$started" ]; then printf '%s\n' "$payload" >>"$state/lifecycle-events.jsonl"; fi
        ;;
    esac
  done
}

# listener_logs: the listeners' output, on standard error.
listener_logs() {
  echo "check: the listeners' output:" >&2
  cat "$state/release-listener.log" "$state/resolve-listener.log" >&2
}

main() {
  mkdir -p "$state/resources" "$state/gc-roots" "$state/home" "$streams"
  export RESOURCES_DIRECTORY_OVERRIDE="$state/resources"
  export RESOURCE_GC_ROOT_OVERRIDE="$state/gc-roots"
  export RESOURCE_REDIS="$work/redis.sock"
  export HOME="$state/home"

  listeners=()
  trap stop EXIT

  redis-server --port 0 --unixsocket "$RESOURCE_REDIS" --dir "$work" --save "" --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  wait_for "redis-server" redis_ready

  redis --raw SUBSCRIBE "$channel" >"$state/subscription" 2>"$state/subscription.err" &
  subscriber=$!
  wait_for "the subscription" subscribed

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
    run_setup <"$standard_input_file" >"$streams/standard-output" 2>"$streams/standard-error" || status=$?
  else
    run_setup <&- >"$streams/standard-output" 2>"$streams/standard-error" || status=$?
  fi
  marker end

  wait_for "the events" marked end

  # (How many lines the channel's name takes in the subscription's output: see collect.)
  channel_lines=$(printf '%s\n' "$channel" | wc -l)
  collect

  # Init's standard input and output as the resource's log keeps them (log/INDEX/standard-input
  # and standard-output), copied now (a release removes them): an event carries them only with
  # publish-streams, otherwise their sizes and SHA-256 digests, and the comparison below then
  # takes the logged text whose digest is the event's.
  logged_index=$(jq -s -r 'last | .index // empty' "$state/events.jsonl")
  for stream in standard-input standard-output; do
    : >"$state/logged-$stream"
    if [ -n "$logged_index" ] && [ -f "$state/resources/log/$logged_index/$stream" ]; then
      cp "$state/resources/log/$logged_index/$stream" "$state/logged-$stream"
    fi
  done
  logged_input_sha256=$(sha256sum <"$state/logged-standard-input")
  logged_output_sha256=$(sha256sum <"$state/logged-standard-output")

  # The lifecycle: the listeners start now (not before: a fixture's resource stays for the checked
  # setup, as without them), and the runner waits until the checked resource has left the flow
  # (lifecycle/INDEX gone) or sits in quarantine with no resolution left to run.
  lifecycle=null
  lifecycle_note=
  if [ -n "$release_listener" ]; then
    index=$(jq -s -r 'last | .index // empty' "$state/events.jsonl")
    export RESOURCE_LISTENER_INTERVAL=0.1
    "$release_listener" >"$state/release-listener.log" 2>&1 &
    listeners+=("$!")
    "$resolve_listener" >"$state/resolve-listener.log" 2>&1 &
    listeners+=("$!")
    resources="$state/resources"
    pending=$resolution
    deadline=$((SECONDS + 60))
    while [ -n "$index" ] && [ -e "$resources/lifecycle/$index" ]; do
      current=
      IFS= read -r current <"$resources/lifecycle/$index" || true
      quarantined=
      if [ -f "$resources/quarantine/$index/type" ] && [ "$(cat "$resources/quarantine/$index/type")" = "$current" ]; then
        quarantined=1
      fi
      if [ -n "$quarantined" ] && [ -z "$pending" ]; then
        break
      elif [ -n "$quarantined" ]; then
        program="$resources/quarantine/$index/resolutions/$pending"
        if [ ! -f "$program" ] || [ ! -x "$program" ]; then
          offered=$(find "$resources/quarantine/$index/resolutions" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | paste -s -d ' ')
          echo "check: resource $index is in quarantine ($current) without the resolution $pending;" \
            "its resolutions: ${offered:-(none)}" >&2
          exit 1
        fi
        if ! "$program" </dev/null >"$state/resolution.log" 2>&1; then
          echo "check: the resolution $pending of resource $index failed:" >&2
          cat "$state/resolution.log" >&2
          exit 1
        fi
        pending=
        continue
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        listener_logs
        echo "check: resource $index did not leave the lifecycle within 60 s (its state: ${current:-none yet})" >&2
        exit 1
      fi
      sleep 0.05
    done
    if [ -n "$pending" ]; then
      lifecycle_note="check: the resolution $pending was not run: resource ${index:-(none: setup published no event)} was never in quarantine"
    fi
    stop_listeners
    marker settled
    wait_for "the lifecycle events" marked settled
    collect
    if [ -n "$index" ]; then
      lifecycle=$(jq -s -c --argjson index "$index" '[.[] | select(.index == $index) | .type]' "$state/lifecycle-events.jsonl")
    else
      lifecycle='[]'
    fi
  fi

  jq -n \
    --argjson status "$status" \
    --argjson lifecycle "$lifecycle" \
    --rawfile standard_output "$streams/standard-output" \
    --rawfile standard_error "$streams/standard-error" \
    --slurpfile events "$state/events.jsonl" \
    --rawfile logged_input "$state/logged-standard-input" \
    --rawfile logged_output "$state/logged-standard-output" \
    --arg logged_input_sha256 "${logged_input_sha256%% *}" \
    --arg logged_output_sha256 "${logged_output_sha256%% *}" \
    'def logged($key; $text; $sha256):
       if type == "object" and has($key) and .[$key] == null and .["\($key)-sha256"] == $sha256
       then .[$key] = $text else . end;
     { event: ($events | last
         | logged("standard-input"; $logged_input; $logged_input_sha256)
         | logged("standard-output"; $logged_output; $logged_output_sha256)),
       "setup-exit-status": $status,
       "setup-standard-output": $standard_output, "setup-standard-error": $standard_error,
       lifecycle: $lifecycle }' \
    >"$state/observed.json"

  # One line per expectation, in the order of the event keys, then setup's, then the lifecycle (the
  # types of the resource's events): "key: JSON". Paths are relative to the state folder; text loses
  # its trailing newlines, as with $( ... ).
  # shellcheck disable=SC2016 # a jq program: its $names are jq variables
  comparison='
    def order: ["type", "hash", "index", "provenance", "originator-pid", "arguments",
      "has-standard-input", "standard-input", "standard-output", "standard-error", "status",
      "targets", "transient", "description", "path", "release", "setup-exit-status",
      "setup-standard-output", "setup-standard-error", "lifecycle"];
    def trim: if endswith("\n") then .[:-1] | trim else . end;
    def relative: if type == "string" and startswith($root + "/") then .[($root | length) + 1:] else . end;
    def sorted: walk(if type == "object" then to_entries | sort_by(.key) | from_entries else . end);
    def normal($key):
      if type != "string" then sorted
      elif ($key | IN("standard-input", "standard-output", "standard-error", "setup-standard-error")) then trim
      elif $key == "path" then relative
      elif $key == "setup-standard-output" then trim | relative
      else . end;
    def value($key):
      if ($key | startswith("setup-")) or $key == "lifecycle" then $observed[$key] else ($observed.event // {})[$key] end;
    order[] as $key | select($expected | has($key))
    | "\($key): \(if $side == "expected" then $expected[$key] else value($key) end | normal($key) | tojson)"
  '
  for side in expected observed; do
    jq -r -n --arg side "$side" --arg root "$state/resources" \
      --slurpfile expectations "$expectations_file" --slurpfile observations "$state/observed.json" \
      "\$expectations[0] as \$expected | \$observations[0] as \$observed | $comparison" >"$state/$side"
  done

  # On a mismatch the difference comes last: Nix shows the last lines of a failed build's log.
  if ! diff -u --label expected --label observed "$state/expected" "$state/observed" >"$state/difference"; then
    echo "check: setup exited with status $status; its standard error:" >&2
    cat "$streams/standard-error" >&2
    echo "check: events published during setup:" >&2
    cat "$state/events.jsonl" >&2
    if [ -n "$release_listener" ]; then
      echo "check: events published from setup on (the lifecycle):" >&2
      cat "$state/lifecycle-events.jsonl" >&2
      listener_logs
      if [ -n "$lifecycle_note" ]; then
        echo "$lifecycle_note" >&2
      fi
    fi
    echo "check: the resource did not behave as expected:" >&2
    cat "$state/difference" >&2
    exit 1
  fi
  if [ -n "$lifecycle_note" ]; then
    echo "$lifecycle_note" >&2
    exit 1
  fi

  mkdir -p "$output"
  cp "$state/expected" "$state/events.jsonl" "$state/observed.json" "$output/"
  if [ -n "$release_listener" ]; then
    cp "$state/lifecycle-events.jsonl" "$output/"
  fi
}

main "$@"
