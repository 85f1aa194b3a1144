# shellcheck shell=bash
# setup, first part (runtime/README.md, "setup"): the cache hit of a persistent resource set up
# without arguments and without input, the usual case, before bash has read the rest of setup.
# lib.nix puts this text between lib/core.sh and lib/common.sh: bash parses no line of the library
# or of setup.sh before such a hit is served. Builtins only: no process (but one stat before an
# originator's first hit, see below), no lock, no temporary file. It does what steps 1 to 4 do for
# such a hit; when anything differs from the plain case (a setting missing or invalid, no plain
# hash, a miss, a resources directory or GC-root folder that is not the user's or that group or
# others may write to, a recorded originator that cannot be written, no recorded event tail,
# events waiting in the spool, a Redis that does not take the event) it changes nothing the full
# program would not do again and falls through to setup.sh, which takes every step anew, reports
# errors and spools what Redis did not take.

# setup_originator OUTVAR START_OUTVAR: setup's parent, or the nearest ancestor of which it is a
# forked copy: same executable as its own parent (a command-substitution subshell, a pipeline
# stage) and the same memory layout of its arguments and environment (a fork copies it, with its
# arguments and environment; a program started anew, say a shell run from a shell with the same
# command line, gets its own, placed at random); and its start time (0 when it cannot be read).
# Builtins only, no regular expression (bash compiles one each time it matches) and no function
# call in the loop: each /proc/PID/stat is read and split once.
setup_originator() {
  local _pid_var=$1 _start_var=$2 _pid=$PPID _read=$PPID _parent=0 _layout='' _start=0 _stat _rest
  local IFS=$' \t\n'
  while :; do
    # /proc/PID/stat of _read (_pid, then its parent): after "PID (COMM) ", as in
    # resource_process, field N of the line is field N-2 here: the parent's PID (4), the start
    # time (22) and the layout (45 to 51: start_data end_data start_brk arg_start arg_end
    # env_start env_end).
    _stat=''
    IFS= read -r -d '' _stat 2>/dev/null <"/proc/$_read/stat" || true
    [[ $_stat == *')'* ]] || break
    _rest=${_stat#*) }
    [[ $_rest != *')'* ]] || _rest=${_stat##*) }
    # shellcheck disable=SC2086 # splitting is meant: numbers and a state letter, no glob characters
    set -- $_rest
    [[ $# -ge 49 && -n $2 && $2 != *[!0-9]* && -n ${20} && ${20} != *[!0-9]* ]] || break
    if ((_read != _pid)); then
      # _read is _pid's parent: the same layout makes _pid its forked copy.
      [[ $_layout == "${43} ${44} ${45} ${46} ${47} ${48} ${49}" ]] || break
      _pid=$_read
    fi
    _parent=$2
    _start=${20}
    _layout="${43} ${44} ${45} ${46} ${47} ${48} ${49}"
    if ((_pid <= 1 || _parent <= 0)) || ! [[ /proc/$_pid/exe -ef /proc/$_parent/exe ]]; then
      break
    fi
    _read=$_parent
  done
  printf -v "$_pid_var" '%s' "$_pid"
  printf -v "$_start_var" '%s' "$_start"
}

# setup_closed FOLDER…: succeeds when no FOLDER (each one the user's: the caller checked that
# with -O) lets group or others write to it. One stat: builtins cannot read a mode.
setup_closed() {
  local _modes _mode
  _modes=$(exec stat -L -c %a -- "$@" 2>/dev/null) || return 1
  [[ -n $_modes && $_modes != *[!0-7$'\n']* ]] || return 1
  # shellcheck disable=SC2086 # split at the line feeds: digits only
  set -- $_modes
  for _mode; do
    (((8#$_mode & 8#022) == 0)) || return 1
  done
}

# setup_plain_hit: the hit described above; exits 0 after it, returns (having changed nothing the
# full program would not do again) when it does not apply.
setup_plain_hit() {
  local hash=${RESOURCE_PLAIN_HASH-} dir=${RESOURCES_DIRECTORY_OVERRIDE-} variable originator
  local gc=${RESOURCE_GC_ROOT_OVERRIDE-} start=0 index record tail='' event handle
  local -a folders
  # The plain case and the settings setup.sh checks (it says what is wrong with them).
  (($# == 0)) && [[ ${#hash} -eq 128 && $hash != *[!0-9a-f]* && -z ${RESOURCE_TRANSIENT-} ]] || return 0
  [[ -t 0 || ! -e /dev/stdin || /dev/stdin -ef /dev/null || /dev/stdin -ef /dev/stdout ]] || return 0
  [[ -v RESOURCES_DIRECTORY && -v RESOURCE_CHANNEL && -v RESOURCE_ORIGINATOR_PID_VARIABLE &&
    -v RESOURCE_SEQUENTIAL_START && -v RESOURCE_GC_ROOT && -v RESOURCE_FAILURE &&
    -v RESOURCE_DESCRIPTION_HASH && -v RESOURCE_DESCRIPTION_FILE && -v RESOURCE_TRANSIENT &&
    -v RESOURCE_RELEASE && -v RESOURCE_INIT ]] || return 0
  # (-v is false for an empty array.)
  [[ -v RESOURCE_TARGETS ]] || declare -p RESOURCE_TARGETS >/dev/null 2>&1 || return 0
  variable=$RESOURCE_ORIGINATOR_PID_VARIABLE
  [[ $variable == [A-Za-z_]* && $variable != *[!A-Za-z0-9_]* ]] || return 0
  [[ -n $RESOURCE_SEQUENTIAL_START && $RESOURCE_SEQUENTIAL_START != *[!0-9]* ]] || return 0
  [[ -n $RESOURCE_DESCRIPTION_HASH && $RESOURCE_DESCRIPTION_HASH != *[!0-9a-f]* ]] || return 0
  # The resources directory and the GC-root folder (resource_directory and resource_gc_root, which
  # die rather than return): the user's (a builtin test), and closed to group and others (see
  # below), or nothing in them is used.
  [[ -n $dir ]] || dir=$RESOURCES_DIRECTORY
  [[ -n $gc ]] || gc=$RESOURCE_GC_ROOT
  if [[ $dir == \~/* || $gc == \~/* ]]; then
    [[ -n ${HOME-} ]] || return 0
    [[ $dir != \~/* ]] || dir=${HOME%/}/${dir:2}
    [[ $gc != \~/* ]] || gc=${HOME%/}/${gc:2}
  fi
  [[ $dir == /* && $gc == /* && -d $dir/canonical/$hash && -O $dir ]] || return 0
  folders=("$dir")
  if [[ -e $gc || -L $gc ]]; then
    [[ -O $gc ]] || return 0
    folders+=("$gc")
  fi
  # 2. The originator and its start time.
  originator=${!variable-}
  if [[ -z $originator ]]; then
    setup_originator originator start
  else
    [[ $originator != *[!0-9]* && ${#originator} -le 18 ]] || return 0
    originator=$((10#$originator))
    resource_process "$originator" _ start || start=0
  fi
  # 4. The hit (setup_cached and setup_hit).
  cd -P -- "$dir/canonical/$hash" 2>/dev/null || return 0
  index=${PWD##*/}
  if [[ -z $index || $index == *[!0-9]* || ! -f $dir/log/$index/event-tail.json ]]; then
    cd -- "$OLDPWD" 2>/dev/null || true
    return 0
  fi
  record=$dir/log/$index/originators/$originator-$start
  # The modes (setup_closed: one stat) before the first hit of an originator; its record, which
  # only a setup that passed this check (or the miss's, in resource_make_state) writes, spares its
  # later hits the process (a script's further hits: builtins only). What those rely on is the
  # user's own, as -O shows: a folder someone else put in place is another's, and only the user
  # (or root) can change the mode of the user's folders.
  if ! [[ -O $record && -O $PWD && -O $dir/log/$index ]]; then
    if ! setup_closed "${folders[@]}" || { [[ ! -e $record ]] && ! { : >"$record"; } 2>/dev/null; }; then
      cd -- "$OLDPWD" 2>/dev/null || true
      return 0
    fi
  fi
  # The release listener removes canonical/HASH before it reads the originators for the last time.
  IFS= read -r -d '' tail 2>/dev/null <"$dir/log/$index/event-tail.json" || true
  if [[ ! -d $dir/canonical/$hash || $tail != '"hash":'* ]]; then
    cd -- "$OLDPWD" 2>/dev/null || true
    return 0
  fi
  event='{"type":"stale","provenance":"cached","originator-pid":'$originator','$tail
  # Straight to Redis over TCP (as resource_publish, which is in lib/common.sh, does when the
  # spool is empty). Otherwise (a Unix socket too) setup.sh serves the hit again and publishes or
  # spools the event; resource_redis_down spares it a second wait for a Redis that took the
  # connection but did not answer.
  if [[ ! -s $dir/spool/events && ${RESOURCE_REDIS-} != /* ]] && resource_redis_open handle "$dir"; then
    if resource_redis_publish "$handle" "$RESOURCE_CHANNEL" "$event"; then
      resource_redis_close "$handle"
      printf '%s/mounts/%s\n' "$dir" "$index"
      exit 0
    fi
    resource_redis_close "$handle"
    # shellcheck disable=SC2034 # resource_publish (lib/common.sh) reads it
    resource_redis_down=1
  fi
  cd -- "$OLDPWD" 2>/dev/null || true
  return 0
}
setup_plain_hit "$@"
