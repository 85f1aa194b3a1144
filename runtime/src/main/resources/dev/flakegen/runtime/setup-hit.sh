# shellcheck shell=bash
# setup, first part (runtime/README.md, "setup"): the cache hit of a persistent resource set up
# without arguments and without input, the usual case, before bash has read the rest of setup.
# lib.nix puts this text between lib/common.sh and setup.sh. Builtins only (the event goes out
# through resource_publish, as every event does): no process, no lock, no temporary file when
# Redis takes the event. It does what steps 1 to 4 do for such a hit; when anything differs from
# the plain case (a setting missing or invalid, no plain hash, a miss, a resources directory or
# GC-root folder that is not the user's or that group or others may write to, a recorded
# originator that cannot be written, no recorded event tail) it changes nothing the full program
# would not do again and falls through to setup.sh, which takes every step anew and reports errors.

# setup_originator OUTVAR: setup's parent, or the nearest ancestor of which it is a forked copy:
# same executable and command line as its own parent (a command-substitution subshell, a pipeline
# stage) and the same memory layout of its arguments and environment (a fork copies it; a program
# started anew, say a shell run from a shell with the same command line, gets its own). Builtins
# only, and no regular expression (bash compiles one each time it matches): each /proc/PID/stat
# is read and cut once.
setup_originator() {
  local _pid=$PPID _parent _layout _next_parent _next_layout
  local -a _mine _theirs
  setup_stat "$_pid" _parent _layout || {
    printf -v "$1" '%s' "$_pid"
    return 0
  }
  while ((_pid > 1 && _parent > 0)); do
    [[ /proc/$_pid/exe -ef /proc/$_parent/exe ]] || break
    setup_stat "$_parent" _next_parent _next_layout || break
    [[ $_layout == "$_next_layout" ]] || break
    mapfile -t -d '' _mine 2>/dev/null <"/proc/$_pid/cmdline" || break
    mapfile -t -d '' _theirs 2>/dev/null <"/proc/$_parent/cmdline" || break
    [[ ${#_mine[@]} -gt 0 && ${_mine[*]@Q} == "${_theirs[*]@Q}" ]] || break
    _pid=$_parent
    _parent=$_next_parent
    _layout=$_next_layout
  done
  printf -v "$1" '%s' "$_pid"
}

# setup_stat PID PARENT_OUTVAR LAYOUT_OUTVAR: from /proc/PID/stat, the parent's PID and the memory
# layout of the arguments and environment (fields 45 to 51: start_data end_data start_brk
# arg_start arg_end env_start env_end, just before the last field, exit_code). Returns 1 when it
# cannot be read.
setup_stat() {
  local _stat_text='' _stat_rest _stat_head _stat_layout _stat_parent
  IFS= read -r -d '' _stat_text 2>/dev/null <"/proc/$1/stat" || true
  # After "PID (COMM)" (COMM may hold spaces and parentheses: cut at the last ")", which is the
  # first unless what follows still has one; no later field does): " STATE PPID …".
  [[ $_stat_text == *')'* ]] || return 1
  _stat_rest=${_stat_text#*)}
  [[ $_stat_rest != *')'* ]] || _stat_rest=${_stat_text##*)}
  _stat_rest=${_stat_rest%$'\n'}
  _stat_parent=${_stat_rest#' '* }
  _stat_parent=${_stat_parent%% *}
  # The shortest end with eight spaces: the seven layout fields and exit_code.
  _stat_head=${_stat_rest% * * * * * * * *}
  _stat_layout=${_stat_rest:${#_stat_head}+1}
  _stat_layout=${_stat_layout% *}
  [[ -n $_stat_parent && $_stat_parent != *[!0-9]* && -n $_stat_layout && $_stat_layout != *[!0-9\ ]* ]] || return 1
  printf -v "$2" '%s' "$_stat_parent"
  printf -v "$3" '%s' "$_stat_layout"
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
  local gc=${RESOURCE_GC_ROOT_OVERRIDE-}
  local -a folders
  # shellcheck disable=SC2034 # state: resource_process sets it; only the start time is used here
  local start=0 state index record tail='' event
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
  [[ -n $originator ]] || setup_originator originator
  [[ -n $originator && $originator != *[!0-9]* && ${#originator} -le 18 ]] || return 0
  originator=$((10#$originator))
  resource_process "$originator" state start || start=0
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
  resource_publish "$event" || true
  printf '%s/mounts/%s\n' "$dir" "$index"
  exit 0
}
setup_plain_hit "$@"
