# shellcheck shell=bash
# lib/common.sh: functions shared by the resource-flake runtime programs (runtime/README.md), after
# lib/core.sh (and, in setup, setup-hit.sh), whose functions and settings these build on. It
# defines functions, and makes the program private (resource_private) before anything else.
# Functions return results through a variable whose name the caller passes (printf -v), so that
# each program is shellcheck-clean on its own as well as concatenated with this file; such
# functions name their locals with a leading underscore, which callers' variables never have.

# The runtime's umask (lib/core.sh): for every program, before it makes anything.
resource_private

# resource_die CODE REASON…: ends the program through the failure program (exit 64).
resource_die() {
  if [[ -n ${RESOURCE_FAILURE-} && -x ${RESOURCE_FAILURE-} ]]; then
    exec "$RESOURCE_FAILURE" "$@"
  fi
  printf '%s\n' "$@" >&2
  exit 64
}

# resource_path OUTVAR NAME VALUE: VALUE with a leading ~/ replaced by $HOME/; dies (code: the
# program's name) unless the result is absolute. NAME names the setting in the message.
resource_path() {
  local _value=$3
  if [[ $_value == \~/* ]]; then
    [[ -n ${HOME-} ]] || resource_die "${0##*/}" "$2 starts with ~/ but HOME is not set"
    _value=${HOME%/}/${_value:2}
  fi
  [[ $_value == /* ]] || resource_die "${0##*/}" "$2 is not an absolute path: $_value"
  printf -v "$1" '%s' "$_value"
}

# resource_directory OUTVAR: the effective resources directory (RESOURCES_DIRECTORY_OVERRIDE when
# set and non-empty, else RESOURCES_DIRECTORY; ~/ expanded).
resource_directory() {
  if [[ -n ${RESOURCES_DIRECTORY_OVERRIDE-} ]]; then
    resource_path "$1" RESOURCES_DIRECTORY_OVERRIDE "$RESOURCES_DIRECTORY_OVERRIDE"
  else
    resource_path "$1" RESOURCES_DIRECTORY "${RESOURCES_DIRECTORY-}"
  fi
}

# resource_caller_locale: gives LC_ALL back the value (or absence) it had when the program started,
# and the umask too. For a subshell about to run a user's program.
# shellcheck disable=SC2154 # lib/core.sh assigns the caller's locale and umask
resource_caller_locale() {
  if [[ -n $resource_caller_lc_all_set ]]; then
    export LC_ALL=$resource_caller_lc_all
  else
    unset LC_ALL
  fi
  if [[ $resource_caller_umask =~ ^[0-7]{1,4}$ ]]; then
    umask "$resource_caller_umask"
  fi
}

# resource_require PROGRAM NAME…: dies unless every named variable is set (arrays may be empty).
resource_require() {
  local program=$1 name
  shift
  for name; do
    declare -p "$name" >/dev/null 2>&1 || resource_die "$program" "$name is not set"
  done
}

# resource_gc_root OUTVAR: the effective GC-root folder (RESOURCE_GC_ROOT_OVERRIDE when set and
# non-empty, else RESOURCE_GC_ROOT; ~/ expanded).
resource_gc_root() {
  if [[ -n ${RESOURCE_GC_ROOT_OVERRIDE-} ]]; then
    resource_path "$1" RESOURCE_GC_ROOT_OVERRIDE "$RESOURCE_GC_ROOT_OVERRIDE"
  else
    resource_path "$1" RESOURCE_GC_ROOT "${RESOURCE_GC_ROOT-}"
  fi
}

# Foreign folders (runtime/README.md, "Security"). Whoever can write in the resources directory
# or the GC-root folder can plant a resource, a lifecycle entry or a link for this user, so,
# as OpenSSH's StrictModes, the runtime reads nothing in a folder (nor below a symlink to one)
# that is not owned by the effective user or that group or others may write to.

# resource_refuse_folder NAME FOLDER WHY: dies (code: the program's name) naming the setting, the
# folder, its owner and its mode.
resource_refuse_folder() {
  local found
  found=$(stat -L -c 'owner %U (uid %u), mode %a' -- "$2" 2>/dev/null) || found='cannot stat it'
  resource_die "${0##*/}" "$1 $2 $3 ($found; this program runs as uid $EUID): refused"
}

# The folders whose mode this program has checked already (resource_check_folder and
# resource_check_folders): a later check of the same folder tests its owner again, with builtins,
# but does not run stat again (only the user, or root, can change the mode of the user's folder).
declare -A resource_checked_folders=()

# resource_check_folder NAME FOLDER [create]: dies unless FOLDER is a folder owned by the effective
# user that group and others cannot write to (one stat, unless checked already). With "create", a
# missing FOLDER is made first (mode 0700, as are missing parents).
resource_check_folder() {
  local _found _uid _mode
  if [[ ! -e $2 && ${3-} == create ]]; then
    mkdir -p -- "$2" 2>/dev/null || resource_die "${0##*/}" "cannot create $1 $2"
  fi
  [[ -O $2 ]] || resource_refuse_folder "$1" "$2" "is not owned by this user"
  [[ -d $2 ]] || resource_refuse_folder "$1" "$2" "is not a folder"
  [[ -z ${resource_checked_folders[$2]-} ]] || return 0
  _found=$(stat -L -c '%u %a' -- "$2" 2>/dev/null) || _found=''
  _uid=${_found%% *}
  _mode=${_found##* }
  [[ $_uid == "$EUID" && $_mode =~ ^[0-7]+$ ]] || resource_refuse_folder "$1" "$2" "cannot be checked"
  (((8#$_mode & 8#022) == 0)) || resource_refuse_folder "$1" "$2" "is writable by group or others"
  resource_checked_folders[$2]=1
}

# resource_check_folders NAME FOLDER [NAME FOLDER]…: resource_check_folder for each FOLDER that
# exists, with one stat for them all (a cache hit that the fast path in setup-hit.sh did not serve).
resource_check_folders() {
  local -a _names=() _folders=() _found=()
  local _i _uid _mode
  while (($# >= 2)); do
    if [[ -e $2 || -L $2 ]]; then
      [[ -O $2 ]] || resource_refuse_folder "$1" "$2" "is not owned by this user"
      [[ -d $2 ]] || resource_refuse_folder "$1" "$2" "is not a folder"
      _names+=("$1")
      _folders+=("$2")
    fi
    shift 2
  done
  ((${#_folders[@]})) || return 0
  mapfile -t _found < <(exec stat -L -c '%u %a' -- "${_folders[@]}" 2>/dev/null)
  for _i in "${!_folders[@]}"; do
    _uid=${_found[_i]-}
    _mode=${_uid##* }
    _uid=${_uid%% *}
    [[ $_uid == "$EUID" && $_mode =~ ^[0-7]+$ ]] || resource_refuse_folder "${_names[_i]}" "${_folders[_i]}" "cannot be checked"
    (((8#$_mode & 8#022) == 0)) || resource_refuse_folder "${_names[_i]}" "${_folders[_i]}" "is writable by group or others"
    resource_checked_folders[${_folders[_i]}]=1
  done
}

# resource_make_state DIR: checks DIR (resource_check_folder, made when missing) and creates the
# state folders under it (no further process when they exist).
resource_make_state() {
  resource_check_folder RESOURCES_DIRECTORY "$1" create
  local dir=$1 sub missing=()
  for sub in canonical mounts log locks spool tmp lifecycle; do
    [[ -d $dir/$sub ]] || missing+=("$dir/$sub")
  done
  ((${#missing[@]} == 0)) || mkdir -p -- "${missing[@]}"
}

# resource_next_sequential DIR OUTVAR: the next value of the global counter (runtime/README.md,
# "State"): one byte appended to DIR/counter, whose first line is the counter's first value; the
# value is that first value plus the number of bytes before the one appended, its offset, which
# /proc/self/fdinfo gives. Appends are atomic (O_APPEND), so concurrent callers get distinct,
# increasing values with neither a lock nor a process. A counter whose first line is not a
# number is an error, never a restart. Returns 1 on any failure.
resource_next_sequential() {
  local _dir=$1 _first='' _fd _key _position=''
  if [[ ! -e $_dir/counter ]]; then
    resource_make_counter "$_dir" || return 1
  fi
  IFS= read -r _first 2>/dev/null <"$_dir/counter" || return 1
  [[ -n $_first && $_first != *[!0-9]* ]] || return 1
  { exec {_fd}>>"$_dir/counter"; } 2>/dev/null || return 1
  if ! { printf . >&"$_fd"; } 2>/dev/null; then
    exec {_fd}>&-
    return 1
  fi
  IFS=$' \t' read -r _key _position _ 2>/dev/null <"/proc/self/fdinfo/$_fd" || true
  exec {_fd}>&-
  # The byte went to offset POSITION - 1; the first line, FIRST and its line feed, comes before.
  [[ $_key == pos: && -n $_position && $_position != *[!0-9]* ]] || return 1
  ((_position >= ${#_first} + 2)) || return 1
  printf -v "$2" '%s' "$((10#$_first + _position - ${#_first} - 2))"
}

# resource_make_counter DIR: makes DIR/counter (resource_next_sequential) when it is missing, once,
# under an exclusive flock on DIR/sequential.lock: it starts after the last value of DIR/sequential,
# the counter of earlier versions (which took that lock to count), or at RESOURCE_SEQUENTIAL_START.
resource_make_counter() {
  local _dir=$1 _lock _last='' _first
  { exec {_lock}>>"$_dir/sequential.lock"; } 2>/dev/null || return 1
  if ! flock "$_lock"; then
    exec {_lock}>&-
    return 1
  fi
  if [[ ! -e $_dir/counter ]]; then
    if [[ -e $_dir/sequential ]]; then
      IFS= read -r _last <"$_dir/sequential" || true
    fi
    if [[ -z $_last ]]; then
      _first=$((10#$RESOURCE_SEQUENTIAL_START))
    elif [[ $_last != *[!0-9]* ]]; then
      _first=$((10#$_last + 1))
    else
      exec {_lock}>&-
      return 1
    fi
    if ! { printf '%s\n' "$_first" >"$_dir/counter.new" && mv -T -- "$_dir/counter.new" "$_dir/counter"; } 2>/dev/null; then
      rm -f -- "$_dir/counter.new"
      exec {_lock}>&-
      return 1
    fi
  fi
  exec {_lock}>&-
}

# The bus's credentials (runtime/README.md, "Security") for the connection about to be opened
# (resource_redis_open sets them; resource_redis_publish sends them).
resource_redis_password=''
resource_redis_user=''

# resource_redis_open OUTVAR [DIR]: opens a connection to RESOURCE_REDIS (default 127.0.0.1:6379),
# once resource_redis_credentials (given DIR) allows it. OUTVAR becomes a file descriptor
# (HOST:PORT, bash's /dev/tcp) or "socket" (a Unix socket path, used through redis-cli -s).
# Returns 1 when Redis cannot be reached, or must not be.
resource_redis_open() {
  local _where=${RESOURCE_REDIS:-127.0.0.1:6379} _host _port _fd
  resource_redis_credentials resource_redis_password resource_redis_user "${2-}" || return 1
  if [[ $_where == /* ]]; then
    [[ -S $_where ]] || return 1
    printf -v "$1" socket
    return 0
  fi
  [[ $_where == *:* ]] || return 1
  _host=${_where%:*}
  _port=${_where##*:}
  [[ -n $_port && $_port != *[!0-9]* && -n $_host ]] || return 1
  if [[ $_host == '['*']' ]]; then
    _host=${_host:1:${#_host}-2}
  fi
  { exec {_fd}<>"/dev/tcp/$_host/$_port"; } 2>/dev/null || return 1
  printf -v "$1" '%s' "$_fd"
}

# resource_redis_close HANDLE
resource_redis_close() {
  local handle=$1
  if [[ $handle != socket ]]; then
    exec {handle}>&-
  fi
}

# resource_redis_publish HANDLE CHANNEL MESSAGE: adds MESSAGE to the stream CHANNEL and publishes it
# on the channel CHANNEL (resource_redis_script: the stream keeps the recent events, so a consumer
# that was down reads on from the last ID it saw; runtime/README.md, "Delivery"). Returns 0 only
# on an integer reply (Redis took both) in time. The time allowed for each reply, in seconds:
# RESOURCE_REDIS_TIMEOUT when it is a number, else 0.5 (a bus that accepts and never answers costs
# a setup at most this once: the event is spooled; never the kernel's TCP timeout). The stream
# keeps about RESOURCE_STREAM_LENGTH events (XADD MAXLEN ~) when that is a positive integer, else
# 10000. (Patterns, not regular expressions: bash compiles a regular expression at every use.)
# setup-hit.sh sends the same bytes itself for the usual bus (SetupFastHitTest compares them).
# shellcheck disable=SC2154 # lib/core.sh assigns the script
resource_redis_publish() {
  local handle=$1 channel=$2 message=$3 request='' reply='' authenticated=''
  local timeout=${RESOURCE_REDIS_TIMEOUT-} length=${RESOURCE_STREAM_LENGTH-} script=$resource_redis_script
  if [[ -z $timeout || $timeout == *[!0-9.]* || $timeout == *.*.* || $timeout == .* ||
    $timeout == *. || $timeout != *[1-9]* ]]; then
    timeout=0.5
  fi
  [[ -n $length && $length != *[!0-9]* && $length != 0* && ${#length} -le 9 ]] || length=10000
  if [[ $handle == socket ]]; then
    resource_redis_publish_socket "$channel" "$message" "$timeout" "$length"
    return
  fi
  # AUTH (when there is a password) and the script in one write; a reply to each.
  if [[ -n $resource_redis_password && -n $resource_redis_user ]]; then
    printf -v request "*3\r\n\$4\r\nAUTH\r\n\$%d\r\n%s\r\n\$%d\r\n%s\r\n" \
      "${#resource_redis_user}" "$resource_redis_user" "${#resource_redis_password}" "$resource_redis_password"
  elif [[ -n $resource_redis_password ]]; then
    printf -v request "*2\r\n\$4\r\nAUTH\r\n\$%d\r\n%s\r\n" \
      "${#resource_redis_password}" "$resource_redis_password"
  else
    authenticated=1
  fi
  printf -v request "%s*6\r\n\$4\r\nEVAL\r\n\$%d\r\n%s\r\n\$1\r\n1\r\n\$%d\r\n%s\r\n\$%d\r\n%s\r\n\$%d\r\n%s\r\n" \
    "$request" "${#script}" "$script" "${#channel}" "$channel" "${#length}" "$length" "${#message}" "$message"
  # A connection Redis has closed must not kill the program with SIGPIPE; children keep the
  # default disposition (the trap is removed before anything else runs).
  trap '' PIPE
  {
    printf '%s' "$request" 1>&"$handle" &&
      if [[ -z $authenticated ]]; then
        IFS= read -r -t "$timeout" -u "$handle" reply && [[ ${reply%$'\r'} == +OK ]] && authenticated=1
      fi &&
      IFS= read -r -t "$timeout" -u "$handle" reply
  } 2>/dev/null || reply=''
  trap - PIPE
  reply=${reply%$'\r'}
  [[ -n $authenticated && $reply == :?* && $reply != :*[!0-9]* ]]
}

# resource_redis_publish_socket CHANNEL MESSAGE TIMEOUT LENGTH: resource_redis_publish through a
# Unix socket (RESOURCE_REDIS), with redis-cli -s. The password goes through the environment (only
# the user can read /proc/PID/environ), never on the command line.
# shellcheck disable=SC2154 # lib/core.sh assigns the script
resource_redis_publish_socket() {
  local reply script=$resource_redis_script
  local -a user_option=()
  [[ -z $resource_redis_user ]] || user_option=(--user "$resource_redis_user")
  reply=$(printf '%s' "$2" | REDISCLI_AUTH=$resource_redis_password timeout "$3" \
    redis-cli --no-auth-warning -s "$RESOURCE_REDIS" "${user_option[@]}" -x EVAL "$script" 1 "$1" "$4" 2>/dev/null) || return 1
  [[ -n $reply && $reply != *[!0-9]* ]]
}

# The spool (runtime/README.md, "Publication"): DIR/spool/events, one event per line. Appends and
# the removal of delivered lines happen under DIR/spool/lock, which is held for file operations
# only, never while Redis is asked anything; one flush at a time (DIR/spool/flush.lock, taken
# without waiting: a setup never waits in line for another's flush). A last line without its line
# feed is an append in progress, or one that failed half-way (a full disk): it is never sent, and
# the next append (which holds the lock, so nothing is in progress) removes it first.

# resource_spool_read FILE OUTVAR: OUTVAR (an array) gets the complete lines of FILE, without
# their line feeds.
resource_spool_read() {
  local -n _lines=$2
  _lines=()
  [[ -s $1 ]] || return 0
  mapfile _lines <"$1" || return 1
  # (The last byte by position: a pattern *$'\n' would cost quadratic time on a long line.)
  if ((${#_lines[@]})) && [[ ${_lines[-1]: -1} != $'\n' ]]; then
    unset '_lines[-1]'
  fi
  _lines=("${_lines[@]%$'\n'}")
}

# resource_spool_keep DIR EVENT…: makes DIR/spool/events hold exactly EVENT… (atomic replace).
# Call with DIR/spool/lock held.
resource_spool_keep() {
  local dir=$1
  shift
  if (($#)); then
    printf '%s\n' "$@" >"$dir/spool/events.new" || return 1
  else
    : >"$dir/spool/events.new" || return 1
  fi
  mv -T -- "$dir/spool/events.new" "$dir/spool/events"
}

# resource_spool_append DIR JSON: appends JSON as one line, after removing a partial last line
# left by a failed append. Call with DIR/spool/lock held.
resource_spool_append() {
  local dir=$1 last=''
  local -a complete=()
  if [[ -s $dir/spool/events ]]; then
    # The last byte: a line feed (which $(…) removes), or the end of a failed append. (A process,
    # but this is the spool path: Redis is away.)
    last=$(tail -c 1 -- "$dir/spool/events") || return 1
    if [[ -n $last ]]; then
      resource_spool_read "$dir/spool/events" complete || return 1
      resource_spool_keep "$dir" ${complete[@]+"${complete[@]}"} || return 1
    fi
  fi
  printf '%s\n' "$2" >>"$dir/spool/events"
}

# resource_flush_sending DIR: sends the spooled events in order and stops at the first failure.
# Call with DIR/spool/flush.lock held (not DIR/spool/lock: appends go on meanwhile). Progress is
# recorded after each integer reply from Redis (and only then), so an interrupted flush resumes
# after the last event Redis took: events.sent is a hard link to the events file being flushed
# (its identity, kept alive by the link; appends keep it, only a flush replaces the file) and
# events.sent-count the number of its lines delivered. At the end, under DIR/spool/lock, the
# delivered lines leave the spool (atomic replace; lines appended meanwhile stay) and the record
# goes.
resource_flush_sending() {
  local dir=$1 spool=$1/spool handle i sent=0 count='' record=1 linked='' lock
  local -a events=() current=()
  [[ -s $spool/events ]] || return 0
  resource_spool_read "$spool/events" events || return 0
  if [[ -e $spool/events.sent ]]; then
    if [[ $spool/events -ef $spool/events.sent ]]; then
      linked=1
      IFS= read -r count 2>/dev/null <"$spool/events.sent-count" || true
      if [[ -n $count && $count != *[!0-9]* ]] && ((count <= ${#events[@]})); then
        sent=$count
      fi
    else
      rm -f -- "$spool/events.sent" "$spool/events.sent-count"
    fi
  fi
  # One connection per event: bash writes a request in several small segments (one per line) and
  # cannot turn off Nagle's algorithm; on a reused connection the peer's delayed acknowledgements
  # can then hold a request about 40 ms.
  for ((i = sent; i < ${#events[@]}; i++)); do
    if [[ -n ${events[i]} ]]; then
      resource_redis_open handle "$dir" || break
      if ! resource_redis_publish "$handle" "$RESOURCE_CHANNEL" "${events[i]}"; then
        resource_redis_close "$handle"
        break
      fi
      resource_redis_close "$handle"
    fi
    sent=$((i + 1))
    if [[ -n $record && -z $linked ]]; then
      ln -- "$spool/events" "$spool/events.sent" 2>/dev/null || record=''
      linked=1
    fi
    if [[ -n $record ]]; then
      { printf '%s\n' "$sent" >"$spool/events.sent-count.new" &&
        mv -T -- "$spool/events.sent-count.new" "$spool/events.sent-count"; } || break
    fi
  done
  ((sent > 0)) || return 0
  resource_lock_spool "$dir" lock || return 0
  if resource_spool_read "$spool/events" current && ((${#current[@]} >= sent)) &&
    resource_spool_keep "$dir" ${current[@]+"${current[@]:sent}"}; then
    rm -f -- "$spool/events.sent" "$spool/events.sent-count"
  fi
  exec {lock}>&-
  return 0
}

# resource_lock_spool DIR OUTVAR: opens DIR/spool/lock and takes an exclusive flock on it.
resource_lock_spool() {
  local _dir=$1 _lock
  [[ -d $_dir/spool ]] || mkdir -p -- "$_dir/spool" || return 1
  { exec {_lock}>>"$_dir/spool/lock"; } 2>/dev/null || return 1
  if ! flock "$_lock"; then
    exec {_lock}>&-
    return 1
  fi
  printf -v "$2" '%s' "$_lock"
}

# resource_flush: delivers the spooled events if Redis is reachable, unless another program is
# flushing them (it delivers them; this one does not wait). Returns 1 if the spool cannot be
# opened.
resource_flush() {
  local dir lock
  resource_directory dir
  [[ -s $dir/spool/events ]] || return 0
  { exec {lock}>>"$dir/spool/flush.lock"; } 2>/dev/null || return 1
  if flock -n "$lock"; then
    resource_flush_sending "$dir"
  fi
  exec {lock}>&-
}

# resource_publish JSON: publishes one event (one line of JSON) on RESOURCE_CHANNEL. When the
# spool is empty it goes straight to Redis; otherwise, or when that fails, it is appended to the
# spool, and (unless Redis just failed to take it, here or as resource_redis_down says: a flush
# would wait for it again) the spool is flushed, oldest first. Returns 0 when the event was
# delivered or spooled, 1 when it could be neither.
resource_publish() {
  local json=$1 dir handle lock tried=''
  resource_directory dir
  if [[ -n $resource_redis_down ]]; then
    tried=1
  elif [[ ! -s $dir/spool/events ]]; then
    if resource_redis_open handle "$dir"; then
      if resource_redis_publish "$handle" "$RESOURCE_CHANNEL" "$json"; then
        resource_redis_close "$handle"
        return 0
      fi
      resource_redis_close "$handle"
    fi
    tried=1
  fi
  resource_lock_spool "$dir" lock || return 1
  if ! resource_spool_append "$dir" "$json"; then
    exec {lock}>&-
    return 1
  fi
  exec {lock}>&-
  if [[ -z $tried ]]; then
    resource_flush || true
  fi
}
