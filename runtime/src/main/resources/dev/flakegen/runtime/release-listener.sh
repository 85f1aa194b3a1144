# shellcheck shell=bash
# release-listener: releases each resource once nothing uses it any more (runtime/README.md,
# "release-listener"). lib/common.sh and lib/lifecycle.sh precede this text.

# release_pinned OUTVAR INDEX…: OUTVAR (an associative array) gets an entry for each INDEX that a
# link under the GC-root folder, other than the resource's own (GC/INDEX/…), leads into: at
# mounts/INDEX or below, or at canonical/HASH or below. Both sides are compared as real paths
# (every symlink resolved, "." and ".." and "//" gone), so a link keeps the resource however it is
# spelled: relative, with "..", through a GC-root folder or resources directory that is itself
# reached through a symlink. One find and one realpath for all of them.
release_pinned() {
  local -n _pinned=$1
  shift
  local index hash link real owner rest real_dir i
  local -a links=() reals=()
  local -A by_hash=()
  for index; do
    if lifecycle_hash "$dir" "$index" hash; then
      by_hash[$hash]=$index
    fi
  done
  [[ -d $gc ]] || return 0
  real_dir=$(realpath -e -- "$dir") || return 0
  # -H: a GC-root folder that is a symlink is followed (its links are still found).
  mapfile -t -d '' links < <(find -H "${gc%/}" -mindepth 1 -type l -print0 2>/dev/null)
  ((${#links[@]})) || return 0
  # -m: a link may lead to a path that is gone. realpath prints nothing for a link it cannot
  # resolve (a loop); then each link is resolved alone, so the pairs stay in step.
  mapfile -t -d '' reals < <(realpath -z -m -- "${links[@]}" 2>/dev/null)
  if ((${#reals[@]} != ${#links[@]})); then
    reals=()
    for link in "${links[@]}"; do
      real=$(realpath -m -- "$link" 2>/dev/null) || real=''
      reals+=("$real")
    done
  fi
  for ((i = 0; i < ${#links[@]}; i++)); do
    link=${links[i]#"${gc%/}/"}
    owner=${link%%/*}
    real=${reals[i]}
    if [[ $real == "$real_dir/mounts/"* ]]; then
      rest=${real#"$real_dir/mounts/"}
      index=${rest%%/*}
    elif [[ $real == "$real_dir/canonical/"* ]]; then
      rest=${real#"$real_dir/canonical/"}
      index=${by_hash[${rest%%/*}]-}
    else
      continue
    fi
    if [[ -n $index && $index != "$owner" ]]; then
      _pinned["$index"]=1
    fi
  done
}

# release_announce INDEX TYPE STATUS: builds the released / invalid-release event from the
# recorded outcome of the release command, keeps it (log/INDEX/release-event.json) and publishes it.
release_announce() {
  local index=$1 log=$dir/log/$1 event
  # shellcheck disable=SC2016 # a jq expression: the $ are jq's
  lifecycle_event event "$dir" "$index" "$2" \
    '{"release-status": $status, "release-standard-output": $out, "release-standard-error": $err}' \
    --argjson status "$3" --rawfile out "$log/release-standard-output" \
    --rawfile err "$log/release-standard-error" || return 1
  printf '%s\n' "$event" >"$log/release-event.json" || return 1
  resource_publish "$event" || true
}

# release_run INDEX HASH: the part of a release after the decision (state releasing): runs the
# release command once (its status is kept in log/INDEX/release-status: a listener that stops after
# it ran does not run it again), then removes the resource and announces "released", or announces
# "invalid-release" and leaves the resource to quarantine.
release_run() {
  local index=$1 hash=$2 log=$dir/log/$1 program status=''
  if [[ -f $log/release-status ]]; then
    IFS= read -r status <"$log/release-status" || status=''
  fi
  if [[ -z $status || $status == *[!0-9]* ]]; then
    status=0
    if lifecycle_program "$dir" "$index" release program; then
      lifecycle_run "$program" "$dir" "$index" "$hash" </dev/null \
        >"$log/release-standard-output" 2>"$log/release-standard-error" || status=$?
    else
      : >"$log/release-standard-output"
      : >"$log/release-standard-error"
    fi
    printf '%s\n' "$status" >"$log/release-status.new" && mv -T -- "$log/release-status.new" "$log/release-status"
  fi
  if ((status != 0)); then
    release_announce "$index" invalid-release "$status" || return 1
    lifecycle_set_state "$dir" "$index" invalid-release || return 1
    lifecycle_log "release of $index failed (status $status): see $dir/quarantine/$index"
    return 0
  fi
  if ! lifecycle_remove "$dir" "$gc" "$index"; then
    lifecycle_log "cannot remove $dir/mounts/$index or $gc/$index (will try again)"
    return 1
  fi
  release_announce "$index" released 0 || return 1
  rm -f -- "$dir/lifecycle/$index"
  lifecycle_log "released $index"
}

# release_start INDEX: releases a valid resource that nothing uses: under its lifecycle lock and
# the lock of its hash (the one setup holds while it initialises; skipped for now when busy),
# canonical/HASH goes first, then the originators are read once more: one that a cache hit
# recorded meanwhile keeps the resource (the link comes back). Otherwise the state becomes
# releasing and release_run follows.
release_start() {
  local index=$1 hash='' lock hash_lock state
  lifecycle_hash "$dir" "$index" hash || {
    lifecycle_log "cannot read the hash of $index from $dir/log/$index/event-tail.json"
    return 1
  }
  lifecycle_lock "$dir" "lifecycle-$index" lock -n || return 0
  lifecycle_state "$dir" "$index" state
  if [[ $state != valid ]]; then
    lifecycle_unlock "$lock"
    return 0
  fi
  if ! lifecycle_lock "$dir" "$hash" hash_lock -n; then
    lifecycle_unlock "$lock"
    return 0
  fi
  local linked=''
  if [[ $dir/canonical/$hash -ef $dir/mounts/$index ]]; then
    linked=1
    rm -f -- "$dir/canonical/$hash"
  fi
  if lifecycle_in_use "$dir" "$index"; then
    if [[ -n $linked ]]; then
      lifecycle_link "$dir" "$index" "$hash" || lifecycle_log "cannot restore $dir/canonical/$hash"
    fi
    lifecycle_unlock "$hash_lock"
    lifecycle_unlock "$lock"
    return 0
  fi
  lifecycle_set_state "$dir" "$index" releasing || {
    lifecycle_unlock "$hash_lock"
    lifecycle_unlock "$lock"
    return 1
  }
  lifecycle_unlock "$hash_lock"
  release_run "$index" "$hash" || true
  lifecycle_unlock "$lock"
}

# release_resume INDEX: a release a listener began and did not finish (it stopped).
release_resume() {
  local index=$1 hash='' lock state
  lifecycle_hash "$dir" "$index" hash || return 1
  lifecycle_lock "$dir" "lifecycle-$index" lock -n || return 0
  lifecycle_state "$dir" "$index" state
  if [[ $state == releasing ]]; then
    release_run "$index" "$hash" || true
  fi
  lifecycle_unlock "$lock"
}

# release_collect: removes each miss that ended before it entered the flow (no lifecycle/INDEX:
# its setup was killed, or failed on a full disk) once the setup recorded in log/INDEX/setup
# (PID-START) is gone: its resource directory, GC-root entries and log. Nothing else would ever
# clean them. (A miss without that record, from an older setup or made by hand, is left alone.)
release_collect() {
  local entry index record
  for entry in "$dir"/mounts/*; do
    index=${entry##*/}
    [[ -n $index && $index != *[!0-9]* ]] || continue
    [[ ! -e $dir/lifecycle/$index && -f $dir/log/$index/setup ]] || continue
    record=''
    IFS= read -r record 2>/dev/null <"$dir/log/$index/setup" || true
    [[ $record == [0-9]*-[0-9]* ]] || continue
    ! lifecycle_alive "$record" || continue
    # Look again: a setup that wrote lifecycle/INDEX just before it ended.
    [[ ! -e $dir/lifecycle/$index ]] || continue
    if lifecycle_remove "$dir" "$gc" "$index"; then
      rm -rf -- "${dir:?}/log/$index"
      lifecycle_log "collected $index: its setup (process ${record%%-*}) ended before the resource was complete"
    fi
  done
}

# release_pass: one look at every resource in the flow.
release_pass() {
  local entry index state
  local -a candidates=()
  local -A pinned=()
  for entry in "$dir"/lifecycle/*; do
    index=${entry##*/}
    [[ -n $index && $index != *[!0-9]* ]] || continue
    lifecycle_state "$dir" "$index" state
    case $state in
    valid)
      lifecycle_in_use "$dir" "$index" || candidates+=("$index")
      ;;
    releasing)
      release_resume "$index" || true
      ;;
    esac
  done
  ((${#candidates[@]})) || return 0
  release_pinned pinned "${candidates[@]}"
  for index in "${candidates[@]}"; do
    [[ -z ${pinned[$index]-} ]] || continue
    release_start "$index" || true
  done
}

main() {
  dir='' gc='' interval=''
  lifecycle_configure release-listener $# dir gc interval

  lifecycle_start release-listener "$dir"
  shopt -s nullglob
  lifecycle_log "watching $dir (channel $RESOURCE_CHANNEL, Redis ${RESOURCE_REDIS:-127.0.0.1:6379}, GC roots $gc)"
  while true; do
    lifecycle_check_folders
    resource_flush || true
    release_collect
    release_pass
    lifecycle_wait "$interval"
  done
}

main "$@"
