# shellcheck shell=bash
# resolve INDEX: one resolution of a resource whose init or release failed (runtime/README.md,
# "resolve"): runs the resolution's command, records the resolution, publishes "resolved" and puts
# the resource back in the flow. lib/common.sh and lib/lifecycle.sh precede this text; lib.nix
# builds one such program per resolution (RESOLUTION_CASE, RESOLUTION_NAME, RESOLUTION_COMMAND).

main() {
  resource_require resolve RESOURCES_DIRECTORY RESOURCE_CHANNEL RESOURCE_GC_ROOT RESOLUTION_CASE \
    RESOLUTION_NAME RESOLUTION_COMMAND
  name=$RESOLUTION_NAME
  case=$RESOLUTION_CASE
  [[ $case == init || $case == release ]] || resource_die "resolve" "RESOLUTION_CASE is neither init nor release: $case"
  if ! (($# == 1)) || [[ -z $1 || $1 == *[!0-9]* ]]; then
    resource_die "resolve" "usage: $name INDEX (the resource's index)"
  fi
  index=$1
  dir=''
  resource_directory dir
  gc=''
  resource_gc_root gc
  resource_check_folder RESOURCES_DIRECTORY "$dir"
  [[ ! -e $gc ]] || resource_check_folder RESOURCE_GC_ROOT "$gc"
  [[ -d $dir/locks && -d $dir/lifecycle ]] || resource_die "resolve" "no resources under $dir"

  # Held to the end (the lock goes with the program).
  lock=''
  lifecycle_lock "$dir" "lifecycle-$index" lock || resource_die "resolve" "cannot lock $dir/locks/lifecycle-$index"
  state=''
  lifecycle_state "$dir" "$index" state
  if [[ $state != "invalid-$case" ]]; then
    resource_die "resolve" "resource $index is not waiting for a resolution of a failed $case (its state: ${state:-none: released or resolved})"
  fi
  hash=''
  lifecycle_hash "$dir" "$index" hash || resource_die "resolve" "cannot read the hash of $index from $dir/log/$index/event-tail.json"

  # The resolution's own command, if it has one, with the terminal of whoever runs it.
  if [[ -n $RESOLUTION_COMMAND ]]; then
    status=0
    lifecycle_run "$RESOLUTION_COMMAND" "$dir" "$index" "$hash" || status=$?
    if ((status != 0)); then
      resource_die "resolve" "resolution $name of resource $index failed (status $status); it stays in quarantine"
    fi
  fi

  # The record: which resolution, in the log and beside the quarantine.
  printf '%s\n' "$name" >"$dir/log/$index/resolution-$case"
  if [[ -d $dir/quarantine/$index ]]; then
    chmod u+w -- "$dir/quarantine/$index" 2>/dev/null || true
    printf '%s\n' "$name" >"$dir/quarantine/$index/resolved"
  fi

  event=''
  # shellcheck disable=SC2016 # a jq expression: the $ are jq's
  lifecycle_event event "$dir" "$index" resolved '{resolution: $name, resolves: $resolves}' \
    --arg name "$name" --arg resolves "invalid-$case" || resource_die "resolve" "cannot build the resolved event of $index"
  if [[ $case == init ]]; then
    # A failed init resolved counts as a successful one: canonical/HASH (unless the resource is
    # transient, or another setup of the same hash made one meanwhile), then the usual release.
    if [[ $event != *'"transient":true,"description":'* ]]; then
      hash_lock=''
      lifecycle_lock "$dir" "$hash" hash_lock || resource_die "resolve" "cannot lock $dir/locks/$hash"
      if [[ ! -d $dir/canonical/$hash ]]; then
        lifecycle_link "$dir" "$index" "$hash" || resource_die "resolve" "cannot create $dir/canonical/$hash"
      fi
      lifecycle_unlock "$hash_lock"
    fi
    lifecycle_set_state "$dir" "$index" valid || resource_die "resolve" "cannot update $dir/lifecycle/$index"
    resource_publish "$event" || true
    printf 'resource %s resolved with %s: it is valid now (%s)\n' "$index" "$name" "$dir/mounts/$index"
  else
    # A failed release resolved is finished: the resource goes as after a release.
    lifecycle_remove "$dir" "$gc" "$index" || resource_die "resolve" "cannot remove $dir/mounts/$index or $gc/$index"
    resource_publish "$event" || true
    rm -f -- "$dir/lifecycle/$index"
    printf 'resource %s resolved with %s: it is released\n' "$index" "$name"
  fi
  if [[ -n $lock ]]; then
    lifecycle_unlock "$lock"
  fi
}

main "$@"
