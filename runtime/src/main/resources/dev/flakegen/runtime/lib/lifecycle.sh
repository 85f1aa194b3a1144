# shellcheck shell=bash
# lib/lifecycle.sh: functions shared by the lifecycle programs (release-listener, resolve-listener,
# resolve; runtime/README.md, "Lifecycle"). lib.nix puts it after lib/common.sh. The state of a
# resource in the flow is on disk (lifecycle/INDEX), so that every program here can stop at any
# point and the next one, or the same one restarted, carries on from there.

# lifecycle_log MESSAGE…: one line on standard output, behind the program's name.
lifecycle_log() {
  printf '%s: %s\n' "${0##*/}" "$*"
}

# lifecycle_state DIR INDEX OUTVAR: the state word in DIR/lifecycle/INDEX ("" when there is none
# yet, or when setup is still writing it).
lifecycle_state() {
  local _state=''
  if [[ -f $1/lifecycle/$2 ]]; then
    IFS= read -r _state 2>/dev/null <"$1/lifecycle/$2" || true
  fi
  printf -v "$3" '%s' "$_state"
}

# lifecycle_set_state DIR INDEX STATE: replaces DIR/lifecycle/INDEX atomically (a name starting
# with "." is never taken for a resource).
lifecycle_set_state() {
  printf '%s\n' "$3" >"$1/lifecycle/.$2.new" && mv -T -- "$1/lifecycle/.$2.new" "$1/lifecycle/$2"
}

# lifecycle_lock DIR NAME OUTVAR [-n]: opens DIR/locks/NAME and takes an exclusive flock on it
# (with -n: returns 1 at once when another process holds it). OUTVAR becomes the descriptor.
lifecycle_lock() {
  local _fd
  local -a _options=()
  [[ ${4-} != -n ]] || _options=(-n)
  { exec {_fd}>>"$1/locks/$2"; } 2>/dev/null || return 1
  if ! flock "${_options[@]}" "$_fd"; then
    exec {_fd}>&-
    return 1
  fi
  printf -v "$3" '%s' "$_fd"
}

# lifecycle_unlock FD
lifecycle_unlock() {
  local fd=$1
  exec {fd}>&-
}

