# shellcheck shell=bash
# setup, first part (runtime/README.md, "setup"): the cache hit of a persistent resource set up
# without arguments and without input, the usual case, before bash has read the rest of setup.
# lib.nix puts this text after lib/core.sh and the values it reads, and before the other values,
# lib/common.sh and setup.sh: bash parses no line of those before such a hit is served. Builtins
# only: no process (but one stat when the folders were not checked in the last 10 seconds, see
# below), no lock, no temporary file. It does what steps 1 to 4 do for such a hit; when anything
# differs from the plain case (a setting missing or invalid, no plain hash, a miss, a resources
# directory or GC-root folder that is not the user's or that group or others may write to, a
# recorded originator that cannot be written, no recorded event tail, events waiting in the
# spool, a bus its few lines of client leave to lib/common.sh's, a Redis that does not take the
# event) it changes nothing the full program would not do again and falls through to setup.sh,
# which takes every step anew, reports errors and spools what Redis did not take.

# setup_originator OUTVAR START_OUTVAR: setup's parent, or the nearest ancestor of which it is a
# forked copy: same executable as its own parent (a command-substitution subshell, a pipeline
# stage) and the same memory layout of its arguments and environment (a fork copies it, with its
# arguments and environment; a program started anew, say a shell run from a shell with the same
# command line, gets its own, placed at random); and its start time (0 when it cannot be read).
# Builtins only, no regular expression (bash compiles one each time it matches): each
# /proc/PID/stat is read and split once (resource_stat).
setup_originator() {
  local _pid=$PPID _read=$PPID _parent _layout='' _start=0 _fields _at
  local IFS=$' \t\n'
  # _read is _pid, then its parent: the parent's PID is field 4, the start time 22, the layout
  # fields 45 to 51 (start_data end_data start_brk arg_start arg_end env_start env_end).
  while resource_stat "$_read"; do
    _parent=${_fields[_at + 2]-}
    [[ -n $_parent && $_parent != *[!0-9]* && -n ${_fields[_at + 20]-} &&
      ${_fields[_at + 20]} != *[!0-9]* && -n ${_fields[_at + 49]-} ]] || break
    if ((_read != _pid)); then
      # _read is _pid's parent: the same layout makes _pid its forked copy.
      [[ $_layout == "${_fields[*]:_at+43:7}" ]] || break
      _pid=$_read
    else
      _layout="${_fields[*]:_at+43:7}"
    fi
    _start=${_fields[_at + 20]}
    if ((_pid <= 1 || _parent <= 0)) || ! [[ /proc/$_pid/exe -ef /proc/$_parent/exe ]]; then
      break
    fi
    _read=$_parent
  done
  printf -v "$1" '%s' "$_pid"
  printf -v "$2" '%s' "$_start"
}

