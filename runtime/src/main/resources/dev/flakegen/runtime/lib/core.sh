# shellcheck shell=bash
# lib/core.sh: what every runtime program reads first (runtime/README.md, "Programs"): the locale
# and umask, the folder-check record, /proc look-ups and the bus's credentials. lib.nix puts this
# text first, then (setup only) setup-hit.sh, then lib/common.sh and the program: the usual cache
# hit needs nothing else, and bash parses no line of the rest before it is served (bash parses
# every line it reads, so what the hit does not need, even a branch, is in lib/common.sh; the
# Redis client too: the hit has a few lines of its own). Functions return
# results through a variable whose name the caller passes (printf -v); such functions name their
# locals with a leading underscore, which callers' variables never have.

# Lengths are bytes and comparisons are bytewise. The caller's LC_ALL is kept for the programs the
# user supplies (init): see resource_caller_locale.
# shellcheck disable=SC2034 # resource_caller_locale (lib/common.sh) reads both
resource_caller_lc_all=${LC_ALL-} resource_caller_lc_all_set=${LC_ALL+1}
LC_ALL=C

# Private by default: everything the runtime makes (state folders, logs, events, the spool,
# quarantines) is the owner's alone, folders 0700 and files 0600, whatever the caller's umask.
# resource_private, which lib/common.sh runs first thing (and setup-hit.sh before it writes
# anything), keeps the caller's umask (the "Umask:" line of /proc/PID/status, read with builtins)
# for the programs the user supplies (see resource_caller_locale), then sets umask 077.
resource_caller_umask=''
resource_private() {
  local _key _value
  [[ -z $resource_caller_umask ]] || return 0
  resource_caller_umask=unknown
  while IFS=$' \t' read -r _key _value; do
    if [[ $_key == Umask: ]]; then
      resource_caller_umask=$_value
      break
    fi
  done 2>/dev/null <"/proc/$$/status" || true
  umask 077
}

# resource_note_folders_checked DIR FOLDER…: records in DIR/folders-checked (a time, then the
# folders, one a line) that the modes of FOLDER… were found closed to group and others now.
# Nothing when it cannot be written.
resource_note_folders_checked() {
  local _dir=$1
  shift
  { printf '%s\n' "$EPOCHSECONDS" "$@" >"$_dir/folders-checked"; } 2>/dev/null || true
}

# resource_folders_checked DIR FOLDER…: succeeds when DIR/folders-checked, the user's (another
# user cannot write one), records a check of exactly FOLDER… (in that order) less than 10 seconds
# ago: setup-hit.sh then spares the stat.
resource_folders_checked() {
  local _record='' _list _time
  [[ -O $1/folders-checked ]] || return 1
  IFS= read -r -d '' _record 2>/dev/null <"$1/folders-checked" || true
  shift
  printf -v _list '%s\n' "$@"
  _time=${_record%%$'\n'*}
  [[ $_record == "$_time"$'\n'"$_list" && -n $_time && $_time != *[!0-9]* ]] || return 1
  ((_time <= EPOCHSECONDS && EPOCHSECONDS - _time < 10))
}

# resource_stat PID: the fields of /proc/PID/stat, "PID (COMM) STATE PPID …", in the caller's
# array _fields, and in the caller's _at the index of COMM's last field: 1 unless COMM holds
# spaces, so that field N of proc(5) is at _at+N-2 (the state at _at+1, the parent's PID at
# _at+2, the start time at _at+20). Linux writes 52 fields, one space apart, since 3.5; more (a
# later kernel), or a COMM with spaces, moves COMM's end: it is the last field that ends with ")"
# (no field after COMM has one). mapfile splits at the spaces for half of what read -a costs.
# Returns 1 when there is no such process (to this PID namespace). Builtins only.
resource_stat() {
  _fields=()
  mapfile -d ' ' -t _fields 2>/dev/null <"/proc/$1/stat" || true
  _at=1
  if [[ ${#_fields[@]} -ne 52 || ${_fields[1]} != *')' ]]; then
    for ((_at = ${#_fields[@]} - 1; _at > 0; _at--)); do
      [[ ${_fields[_at]} != *')' ]] || break
    done
  fi
  ((_at > 0))
}

# resource_process PID STATE_OUTVAR START_OUTVAR: STATE becomes the process state (R, S, Z, …)
# and START its start time (clock ticks since boot, field 22), which tells a process from a later
# one given the same PID. Returns 1 when there is no such process (to this PID namespace).
resource_process() {
  local _fields _at
  resource_stat "$1" && [[ -n ${_fields[_at + 20]-} && ${_fields[_at + 20]} != *[!0-9]* ]] || return 1
  printf -v "$2" '%s' "${_fields[_at + 1]}"
  printf -v "$3" '%s' "${_fields[_at + 20]}"
}

# Set when Redis took a connection but did not answer (setup-hit.sh): resource_publish then spools
# the event at once rather than wait for it again.
# shellcheck disable=SC2034 # resource_publish (lib/common.sh) reads it
resource_redis_down=''

# resource_redis_credentials PASSWORD_OUTVAR USER_OUTVAR [DIR]: the password the bus wants, if any, and
# the ACL user to give with it (RESOURCE_REDIS_USER, or empty). RESOURCE_REDIS_PASSWORD_FILE
# (a Redis the user runs: the first line of that file, sent as is) or else the password the
# resource-redis of this resources directory made (redis/password), which is sent only while the
# server recorded in redis/server (PID-START ADDRESS) lives and listens at RESOURCE_REDIS: a live
# server holds its address, so no stand-in another user started can be listening there to learn
# it. Without either file there is no password (a Redis without one). Returns 1 when the password
# must not be sent now (the recorded server is gone, or listens elsewhere): the caller does not
# connect (the event waits in the spool). DIR, when given, is the resources directory (as
# resource_directory gives it). Builtins only.
resource_redis_credentials() {
  local _file=${RESOURCE_REDIS_PASSWORD_FILE-} _dir=${3-} _record='' _pid _start _state='' _started=''
  local _password=''
  printf -v "$1" '%s' ''
  printf -v "$2" '%s' "${RESOURCE_REDIS_USER-}"
  if [[ -z $_file ]]; then
    [[ -n $_dir ]] || resource_directory _dir
    _file=$_dir/redis/password
    [[ -e $_file ]] || return 0
    IFS= read -r _record 2>/dev/null <"$_dir/redis/server" || return 1
    [[ ${_record#* } == "${RESOURCE_REDIS:-127.0.0.1:6379}" ]] || return 1
    _record=${_record%% *}
    _pid=${_record%%-*}
    _start=${_record#*-}
    [[ -n $_pid && $_pid != *[!0-9]* ]] || return 1
    resource_process "$_pid" _state _started || return 1
    [[ $_state != [ZX] && ($_start == 0 || $_start == "$_started") ]] || return 1
  fi
  IFS= read -r _password 2>/dev/null <"$_file" || true
  [[ -n $_password ]] || return 1
  printf -v "$1" '%s' "$_password"
}

# The publication as one Redis command: a script that appends MESSAGE to the stream named after
# the channel (XADD … MAXLEN ~ LENGTH * event MESSAGE) and publishes it, answering PUBLISH's
# integer. One command, one short reply: bash reads a socket one byte per system call, so a
# second reply (XADD's ID) would cost about a millisecond on a hit.
resource_redis_script="redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'event', ARGV[2]) return redis.call('PUBLISH', KEYS[1], ARGV[2])"