# lifecycle_hash DIR INDEX OUTVAR: the resource's hash, the first key of log/INDEX/event-tail.json.
lifecycle_hash() {
  local _tail=''
  IFS= read -r -N 138 _tail 2>/dev/null <"$1/log/$2/event-tail.json" || true
  [[ $_tail =~ ^\"hash\":\"([0-9a-f]{128})\" ]] || return 1
  printf -v "$3" '%s' "${BASH_REMATCH[1]}"
}

# lifecycle_alive RECORD: succeeds when the originator named by RECORD (PID-START, see setup) is
# still running: a process with that PID that is not a zombie and, when START is known (not 0),
# started at START.
lifecycle_alive() {
  local pid=${1%%-*} start=${1#*-} state='' started=''
  [[ -n $pid && $pid != *[!0-9]* ]] || return 1
  resource_process "$pid" state started || return 1
  [[ $state != [ZX] ]] || return 1
  [[ $start == 0 || $start == "$started" ]]
}

# lifecycle_in_use DIR INDEX: succeeds while one of the resource's originators is running.
lifecycle_in_use() {
  local record
  for record in "$1/log/$2/originators"/*; do
    [[ -e $record ]] || continue
    if lifecycle_alive "${record##*/}"; then
      return 0
    fi
  done
  return 1
}

# lifecycle_event OUTVAR DIR INDEX TYPE [EXTRA [JQ-ARGUMENT…]]: a lifecycle event of the
# resource, one line of JSON: TYPE, then the keys of its recorded event tail (hash, index, …, path,
# release), then the object EXTRA (a jq expression over the JQ-ARGUMENTs).
lifecycle_event() {
  local _event
  # shellcheck disable=SC2016 # a jq program: the $ are jq's
  _event=$(jq -c -n --rawfile tail "$2/log/$3/event-tail.json" --arg type "$4" "${@:6}" \
    '{type: $type} + ("{" + $tail | fromjson) + ('"${5:-{\}}"')') || return 1
  printf -v "$1" '%s' "$_event"
}

# lifecycle_run PROGRAM DIR INDEX HASH: runs a lifecycle program of the resource (its release, a
# resolution's command) in the resource directory (or DIR when it is gone), with the caller's
# locale and RESOURCE_INDEX, RESOURCE_HASH, RESOURCE_PATH and RESOURCES_DIRECTORY set. Returns
# its exit status.
lifecycle_run() {
  local program=$1 dir=$2 index=$3 hash=$4
  (
    cd -- "$dir/mounts/$index" 2>/dev/null || cd -- "$dir" || exit 70
    resource_caller_locale
    export RESOURCE_INDEX="$index" RESOURCE_HASH="$hash" RESOURCE_PATH="$dir/mounts/$index" \
      RESOURCES_DIRECTORY="$dir"
    exec "$program"
  )
}

# lifecycle_folder DIR INDEX OUTVAR: the resource's lifecycle programs, the folder setup recorded
# in log/INDEX/lifecycle-programs ("" when there is none).
lifecycle_folder() {
  local _folder=''
  if [[ -f $1/log/$2/lifecycle-programs ]]; then
    IFS= read -r _folder 2>/dev/null <"$1/log/$2/lifecycle-programs" || true
  fi
  printf -v "$3" '%s' "$_folder"
}

# lifecycle_program DIR INDEX RELATIVE OUTVAR: the path RELATIVE inside the resource's lifecycle
# programs, when it is an executable file.
lifecycle_program() {
  local _programs=''
  lifecycle_folder "$1" "$2" _programs
  [[ -n $_programs && -f $_programs/$3 && -x $_programs/$3 ]] || return 1
  printf -v "$4" '%s' "$_programs/$3"
}

# lifecycle_remove DIR GC INDEX: deletes the resource's GC-root entries (GC/INDEX) and its
# directory (made writable first: init may leave read-only files). Returns 1 if either remains.
lifecycle_remove() {
  local dir=$1 gc=$2 index=$3
  if [[ -e $gc/$index || -L $gc/$index ]]; then
    rm -rf -- "${gc:?}/$index" 2>/dev/null || true
  fi
  # Never through a link: a resource directory swapped for a symlink goes as a link (chmod
  # would follow it out of the resources directory); chmod -R follows no link below it.
  if [[ -L $dir/mounts/$index ]]; then
    rm -f -- "$dir/mounts/$index" 2>/dev/null || true
  elif [[ -e $dir/mounts/$index ]]; then
    chmod -R u+rwX -- "$dir/mounts/$index" 2>/dev/null || true
    rm -rf -- "${dir:?}/mounts/$index" 2>/dev/null || true
  fi
  [[ ! -e $gc/$index && ! -e $dir/mounts/$index ]]
}

# lifecycle_link DIR INDEX HASH: makes canonical/HASH lead to mounts/INDEX (atomic replace).
lifecycle_link() {
  ln -sfnT -- "../mounts/$2" "$1/canonical/.$3.$$" && mv -T -- "$1/canonical/.$3.$$" "$1/canonical/$3"
}

# Listening. The channel only wakes a listener up: what it does follows from the state on disk, so
# an event missed while the listener or Redis was down changes nothing but the delay.
lifecycle_subscription_fd=''
lifecycle_subscription_pid=''

# lifecycle_subscribe: subscribes to RESOURCE_CHANNEL through redis-cli, in the background, with
# the bus's password (resource_redis_credentials; through the environment, never on a command
# line). Returns 1, subscribing to nothing, when the password must not be sent now.
lifecycle_subscribe() {
  local where=${RESOURCE_REDIS:-127.0.0.1:6379} host port password='' user=''
  local -a address=()
  resource_redis_credentials password user || return 1
  if [[ -n $user ]]; then
    address+=(--user "$user")
  fi
  if [[ $where == /* ]]; then
    address+=(-s "$where")
  else
    host=${where%:*}
    port=${where##*:}
    if [[ $host == '['*']' ]]; then
      host=${host:1:${#host}-2}
    fi
    address+=(-h "$host" -p "$port")
  fi
  exec {lifecycle_subscription_fd}< <(REDISCLI_AUTH=$password exec redis-cli --no-auth-warning \
    "${address[@]}" SUBSCRIBE "$RESOURCE_CHANNEL" 2>/dev/null)
  lifecycle_subscription_pid=$!
}

# lifecycle_unsubscribe: ends the subscription, if any.
lifecycle_unsubscribe() {
  if [[ -n $lifecycle_subscription_pid ]]; then
    kill "$lifecycle_subscription_pid" 2>/dev/null || true
    wait "$lifecycle_subscription_pid" 2>/dev/null || true
  fi
  if [[ -n $lifecycle_subscription_fd ]]; then
    exec {lifecycle_subscription_fd}<&-
  fi
  lifecycle_subscription_fd=''
  lifecycle_subscription_pid=''
}

# lifecycle_wait SECONDS: returns when a message arrives on the channel or after SECONDS. When the
# subscription has ended (Redis went away), it waits SECONDS and subscribes again next time.
lifecycle_wait() {
  local status i
  if [[ -z $lifecycle_subscription_fd ]] && ! lifecycle_subscribe; then
    sleep "$1"
    return 0
  fi
  if read -r -t "$1" -u "$lifecycle_subscription_fd" _; then
    # Take what else has arrived, so that a burst of events costs one pass.
    for ((i = 0; i < 10000; i++)); do
      read -r -t 0.02 -u "$lifecycle_subscription_fd" _ || break
    done
    return 0
  else
    status=$?
  fi
  ((status > 128)) && return 0
  lifecycle_unsubscribe
  sleep "$1"
}

# lifecycle_start NAME DIR: the common start of a listener: one instance per resources directory,
# the subscription ended on exit, and TERM/INT ending the listener with status 0. The instance is
# a record, DIR/locks/NAME ("PID-START", as an originator record), not a lock held for the
# listener's life: a lock would be inherited by every child (the redis-cli subscription, a
# release command), and a listener killed with SIGKILL could not start again while one of them
# lives. A listener whose recorded process is gone (or is another process with its PID) is
# replaced at once. The record is read and written under DIR/locks/NAME.lock, held for that only.
lifecycle_instance=''
lifecycle_start() {
  local name=$1 dir=$2 lock record='' state='' start=0 pid
  resource_make_state "$dir" || resource_die "$name" "cannot create the state folders under $dir"
  mkdir -p -- "$dir/quarantine" || resource_die "$name" "cannot create $dir/quarantine"
  resource_process "$$" state start || start=0
  lifecycle_lock "$dir" "$name.lock" lock || resource_die "$name" "cannot lock $dir/locks/$name.lock"
  if [[ -f $dir/locks/$name ]]; then
    IFS= read -r record <"$dir/locks/$name" || record=''
  fi
  pid=${record%%-*}
  if [[ $record == [0-9]*-[0-9]* && $pid != "$$" ]] && lifecycle_alive "$record"; then
    lifecycle_unlock "$lock"
    resource_die "$name" "another $name is running on $dir (process $pid, recorded in $dir/locks/$name)"
  fi
  if ! { printf '%s\n' "$$-$start" >"$dir/locks/.$name.new" && mv -T -- "$dir/locks/.$name.new" "$dir/locks/$name"; }; then
    lifecycle_unlock "$lock"
    resource_die "$name" "cannot record this listener in $dir/locks/$name"
  fi
  lifecycle_unlock "$lock"
  lifecycle_instance=$name:$$-$start
  trap 'lifecycle_stop' EXIT
  trap 'exit 0' TERM INT
}

# lifecycle_check_folders: the listener's resources directory and GC-root folder (when there is one
# yet) are still the user's own and closed to others (resource_check_folder): at start and before
# every pass, so a folder whose mode changed is refused before anything in it is read again.
lifecycle_check_folders() {
  resource_check_folder RESOURCES_DIRECTORY "$dir"
  if [[ -e $gc || -L $gc ]]; then
    resource_check_folder RESOURCE_GC_ROOT "$gc"
  fi
}

# lifecycle_stop: ends the subscription and removes the instance record, if it is still this
# listener's (on exit).
lifecycle_stop() {
  local name=${lifecycle_instance%%:*} mine=${lifecycle_instance#*:} lock record=''
  lifecycle_unsubscribe
  [[ -n $lifecycle_instance ]] || return 0
  lifecycle_lock "$dir" "$name.lock" lock || return 0
  IFS= read -r record 2>/dev/null <"$dir/locks/$name" || record=''
  if [[ $record == "$mine" ]]; then
    rm -f -- "$dir/locks/$name"
  fi
  lifecycle_unlock "$lock"
}

# lifecycle_configure NAME ARGC DIR_OUTVAR GC_OUTVAR INTERVAL_OUTVAR: a listener's settings,
# checked (it dies on a wrong one, or when it was given arguments): the resources directory, the
# GC-root folder and the seconds between two looks.
lifecycle_configure() {
  local _configured_dir='' _configured_gc='' _configured_interval=''
  resource_require "$1" RESOURCES_DIRECTORY RESOURCE_CHANNEL RESOURCE_GC_ROOT
  (($2 == 0)) || resource_die "$1" "usage: $1 (no arguments; see RESOURCE_LISTENER_INTERVAL)"
  resource_directory _configured_dir
  resource_gc_root _configured_gc
  lifecycle_interval _configured_interval
  printf -v "$3" '%s' "$_configured_dir"
  printf -v "$4" '%s' "$_configured_gc"
  printf -v "$5" '%s' "$_configured_interval"
}

# lifecycle_interval OUTVAR: the polling interval in seconds (RESOURCE_LISTENER_INTERVAL, default
# 1; a process that ends sends no event, so the listeners look again this often).
lifecycle_interval() {
  local _interval=${RESOURCE_LISTENER_INTERVAL:-1}
  [[ $_interval =~ ^[0-9]+(\.[0-9]+)?$ && ! $_interval =~ ^0+(\.0*)?$ ]] ||
    resource_die "${0##*/}" "RESOURCE_LISTENER_INTERVAL is not a positive number of seconds: $_interval"
  printf -v "$1" '%s' "$_interval"
}