# The hit: top-level code, not a function (bash copies the parsed text of a function when it
# defines it), run as a loop that runs once: `break` is "not the plain
# hit", after which nothing has changed that the full program would not do again, and setup.sh
# takes every step anew. Its variables are named setup_hit_*: setup.sh declares its own.
# Nothing it runs may print (it falls through instead): one redirection for the whole loop
# silences them all.
while (($# == 0)); do
  # The plain case, and the settings the hit uses as setup.sh checks them (it says what is wrong
  # with them; the others are for a miss).
  setup_hit_hash=${RESOURCE_PLAIN_HASH-}
  [[ ${#setup_hit_hash} -eq 128 && $setup_hit_hash != *[!0-9a-f]* && -z ${RESOURCE_TRANSIENT-} ]] || break
  [[ -t 0 || ! -e /dev/stdin || /dev/stdin -ef /dev/null || /dev/stdin -ef /dev/stdout ]] || break
  [[ -v RESOURCES_DIRECTORY && -v RESOURCE_GC_ROOT && -v RESOURCE_CHANNEL && -v RESOURCE_TRANSIENT &&
    ${RESOURCE_ORIGINATOR_PID_VARIABLE-} == [A-Za-z_]* &&
    $RESOURCE_ORIGINATOR_PID_VARIABLE != *[!A-Za-z0-9_]* ]] || break
  # The resources directory and the GC-root folder (resource_directory and resource_gc_root, which
  # die rather than fall through): the user's (a builtin test), and closed to group and others
  # (see below), or nothing in them is used.
  setup_hit_dir=${RESOURCES_DIRECTORY_OVERRIDE:-$RESOURCES_DIRECTORY}
  setup_hit_gc=${RESOURCE_GC_ROOT_OVERRIDE:-$RESOURCE_GC_ROOT}
  if [[ $setup_hit_dir == \~/* || $setup_hit_gc == \~/* ]]; then
    [[ -n ${HOME-} ]] || break
    [[ $setup_hit_dir != \~/* ]] || setup_hit_dir=${HOME%/}/${setup_hit_dir:2}
    [[ $setup_hit_gc != \~/* ]] || setup_hit_gc=${HOME%/}/${setup_hit_gc:2}
  fi
  [[ $setup_hit_dir == /* && $setup_hit_gc == /* && -O $setup_hit_dir ]] || break
  setup_hit_folders=("$setup_hit_dir")
  if [[ -e $setup_hit_gc || -L $setup_hit_gc ]]; then
    [[ -O $setup_hit_gc ]] || break
    setup_hit_folders+=("$setup_hit_gc")
  fi
  # 4. The cached resource (setup_cached): the index canonical/HASH leads to, with cd -P (and
  #    back at once).
  cd -P -- "$setup_hit_dir/canonical/$setup_hit_hash" || break
  setup_hit_mount=$PWD
  cd -- "$OLDPWD" || true
  setup_hit_index=${setup_hit_mount##*/}
  setup_hit_log=$setup_hit_dir/log/$setup_hit_index
  [[ -n $setup_hit_index && $setup_hit_index != *[!0-9]* && -f $setup_hit_log/event-tail.json ]] || break
  # 2. The originator and its start time.
  setup_hit_originator=${!RESOURCE_ORIGINATOR_PID_VARIABLE-}
  setup_hit_start=0
  if [[ -z $setup_hit_originator ]]; then
    setup_originator setup_hit_originator setup_hit_start
  else
    [[ $setup_hit_originator != *[!0-9]* && ${#setup_hit_originator} -le 18 ]] || break
    setup_hit_originator=$((10#$setup_hit_originator))
    resource_process "$setup_hit_originator" _ setup_hit_start || setup_hit_start=0
  fi
  # The folders' modes: one stat, unless folders-checked (the user's) says that these very
  # folders were checked less than 10 seconds ago, by a hit or a setup.sh (which checks on every
  # miss). Only the user (or root) can change the mode of the user's folders: a chmod that opens
  # one to group or others is refused by hits within 10 s, by misses and listeners at once; hits
  # in a row start no process.
  if ! resource_folders_checked "$setup_hit_dir" "${setup_hit_folders[@]}"; then
    setup_hit_modes=$(exec stat -L -c %a -- "${setup_hit_folders[@]}") || break
    [[ -n $setup_hit_modes && $setup_hit_modes != *[!0-7$'\n']* ]] || break
    # shellcheck disable=SC2086 # split at the line feeds: digits only
    for setup_hit_mode in $setup_hit_modes; do
      (((8#$setup_hit_mode & 8#022) == 0)) || break 2
    done
    resource_private
    resource_note_folders_checked "$setup_hit_dir" "${setup_hit_folders[@]}"
  fi
  # What the hit uses is the user's, and so is this originator's record (made on its first hit:
  # the release listener reads the records).
  [[ -O $setup_hit_mount && -O $setup_hit_log ]] || break
  setup_hit_record=$setup_hit_log/originators/$setup_hit_originator-$setup_hit_start
  if ! [[ -O $setup_hit_record ]]; then
    [[ ! -e $setup_hit_record && ! -L $setup_hit_record ]] || break
    resource_private
    { : >"$setup_hit_record"; } || break
  fi
  # The release listener removes canonical/HASH before it reads the originators for the last time.
  setup_hit_tail=''
  IFS= read -r -d '' setup_hit_tail <"$setup_hit_log/event-tail.json" || true
  [[ -d $setup_hit_dir/canonical/$setup_hit_hash && $setup_hit_tail == '"hash":'* ]] || break
  # Straight to Redis over TCP, as resource_publish does when the spool is empty, with a few lines
  # of its own (lib/common.sh's client, which bash has not parsed yet, serves every other case:
  # runtime/README.md, "Performance"): the same bytes (SetupFastHitTest), for a bus at HOST:PORT
  # with the default time limit and stream length and no ACL user; resource_redis_credentials
  # decides the password. Anything else falls through: a Unix socket, an IPv6 address,
  # RESOURCE_REDIS_USER, RESOURCE_REDIS_TIMEOUT, RESOURCE_STREAM_LENGTH, events in the spool.
  # resource_redis_down spares setup.sh a second wait for a Redis that took the connection but
  # did not answer (it spools the event at once).
  setup_hit_where=${RESOURCE_REDIS:-127.0.0.1:6379}
  setup_hit_port=${setup_hit_where##*:}
  [[ ! -s $setup_hit_dir/spool/events && $setup_hit_where == [!/[]*:* && -n $setup_hit_port &&
    $setup_hit_port != *[!0-9]* &&
    -z ${RESOURCE_REDIS_USER-}${RESOURCE_REDIS_TIMEOUT-}${RESOURCE_STREAM_LENGTH-} ]] || break
  setup_hit_password=''
  resource_redis_credentials setup_hit_password _ "$setup_hit_dir" || break
  setup_hit_request=''
  if [[ -n $setup_hit_password ]]; then
    printf -v setup_hit_request "*2\r\n\$4\r\nAUTH\r\n\$%d\r\n%s\r\n" \
      "${#setup_hit_password}" "$setup_hit_password"
  fi
  setup_hit_event='{"type":"stale","provenance":"cached","originator-pid":'"$setup_hit_originator,$setup_hit_tail"
  # shellcheck disable=SC2154 # lib/core.sh assigns the script
  printf -v setup_hit_request "%s*6\r\n\$4\r\nEVAL\r\n\$%d\r\n%s\r\n\$1\r\n1\r\n\$%d\r\n%s\r\n\$5\r\n10000\r\n\$%d\r\n%s\r\n" \
    "$setup_hit_request" "${#resource_redis_script}" "$resource_redis_script" \
    "${#RESOURCE_CHANNEL}" "$RESOURCE_CHANNEL" "${#setup_hit_event}" "$setup_hit_event"
  { exec {setup_hit_fd}<>"/dev/tcp/${setup_hit_where%:*}/$setup_hit_port"; } || break
  # A connection Redis has closed must not end the program with SIGPIPE (the trap goes before
  # anything else runs). A reply: AUTH's +OK, if sent, then the script's integer, each within
  # 0.5 s.
  trap '' PIPE
  setup_hit_reply=''
  {
    printf '%s' "$setup_hit_request" >&"$setup_hit_fd" &&
      { [[ -z $setup_hit_password ]] ||
        { IFS= read -r -t 0.5 -u "$setup_hit_fd" setup_hit_reply && [[ $setup_hit_reply == $'+OK\r' ]]; }; } &&
      IFS= read -r -t 0.5 -u "$setup_hit_fd" setup_hit_reply
  } || setup_hit_reply=''
  trap - PIPE
  exec {setup_hit_fd}>&-
  if [[ $setup_hit_reply == :?*$'\r' && $setup_hit_reply != :*[!0-9]*$'\r' ]]; then
    printf '%s/mounts/%s\n' "$setup_hit_dir" "$setup_hit_index"
    exit 0
  fi
  # shellcheck disable=SC2034 # resource_publish (lib/common.sh) reads it
  resource_redis_down=1
  break
done 2>/dev/null
