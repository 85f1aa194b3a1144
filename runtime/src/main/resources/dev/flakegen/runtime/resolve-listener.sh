# shellcheck shell=bash
# resolve-listener: puts each resource whose init or release failed in quarantine, with the event
# as YAML and one executable per resolution (runtime/README.md, "resolve-listener").
# lib/common.sh and lib/lifecycle.sh precede this text.

# quarantine_script OUTVAR PROGRAM INDEX: the text of a resolution executable: it runs PROGRAM for
# resource INDEX with this listener's state folders and Redis, whoever runs it.
quarantine_script() {
  local redis=${RESOURCE_REDIS:-127.0.0.1:6379} name=${2##*/resolutions/}
  local -a lines=(
    "#!$BASH"
    "# Resolves resource $3 of ${dir@Q} (flakegen resource flake): runs ${name@Q}."
    "export RESOURCES_DIRECTORY_OVERRIDE=${dir@Q}"
    "export RESOURCE_GC_ROOT_OVERRIDE=${gc@Q}"
    "listener_redis=${redis@Q}"
    "export RESOURCE_REDIS=\"\${RESOURCE_REDIS:-\$listener_redis}\""
    "exec ${2@Q} $3"
  )
  printf -v "$1" '%s\n' "${lines[@]}"
}

# quarantine INDEX STATE: creates quarantine/INDEX for a failed init (STATE invalid-init) or
# release (invalid-release): log.yaml (the event, read-only) and resolutions/NAME (executable),
# built under a temporary name and renamed into place, so it is there whole or not at all. A
# quarantine of the same resource for the other case (an init resolved earlier) moves to
# log/INDEX/quarantine-invalid-init.
quarantine() {
  local index=$1 state=$2 case event_file target=$dir/quarantine/$1 temporary=$dir/quarantine/.$1.new
  local found='' kind='' program name text
  case=${state#invalid-}
  if [[ $case == init ]]; then
    event_file=$dir/log/$index/event.json
  else
    event_file=$dir/log/$index/release-event.json
  fi
  [[ -s $event_file ]] || return 0
  if [[ -f $target/type ]]; then
    IFS= read -r kind <"$target/type" || kind=''
    [[ $kind != "$state" ]] || return 0
    [[ -L $target ]] || chmod -R u+w -- "$target" 2>/dev/null || true
    rm -rf -- "$dir/log/$index/quarantine-$kind"
    mv -T -- "$target" "$dir/log/$index/quarantine-$kind" || return 1
  fi
  [[ -L $temporary ]] || chmod -R u+w -- "$temporary" 2>/dev/null || true
  rm -rf -- "$temporary"
  mkdir -p -- "$temporary/resolutions" || return 1
  if ! yq -P -p json -o yaml . "$event_file" >"$temporary/log.yaml" 2>"$temporary/yq-errors"; then
    lifecycle_log "cannot render $event_file as YAML: $(<"$temporary/yq-errors")"
    return 1
  fi
  rm -f -- "$temporary/yq-errors"
  printf '%s\n' "$state" >"$temporary/type"
  # The resource's lifecycle programs, or (a resource set up without them) the default ones.
  local folder=''
  lifecycle_folder "$dir" "$index" folder
  if [[ -z $folder || ! -d $folder/resolutions/$case ]]; then
    folder=${RESOURCE_DEFAULT_LIFECYCLE-}
  fi
  for program in "$folder/resolutions/$case"/*; do
    [[ -n $folder && -f $program && -x $program ]] || continue
    name=${program##*/}
    quarantine_script text "$program" "$index"
    printf '%s' "$text" >"$temporary/resolutions/$name"
    chmod 0500 -- "$temporary/resolutions/$name"
    found=1
  done
  chmod 0400 -- "$temporary/log.yaml" "$temporary/type"
  mv -T -- "$temporary" "$target" || return 1
  if [[ -n $found ]]; then
    lifecycle_log "quarantined $index ($state): run one of $target/resolutions/*"
  else
    lifecycle_log "quarantined $index ($state): no resolutions (no lifecycle programs: resolve it by hand)"
  fi
}

# resolve_pass: one look at every resource in the flow.
resolve_pass() {
  local entry index state lock kind
  for entry in "$dir"/lifecycle/*; do
    index=${entry##*/}
    [[ -n $index && $index != *[!0-9]* ]] || continue
    lifecycle_state "$dir" "$index" state
    case $state in
    invalid-init | invalid-release)
      kind=''
      if [[ -f $dir/quarantine/$index/type ]]; then
        IFS= read -r kind <"$dir/quarantine/$index/type" || kind=''
      fi
      [[ $kind != "$state" ]] || continue
      lifecycle_lock "$dir" "lifecycle-$index" lock -n || continue
      lifecycle_state "$dir" "$index" state
      if [[ $state == invalid-* ]] && ! quarantine "$index" "$state" && [[ -z ${failed[$index]-} ]]; then
        lifecycle_log "cannot quarantine $index yet (trying again)"
        failed["$index"]=1
      fi
      lifecycle_unlock "$lock"
      ;;
    esac
  done
}

main() {
  dir='' gc='' interval=''
  lifecycle_configure resolve-listener $# dir gc interval

  # The resources that could not be quarantined (said once).
  declare -A failed=()
  lifecycle_start resolve-listener "$dir"
  shopt -s nullglob
  lifecycle_log "watching $dir (channel $RESOURCE_CHANNEL, Redis ${RESOURCE_REDIS:-127.0.0.1:6379})"
  while true; do
    lifecycle_check_folders
    resource_flush || true
    resolve_pass
    lifecycle_wait "$interval"
  done
}

main "$@"
