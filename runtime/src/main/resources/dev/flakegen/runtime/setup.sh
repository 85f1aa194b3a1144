# shellcheck shell=bash
# setup [ARG…]: sets up one resource and prints its directory (runtime/README.md, "setup").
# lib/core.sh, setup-hit.sh (the usual hit, before bash reads the rest) and lib/common.sh precede
# this text.
# A cache hit must stay cheap: builtins only, apart from the hashing pipeline (at most three
# processes), no lock and no temporary file unless the input is a stream (see step 3).
#
# It reads as: constants, then functions (the steps of main, then the event builders), then
# main "$@". The steps run in main's scope: main declares the state they set and read as its
# locals (bash scopes dynamically), so nothing but the constants lives outside main.

# UTF-8 as jq reads it (no overlong forms, surrogates, or code points past U+10FFFF).
setup_utf8_pattern=$'^([\x01-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf][\x80-\xbf]|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf][\x80-\xbf]|[\xf1-\xf3][\x80-\xbf][\x80-\xbf][\x80-\xbf]|\xf4[\x80-\x8f][\x80-\xbf][\x80-\xbf])*$'

# setup_text OUTVAR TOKEN ARG…: what is hashed before the input (step 3), without the final
# "0" LF or "1" LF.
setup_text() {
  local _argument _text=$RESOURCE_DESCRIPTION_HASH$'\n'$2$'\n'
  for _argument in "${@:3}"; do
    _text+=${#_argument}:$_argument$'\n'
  done
  printf -v "$1" '%s' "$_text"
}

# setup_input: step 1, the input (sets input, and input_offset for a file).
#
# 1. Input (first, so that the hash can start at once): none (a terminal, closed, /dev/null, or the
#    pipe setup writes to, which a shell with closed standard input hands to "$(setup)": reading it
#    would never end), a regular file (hashed in place, read again on a miss), or a stream (copied
#    to tmp/ while hashed).
setup_input() {
  local info key value
  if [[ -t 0 || ! -e /dev/stdin || /dev/stdin -ef /dev/null || /dev/stdin -ef /dev/stdout ]]; then
    input='none'
  elif [[ -f /dev/stdin ]]; then
    input='file'
    # Where standard input starts: its current offset ("pos:" in /proc/PID/fdinfo/0, read through
    # another descriptor: the kernel writes the text when it is read).
    input_offset=0
    if { exec {info}<"/proc/$$/fdinfo/0"; } 2>/dev/null; then
      while IFS=$' \t' read -r -u "$info" key value; do
        if [[ $key == pos: ]]; then
          input_offset=$value
          break
        fi
      done
      exec {info}<&-
    fi
    [[ -n $input_offset && $input_offset != *[!0-9]* ]] || input_offset=0
  else
    input='stream'
  fi
}

# setup_start_hash ARG…: the start of step 3 (sets plain_hash, or hash_fd and text).
#
# A persistent resource without input (the usual case): without arguments its hash was computed
# when Nix evaluated (RESOURCE_PLAIN_HASH, no process at all); with arguments it is hashed by a
# sha512sum started now, which runs while the configuration is checked.
setup_start_hash() {
  hash_fd=''
  plain_hash=''
  text=''
  if [[ $input == none && -z ${RESOURCE_TRANSIENT-} && -n ${RESOURCE_DESCRIPTION_HASH-} ]]; then
    if (($# == 0)) && [[ -n ${RESOURCE_PLAIN_HASH-} ]]; then
      plain_hash=$RESOURCE_PLAIN_HASH
    else
      setup_text text persistent "$@"
      # The here-string adds the final LF of "0" LF.
      exec {hash_fd}< <(LC_ALL=C sha512sum <<<"${text}0")
    fi
  fi
}

# setup_fail CODE REASON…: removes this setup's copy of a streamed input, publishes a setup-failed
# event once the miss has begun (setup_failed_event), lets the lock go, then ends through the
# failure program. The ERR trap goes first: nothing here fails into it again.
setup_fail() {
  trap - ERR
  if [[ -n $copy && -e $copy ]]; then
    rm -f -- "$copy"
  fi
  if [[ -n $miss ]]; then
    setup_failed_event "${@:2}" || true
  fi
  if [[ -n $lock ]]; then
    exec {lock}>&-
  fi
  resource_die "$@"
}

# setup_failed_event REASON…: publishes the event of a miss that failed before its resource was
# complete (runtime/README.md, "Events"): type setup-failed, hash, index (null before one was
# taken), provenance, originator-pid and reasons (the failure program's messages). Built with
# builtins, or with jq for reasons the bash builder does not take (not UTF-8, too long). What the
# miss left is removed by the miss itself, or collected by the release listener.
setup_failed_event() {
  local reasons_json number=null
  [[ -z $index ]] || number=$index
  if ! setup_json_list reasons_json "$@"; then
    reasons_json=$(jq -n -c '$ARGS.positional' --args "$@" 2>/dev/null) || return 1
  fi
  resource_publish '{"type":"setup-failed","hash":"'"$hash"'","index":'"$number"',"provenance":"new","originator-pid":'"$originator"',"reasons":'"$reasons_json"'}'
}

# setup_originator OUTVAR: in setup-hit.sh, which lib.nix puts before this text.

# setup_cached DIR HASH OUTVAR: succeeds when DIR/canonical/HASH leads to a resource directory;
# OUTVAR becomes its index. Resolves the link with cd -P (no process).
setup_cached() {
  [[ -d $1/canonical/$2 ]] || return 1
  cd -P -- "$1/canonical/$2" 2>/dev/null || return 1
  if [[ -n ${PWD##*/} && ${PWD##*/} != *[!0-9]* ]]; then
    printf -v "$3" '%s' "${PWD##*/}"
    return 0
  fi
  cd -- "$OLDPWD" 2>/dev/null || true
  return 1
}

# setup_hit DIR INDEX: records this setup's originator for the cached resource INDEX, publishes a
# stale event, prints its directory and exits 0. The event is the recorded tail of the resource's
# event behind this setup's own type, provenance and originator PID. Returns 1 (back in the
# caller's working folder) when canonical/HASH went away meanwhile: the release listener removes
# it before it reads the originators for the last time, and this setup records its originator
# before it looks again, so one of the two sees the other.
setup_hit() {
  local dir=$1 index=$2 tail='' event
  local record=$dir/log/$index/originators/$originator-$originator_start
  # (A stat when this originator is recorded already: a script's later hits write nothing.)
  if [[ ! -e $record ]] && ! { : >"$record"; } 2>/dev/null; then
    # A resource from before originator records, or made by hand.
    if mkdir -p -- "${record%/*}" 2>/dev/null; then
      { : >"$record"; } 2>/dev/null || true
    fi
  fi
  if [[ ! -d $dir/canonical/$hash ]]; then
    cd -- "$OLDPWD" 2>/dev/null || true
    return 1
  fi
  if [[ -f $dir/log/$index/event-tail.json ]]; then
    IFS= read -r -d '' tail 2>/dev/null <"$dir/log/$index/event-tail.json" || true
  fi
  if [[ $tail == '"hash":'* ]]; then
    event='{"type":"stale","provenance":"cached","originator-pid":'$originator','$tail
  else
    # No recorded tail (a resource made by hand or by an older setup): what is known.
    event=$(jq -n -c --arg hash "$hash" --argjson index "$index" --argjson pid "$originator" \
      --arg path "$dir/mounts/$index" \
      '{type: "stale", provenance: "cached", "originator-pid": $pid, hash: $hash, index: $index, path: $path}') || event=''
  fi
  if [[ -n $copy ]]; then
    rm -f -- "$copy"
  fi
  if [[ -n $event ]]; then
    resource_publish "$event" || true
  fi
  printf '%s/mounts/%s\n' "$dir" "$index"
  exit 0
}

# setup_configure: checks the configuration; sets dir, the effective resources directory.
setup_configure() {
  if ! [[ -v RESOURCES_DIRECTORY && -v RESOURCE_CHANNEL && -v RESOURCE_ORIGINATOR_PID_VARIABLE &&
    -v RESOURCE_SEQUENTIAL_START && -v RESOURCE_GC_ROOT && -v RESOURCE_FAILURE &&
    -v RESOURCE_DESCRIPTION_HASH && -v RESOURCE_DESCRIPTION_FILE && -v RESOURCE_TRANSIENT &&
    -v RESOURCE_RELEASE && -v RESOURCE_INIT ]] ||
    ! { [[ -v RESOURCE_TARGETS ]] || declare -p RESOURCE_TARGETS >/dev/null 2>&1; }; then
    resource_require setup RESOURCES_DIRECTORY RESOURCE_CHANNEL RESOURCE_ORIGINATOR_PID_VARIABLE \
      RESOURCE_SEQUENTIAL_START RESOURCE_GC_ROOT RESOURCE_FAILURE RESOURCE_DESCRIPTION_HASH \
      RESOURCE_DESCRIPTION_FILE RESOURCE_TRANSIENT RESOURCE_TARGETS RESOURCE_RELEASE RESOURCE_INIT
  fi
  [[ $RESOURCE_ORIGINATOR_PID_VARIABLE == [A-Za-z_]* && $RESOURCE_ORIGINATOR_PID_VARIABLE != *[!A-Za-z0-9_]* ]] ||
    resource_die setup "RESOURCE_ORIGINATOR_PID_VARIABLE is not a shell variable name: $RESOURCE_ORIGINATOR_PID_VARIABLE"
  [[ -n $RESOURCE_SEQUENTIAL_START && $RESOURCE_SEQUENTIAL_START != *[!0-9]* ]] ||
    resource_die setup "RESOURCE_SEQUENTIAL_START is not an integer >= 0: $RESOURCE_SEQUENTIAL_START"
  [[ -n $RESOURCE_DESCRIPTION_HASH && $RESOURCE_DESCRIPTION_HASH != *[!0-9a-f]* ]] ||
    resource_die setup "RESOURCE_DESCRIPTION_HASH is not a hexadecimal hash"
  [[ -z $RESOURCE_TRANSIENT || $RESOURCE_TRANSIENT == 1 ]] ||
    resource_die setup "RESOURCE_TRANSIENT is neither 1 nor empty: $RESOURCE_TRANSIENT"
  dir=''
  resource_directory dir
}

# setup_originator_pid: step 2, the originator PID (sets originator_variable, originator and
# originator_start).
setup_originator_pid() {
  originator_variable=$RESOURCE_ORIGINATOR_PID_VARIABLE
  originator=${!originator_variable-}
  # Its start time tells it from a later process with the same PID (0: not visible from here).
  originator_start=0
  if [[ -z $originator ]]; then
    setup_originator originator originator_start
    return 0
  fi
  [[ $originator != *[!0-9]* && ${#originator} -le 18 ]] ||
    resource_die setup "$originator_variable is not a process ID: $originator"
  originator=$((10#$originator))
  resource_process "$originator" _ originator_start || originator_start=0
}

# setup_hash ARG…: step 3, the hash (sets hash; token for a transient resource).
setup_hash() {
  hash=''
  if [[ -n $plain_hash ]]; then
    hash=$plain_hash
  elif [[ -n $hash_fd ]]; then
    read -r hash _ <&"$hash_fd" || hash=''
    exec {hash_fd}<&-
  else
    if [[ -n $RESOURCE_TRANSIENT ]]; then
      resource_make_state "$dir" || resource_die setup "cannot create the state folders under $dir"
      resource_next_sequential "$dir" token || resource_die setup "cannot take the next counter value ($dir/counter)"
    else
      token=persistent
    fi
    setup_text text "$token" "$@"
    case $input in
    none)
      LC_ALL=C sha512sum <<<"${text}0" | read -r hash _ || hash=''
      ;;
    file)
      { printf '%s1\n' "$text" && exec cat; } | LC_ALL=C sha512sum | read -r hash _ || hash=''
      ;;
    stream)
      if [[ ! -d $dir/tmp ]]; then
        resource_make_state "$dir" || resource_die setup "cannot create the state folders under $dir"
      fi
      copy=$dir/tmp/input.$$
      { printf '%s1\n' "$text" && exec tee -- "$copy"; } | LC_ALL=C sha512sum | read -r hash _ || hash=''
      ;;
    esac
  fi
  [[ ${#hash} -eq 128 && $hash != *[!0-9a-f]* ]] || setup_fail setup "cannot hash the description, arguments and input"
}

# setup_line OUTVAR TEXT: TEXT, or its $'…' quoted form when it holds control characters, so that
# every reason given to the failure program is one line.
setup_line() {
  if [[ $2 == *[[:cntrl:]]* ]]; then
    printf -v "$1" '%s' "${2@Q}"
  else
    printf -v "$1" '%s' "$2"
  fi
}

# setup_lock: step 5 begins (the miss): the state folders, this hash's lock, and a last look for
# a hit made meanwhile.
setup_lock() {
  resource_make_state "$dir" || setup_fail "$hash" "cannot create the state folders under $dir"
  setup_note_checked
  if [[ -z $RESOURCE_TRANSIENT ]]; then
    { exec {lock}>>"$dir/locks/$hash"; } 2>/dev/null || setup_fail "$hash" "cannot open $dir/locks/$hash"
    flock "$lock" || setup_fail "$hash" "cannot lock $dir/locks/$hash"
    if setup_cached "$dir" "$hash" index; then
      setup_hit "$dir" "$index" || true
    fi
  fi
}

# setup_note_checked: records this setup's folder check for the fast hits of the next 10 seconds
# (resource_note_folders_checked): the resources directory, and the GC-root folder when it exists,
# once each has been checked; once per setup (sets folders_noted).
setup_note_checked() {
  [[ -z $folders_noted && -n ${resource_checked_folders[$dir]-} ]] || return 0
  if [[ -e $gc_root || -L $gc_root ]]; then
    [[ -n ${resource_checked_folders[$gc_root]-} ]] || return 0
    resource_note_folders_checked "$dir" "$dir" "$gc_root"
  else
    resource_note_folders_checked "$dir" "$dir"
  fi
  folders_noted=1
}

# setup_prepare_init: init realised (when only its derivation is known) and executable.
setup_prepare_init() {
  local realised
  if [[ -n $RESOURCE_INIT && -n ${RESOURCE_INIT_DERIVATION-} ]] &&
    [[ ! -e $RESOURCE_INIT || (-n ${RESOURCE_INIT_ENVIRONMENT-} && ! -d $RESOURCE_INIT_ENVIRONMENT) ]]; then
    if ! realised=$(nix-store --realise "$RESOURCE_INIT_DERIVATION" 2>&1); then
      printf '%s\n' "$realised" >&2
      setup_fail "$hash" "cannot realise init: $RESOURCE_INIT_DERIVATION"
    fi
  fi
  if [[ -n $RESOURCE_INIT ]] && ! [[ -f $RESOURCE_INIT && -x $RESOURCE_INIT ]]; then
    setup_fail "$hash" "init is not an executable file: $RESOURCE_INIT"
  fi
}

# setup_record ARG…: the index, the resource directory and its log (sets gc_root, index, mount,
# log, init_input).
setup_record() {
  local setup_start
  gc_root=''
  resource_gc_root gc_root
  resource_next_sequential "$dir" index || setup_fail "$hash" "cannot take the next counter value ($dir/counter)"
  mount=$dir/mounts/$index
  log=$dir/log/$index
  # Without -p: an existing folder means the counter went back, which must not go unnoticed. Until
  # log/INDEX/setup names this setup no listener would collect them, so a failure here removes
  # what this mkdir made.
  [[ ! -e $mount && ! -L $mount && ! -e $log && ! -L $log ]] || setup_fail "$hash" "cannot create $mount and $log"
  if ! mkdir -- "$mount" "$log" "$log/originators" 2>/dev/null; then
    rmdir -- "$log/originators" "$log" "$mount" 2>/dev/null || true
    setup_fail "$hash" "cannot create $mount and $log"
  fi
  # Who makes it (PID-START): a miss that ends before lifecycle/INDEX is written (killed, or failed)
  # is collected by the release listener once this process is gone (issue 15).
  setup_start=0
  resource_process "$$" _ setup_start || setup_start=0
  if ! { printf '%s-%s\n' "$$" "$setup_start" >"$log/setup"; } 2>/dev/null; then
    rm -f -- "$log/setup"
    rmdir -- "$log/originators" "$log" "$mount" 2>/dev/null || true
    setup_fail "$hash" "cannot write $log/setup (is the disk full?)"
  fi
  : >"$log/originators/$originator-$originator_start"
  if [[ -n ${RESOURCE_LIFECYCLE-} ]]; then
    printf '%s\n' "$RESOURCE_LIFECYCLE" >"$log/lifecycle-programs"
  fi
  if (($#)); then
    printf '%s\0' "$@" >"$log/arguments"
  else
    : >"$log/arguments"
  fi
  init_input=/dev/null
  case $input in
  stream)
    mv -T -- "$copy" "$log/standard-input" || setup_fail "$hash" "cannot record standard input"
    copy=''
    init_input=$log/standard-input
    ;;
  file)
    # The hash consumed standard input; /dev/stdin opened anew reads the same file from its start.
    tail -c "+$((input_offset + 1))" /dev/stdin >"$log/standard-input" ||
      setup_fail "$hash" "cannot record standard input"
    init_input=$log/standard-input
    ;;
  esac
}

# setup_init_command OUTVAR: (an array) the bubblewrap command line, without init and its
# arguments, that runs init in the FHS environment whose root file system is
# RESOURCE_INIT_ENVIRONMENT (lib.nix: the `fhsenv` of its one buildFHSEnv), as nixpkgs' launcher
# would show it but without that launcher (a bash, `/etc/profile`, `readlink`s): builtins only.
# Inside: /nix, /dev, /proc; the environment's /usr entries, and the host's library and data
# folders it lacks (hostpkgs' packages are the host's own binaries); the environment's other
# top-level entries, and the host's /bin, /sbin, /lib… where it has none (a link into /usr stays a
# link); a fresh /etc with the environment's entries and the usual host ones (from /.host-etc,
# which is the host's /etc, also when nested); every other host folder read-write; the resource
# folder at /mount, a tmpfs at /scratch, the working folder /mount (runtime/README.md, "Init's
# environment"). A glob that matches nothing stays unexpanded: each loop skips what is not there.
setup_init_command() {
  local -n _command=$1
  local _root=$RESOURCE_INIT_ENVIRONMENT _entry _name _etc=/etc
  local -A _provided=([/nix]=1 [/dev]=1 [/proc]=1 [/etc]=1 [/usr]=1 [/mount]=1 [/scratch]=1) _own=()
  [[ ! -d /.host-etc ]] || _etc=/.host-etc
  _command=("$RESOURCE_BWRAP" --dev-bind /dev /dev --proc /proc --die-with-parent --bind /nix /nix
    --tmpfs /usr)
  for _entry in "$_root"/usr/*; do
    [[ -e $_entry || -L $_entry ]] || continue
    _command+=(--ro-bind "$_entry" "/usr/${_entry##*/}")
  done
  for _name in lib lib32 lib64 libx32 libexec share; do
    if [[ ! -e $_root/usr/$_name && ! -L $_root/usr/$_name && -d /usr/$_name ]]; then
      _command+=(--ro-bind "/usr/$_name" "/usr/$_name")
    fi
  done
  _command+=(--remount-ro /usr)
  for _entry in "$_root"/*; do
    [[ -e $_entry || -L $_entry ]] || continue
    _name=${_entry##*/}
    [[ $_name != etc && $_name != usr ]] || continue
    _provided[/$_name]=1
    if [[ -L $_entry && $_entry -ef $_root/usr/$_name ]]; then
      _command+=(--symlink "usr/$_name" "/$_name")
    else
      _command+=(--ro-bind "$_entry" "/$_name")
    fi
  done
  for _name in bin sbin lib lib32 lib64 libx32; do
    [[ -z ${_provided[/$_name]-} ]] || continue
    _provided[/$_name]=1
    if [[ ($_name == bin || $_name == sbin) && -d $_root/usr/$_name ]] ||
      [[ -L /$_name && /$_name -ef /usr/$_name ]]; then
      _command+=(--symlink "usr/$_name" "/$_name")
    elif [[ -d /$_name ]]; then
      _command+=(--ro-bind "/$_name" "/$_name")
    fi
  done
  _command+=(--tmpfs /etc --ro-bind "$_etc" /.host-etc)
  for _entry in "$_root"/etc/*; do
    [[ -e $_entry || -L $_entry ]] || continue
    _name=${_entry##*/}
    [[ $_name != fonts && $_name != ssl ]] || continue
    _own[$_name]=1
    if [[ -L $_entry ]]; then
      _command+=(--symlink "$_entry" "/etc/$_name")
    else
      _command+=(--ro-bind "$_entry" "/etc/$_name")
    fi
  done
  [[ -n ${_own[mtab]-} ]] || _command+=(--symlink /proc/mounts /etc/mtab)
  for _name in static nix shells bashrc zshenv zshrc zinputrc zprofile passwd group shadow hosts \
    resolv.conf nsswitch.conf profiles login.defs sudoers sudoers.d localtime zoneinfo machine-id \
    os-release pam.d fonts alsa asound.conf ssl/certs ca-certificates pki dconf ld.so.conf \
    ld.so.conf.d ld.so.cache; do
    if [[ -z ${_own[$_name]-} && -e $_etc/$_name ]]; then
      _command+=(--symlink "/.host-etc/$_name" "/etc/$_name")
    fi
  done
  for _entry in /*; do
    if [[ -z ${_provided[$_entry]-} && -d $_entry ]]; then
      _command+=(--bind "$_entry" "$_entry")
    fi
  done
  _command+=(--bind "$mount" /mount --tmpfs /scratch --chdir /mount)
}

# setup_run_init ARG…: runs init (sets status).
setup_run_init() {
  status=0
  if [[ -n $RESOURCE_INIT ]]; then
    (
      if [[ -n $lock ]]; then
        exec {lock}>&-
      fi
      resource_caller_locale
      export RESOURCE_MOUNT="$mount" RESOURCE_INDEX="$index" RESOURCE_HASH="$hash" \
        RESOURCES_DIRECTORY="$dir" RESOURCE_GC_ROOT="$gc_root" \
        RESOURCE_REDIS="${RESOURCE_REDIS:-127.0.0.1:6379}" "$originator_variable=$originator"
      if [[ -n ${RESOURCE_INIT_ENVIRONMENT-} ]]; then
        local init_command=()
        setup_init_command init_command
        # What the environment's /etc/profile put first (the rest of it is for interactive shells).
        export PATH="/run/wrappers/bin:/usr/bin:/usr/sbin:$PATH"
        exec "${init_command[@]}" "$RESOURCE_INIT" "$@"
      fi
      exec "$RESOURCE_INIT" "$@"
    ) <"$init_input" >"$log/standard-output" 2>"$log/standard-error" || status=$?
  else
    : >"$log/standard-output"
    : >"$log/standard-error"
  fi
  printf '%s\n' "$status" >"$log/status"
}

# setup_validate: step 6 (sets reasons, observed and type).
setup_validate() {
  local name key line bwrap_error
  # 6. Validate.
  reasons=()
  ((status == 0)) || reasons+=("init exited with status $status")
  [[ ! -s $log/standard-error ]] || reasons+=("init wrote to standard error")
  shopt -s nullglob dotglob
  observed=("$mount"/*)
  shopt -u nullglob dotglob
  observed=("${observed[@]#"$mount/"}")
  declare -A wanted=() seen=()
  line=''
  for name in "${observed[@]}"; do
    key=/$name
    seen[$key]=1
  done
  for name in ${RESOURCE_TARGETS[@]+"${RESOURCE_TARGETS[@]}"}; do
    key=/$name
    [[ -z ${wanted[$key]-} ]] || continue
    wanted[$key]=1
    if [[ -z ${seen[$key]-} ]]; then
      setup_line line "$name"
      reasons+=("missing target: $line")
    fi
  done
  for name in "${observed[@]}"; do
    key=/$name
    if [[ -z ${wanted[$key]-} ]]; then
      setup_line line "$name"
      reasons+=("unexpected target: $line")
    fi
  done
  # Init never started when bubblewrap could not create its namespaces (unprivileged user
  # namespaces blocked): status 1 and bubblewrap's one line. Then that is the one reason.
  bwrap_error=''
  if ((status == 1)); then
    IFS= read -r -d '' bwrap_error <"$log/standard-error" || true
    bwrap_error=${bwrap_error%$'\n'}
  fi
  if [[ $bwrap_error == 'bwrap: '* && $bwrap_error != *$'\n'* &&
    ($bwrap_error == *namespace* || $bwrap_error == *'uid map'* || $bwrap_error == *'gid map'*) ]]; then
    setup_line bwrap_error "$bwrap_error"
    reasons=("init cannot start: bubblewrap cannot create its namespaces, unprivileged user namespaces are blocked here ($bwrap_error); allow them: sysctl kernel.apparmor_restrict_unprivileged_userns=0 or an AppArmor profile for bwrap (Ubuntu 24.04+), security.allowUserNamespaces = true (NixOS), sysctl user.max_user_namespaces=10000 (elsewhere)")
  fi
  if ((${#reasons[@]})); then
    type=invalid-init
  else
    type=valid
  fi
}

# setup_event_with_jq: the event and its tail (below) built by jq, into $log/event-tail.json.
setup_event_with_jq() {
  # shellcheck disable=SC2016 # a jq program: the $ are jq's
  local program='
def strings: split("\u0000") | .[:-1];
$descriptions[0] as $description
| (if $ENV.RESOURCE_RELEASE == "" then null else $ENV.RESOURCE_RELEASE end) as $release
| {
    arguments: ($arguments | strings),
    "has-standard-input": $has_input,
    "standard-input": (if $has_input and $publish then $input else null end),
    "standard-output": (if $publish then $stdout else null end),
    "standard-input-size": $streams[0],
    "standard-input-sha256": $streams[1],
    "standard-output-size": $streams[2],
    "standard-output-sha256": $streams[3],
    "standard-error": $stderr,
    status: $status,
    targets: ($targets | strings | sort),
    transient: $transient,
    description: $description
  } as $rest
| ({type: $type, hash: $hash, index: $index, provenance: "new", "originator-pid": $pid}
    + $rest
    + (if $type == "invalid-init" then {} else {path: $path, release: $release} end)
    | tojson),
  ({hash: $hash, index: $index} + $rest + {path: $path, release: $release} | tojson | .[1:])
'
  local published_input=/dev/null published_output=/dev/null
  if [[ $publish == true ]]; then
    published_input=$init_input
    published_output=$log/standard-output
  fi
  RESOURCE_RELEASE=$RESOURCE_RELEASE jq -n -r \
    --slurpfile descriptions "$RESOURCE_DESCRIPTION_FILE" \
    --arg type "$type" --arg hash "$hash" --argjson index "$index" --argjson pid "$originator" \
    --rawfile arguments "$log/arguments" --argjson has_input "$has_input" \
    --argjson publish "$publish" --argjson streams "[$streams]" \
    --rawfile input "$published_input" --rawfile stdout "$published_output" \
    --rawfile stderr "$log/standard-error" --argjson status "$status" \
    --rawfile targets <(if ((${#observed[@]})); then printf '%s\0' "${observed[@]}"; fi) \
    --argjson transient "$transient" --arg path "$mount" \
    "$program" >"$log/event-tail.json"
}

# The bash equivalent of that jq program, byte for byte, for values jq would take as they are:
# UTF-8 text (jq replaces what is not), at most setup_json_limit bytes each, and a description
# whose JSON text jq would print unchanged. Returns 1, having written nothing, for anything else.

# setup_json_text OUTVAR TEXT: TEXT (without NUL bytes) as jq escapes it inside a JSON string;
# returns 1 unless it is UTF-8 and short enough.
setup_json_text() {
  local _text=$2 _code _hex _char
  ((${#_text} <= setup_json_limit)) || return 1
  if [[ $_text == *[$'\x80'-$'\xff']* ]]; then
    [[ $_text =~ $setup_utf8_pattern ]] || return 1
  fi
  if [[ $_text == *[\\\"[:cntrl:]]* ]]; then
    _text=${_text//\\/\\\\}
    _text=${_text//\"/\\\"}
    _text=${_text//$'\n'/\\n}
    _text=${_text//$'\t'/\\t}
    _text=${_text//$'\r'/\\r}
    _text=${_text//$'\b'/\\b}
    _text=${_text//$'\f'/\\f}
    if [[ $_text == *[[:cntrl:]]* ]]; then
      for _code in 1 2 3 4 5 6 7 11 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 127; do
        printf -v _hex '%02x' "$_code"
        printf -v _char %b "\\x$_hex"
        _text=${_text//"$_char"/\\u00$_hex}
      done
    fi
  fi
  printf -v "$1" '%s' "$_text"
}

# setup_json_file OUTVAR FILE: FILE's bytes as a JSON string (a NUL byte as \u0000, as jq's
# --rawfile reads it); returns 1 as setup_json_text does, having read at most one byte more than
# the limit (a large output is left to jq unread).
setup_json_file() {
  local _json='"' _chunk _part _length=0 _most _more=0
  while ((_more == 0)); do
    _most=$((setup_json_limit - _length + 1))
    ((_most > 0)) || return 1
    _chunk=''
    IFS= read -r -d '' -n "$_most" _chunk || _more=1
    ((${#_chunk} < _most)) || return 1
    _length=$((_length + ${#_chunk} + 1))
    setup_json_text _part "$_chunk" || return 1
    _json+=$_part
    ((_more)) || _json+='\u0000'
  done <"$2"
  printf -v "$1" '%s' "$_json\""
}

# setup_json_list OUTVAR ITEM…: a JSON list of strings.
setup_json_list() {
  local _json='' _item _part
  for _item in "${@:2}"; do
    setup_json_text _part "$_item" || return 1
    _json+=,\"$_part\"
  done
  printf -v "$1" '[%s]' "${_json#,}"
}

# setup_json_description OUTVAR: the description file's text when jq prints it unchanged: one
# object in compact form (as Nix's builtins.toJSON writes it) without what jq writes differently:
# \u0008 and \u000c (jq: \b, \f), DEL (jq: \u007f), numbers with a fraction or exponent, or of
# 16 digits or more (jq reads numbers as doubles), text that is not UTF-8.
setup_json_description() {
  local _text='' _rest
  IFS= read -r -d '' _text <"$RESOURCE_DESCRIPTION_FILE" || true
  [[ $_text == '{'*'}' && ${#_text} -le setup_json_limit ]] || return 1
  [[ $_text != *[$'\x7f\n\t\r']* ]] || return 1
  [[ $_text != *'\u0008'* && $_text != *'\u000c'* && $_text != *'\u000C'* ]] || return 1
  if [[ $_text == *[$'\x80'-$'\xff']* ]]; then
    [[ $_text =~ $setup_utf8_pattern ]] || return 1
  fi
  # What is left without the strings: punctuation, numbers, true, false and null.
  _rest=${_text//\\?/}
  while [[ $_rest == *'"'* ]]; do
    _rest=${_rest%%'"'*}${_rest#*'"'*'"'}
  done
  _rest=${_rest//true/}
  _rest=${_rest//false/}
  _rest=${_rest//null/}
  [[ $_rest != *[!0-9,:\[\]{}-]* && $_rest != *[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]* ]] || return 1
  printf -v "$1" '%s' "$_text"
}

# setup_event_in_bash: as setup_event_with_jq, or returns 1 having written nothing.
setup_event_in_bash() {
  local arguments standard_input=null standard_output standard_error targets description release=null
  local path rest streams_json
  # The sizes and digests: standard-input-size, standard-input-sha256, standard-output-size,
  # standard-output-sha256 (numbers and strings, or null: no input).
  streams_json=${streams//,/ }
  # shellcheck disable=SC2086 # four JSON values without spaces
  printf -v streams_json ',"standard-input-size":%s,"standard-input-sha256":%s,"standard-output-size":%s,"standard-output-sha256":%s' $streams_json
  setup_json_list arguments "$@" || return 1
  if [[ $publish == true ]]; then
    if [[ $has_input == true ]]; then
      setup_json_file standard_input "$init_input" || return 1
    fi
    setup_json_file standard_output "$log/standard-output" || return 1
  else
    standard_output=null
  fi
  setup_json_file standard_error "$log/standard-error" || return 1
  setup_json_list targets ${observed[@]+"${observed[@]}"} || return 1
  setup_json_description description || return 1
  if [[ -n $RESOURCE_RELEASE ]]; then
    setup_json_text release "$RESOURCE_RELEASE" || return 1
    release=\"$release\"
  fi
  setup_json_text path "$mount" || return 1
  rest='"arguments":'$arguments',"has-standard-input":'$has_input',"standard-input":'$standard_input
  rest+=',"standard-output":'$standard_output$streams_json',"standard-error":'$standard_error',"status":'$status
  rest+=',"targets":'$targets',"transient":'$transient',"description":'$description
  event='{"type":"'$type'","hash":"'$hash'","index":'$index',"provenance":"new","originator-pid":'$originator','$rest
  if [[ $type != invalid-init ]]; then
    event+=',"path":"'$path'","release":'$release
  fi
  tail='"hash":"'$hash'","index":'$index','$rest',"path":"'$path'","release":'$release'}'
  printf '%s\n%s\n' "$event}" "$tail" >"$log/event-tail.json"
}

# setup_streams: sets streams to the JSON values (comma-separated) of the sizes and SHA-256
# digests of init's standard input (null, null without input) and output, from the files in the
# log. One sha256sum for the digests (file names are not printed: -z does not escape them, and
# only the digests are read); the sizes with builtins (setup_size), or one stat when a file is
# too large or too odd for that.
setup_streams() {
  local -a files=("$log/standard-output") sizes=() large=() digests=()
  local file size i output_size output_sha input_size=null input_sha=null
  [[ $has_input == false ]] || files=("$init_input" "$log/standard-output")
  for file in "${files[@]}"; do
    size=''
    setup_size size "$file" || large+=("$file")
    sizes+=("$size")
  done
  if ((${#large[@]})); then
    mapfile -t large < <(exec stat -L -c %s -- "${large[@]}")
    for i in "${!sizes[@]}"; do
      if [[ -z ${sizes[i]} ]]; then
        sizes[i]=${large[0]-}
        large=("${large[@]:1}")
      fi
    done
  fi
  mapfile -t -d '' digests < <(exec sha256sum -z -- "${files[@]}")
  ((${#digests[@]} == ${#files[@]})) || setup_fail "$hash" "cannot measure init's standard input and output"
  for i in "${!files[@]}"; do
    [[ ${sizes[i]} == [0-9]* && ${sizes[i]} != *[!0-9]* && ${digests[i]} == *' '* ]] ||
      setup_fail "$hash" "cannot measure init's standard input and output"
  done
  if [[ $has_input == true ]]; then
    input_size=${sizes[0]}
    input_sha=\"${digests[0]%% *}\"
    output_size=${sizes[1]}
    output_sha=\"${digests[1]%% *}\"
  else
    output_size=${sizes[0]}
    output_sha=\"${digests[0]%% *}\"
  fi
  streams=$input_size,$input_sha,$output_size,$output_sha
}

# setup_size OUTVAR FILE: the size of FILE in bytes, counted with builtins: read splits FILE at
# its NUL bytes (which bash cannot hold in a variable) and counts bytes (LC_ALL=C). Returns 1, for
# stat to measure, when FILE cannot be read, or when that would take long: past 16 KiB or 64
# NUL bytes (a stat process costs about as much).
setup_size() {
  local _chunk='' _size=0 _chunks=0
  [[ -f $2 && -r $2 ]] || return 1
  while IFS= read -r -d '' _chunk; do
    _size=$((_size + ${#_chunk} + 1))
    _chunks=$((_chunks + 1))
    ((_size <= 16384 && _chunks <= 64)) || return 1
  done <"$2"
  _size=$((_size + ${#_chunk}))
  ((_size <= 16384)) || return 1
  printf -v "$1" '%s' "$_size"
}

# setup_finish ARG…: the event, its tail and the lifecycle entry; then the canonical link, the
# event published and the path printed (valid), or the failure (invalid-init).
setup_finish() {
  # Events: this one, and the tail of a later stale event (log/INDEX/event-tail.json).
  has_input=true
  [[ $input != none ]] || has_input=false
  transient=false
  [[ -z $RESOURCE_TRANSIENT ]] || transient=true
  publish=false
  [[ ${RESOURCE_PUBLISH_STREAMS-} != 1 ]] || publish=true
  setup_streams
  if ! setup_event_in_bash "$@"; then
    setup_event_with_jq "$@" ||
      setup_fail "$hash" "cannot build the event (does RESOURCE_DESCRIPTION_FILE hold JSON?)"
  fi
  { IFS= read -r event && IFS= read -r tail; } <"$log/event-tail.json" || setup_fail "$hash" "cannot read the event"
  printf '%s' "$tail" >"$log/event-tail.json"
  # For the listeners: the event, and the resource's place in the lifecycle (valid: released once its
  # originators are gone; invalid-init: quarantined), before anyone can see the resource.
  printf '%s\n' "$event" >"$log/event.json"
  # (An entry that could not be written completely goes: the listeners would never leave it.)
  if ! { printf '%s\n' "$type" >"$dir/lifecycle/$index"; } 2>/dev/null; then
    rm -f -- "$dir/lifecycle/$index"
    setup_fail "$hash" "cannot write $dir/lifecycle/$index (is the disk full?)"
  fi

  if [[ $type == valid ]]; then
    if [[ -z $RESOURCE_TRANSIENT ]]; then
      # Atomic: made in place when there is none (one ln, which fails rather than replace), else a
      # link under a temporary name renamed over canonical/HASH (a link the release listener had
      # not yet taken away when this miss began).
      if [[ -e $dir/canonical/$hash || -L $dir/canonical/$hash ]] ||
        ! ln -sT -- "../mounts/$index" "$dir/canonical/$hash" 2>/dev/null; then
        if ! { ln -sfnT -- "../mounts/$index" "$dir/canonical/.$hash.$$" &&
          mv -T -- "$dir/canonical/.$hash.$$" "$dir/canonical/$hash"; }; then
          rm -f -- "$dir/canonical/.$hash.$$"
          setup_fail "$hash" "cannot create $dir/canonical/$hash"
        fi
      fi
    fi
    resource_publish "$event" || true
    printf '%s\n' "$mount"
  else
    resource_publish "$event" || true
    if [[ -n $lock ]]; then
      exec {lock}>&-
    fi
    resource_die "$hash" "${reasons[@]}"
  fi
}

main() {
  local input='' input_offset=0 hash_fd='' plain_hash='' text='' copy='' lock='' dir='' hash=''
  local token='' originator_variable='' originator='' originator_start=0
  local index='' gc_root='' mount='' log='' init_input=/dev/null status=0 type=''
  local has_input=true transient=false event='' tail='' setup_json_limit=65536 miss=''
  local publish=false streams='' folders_noted=''
  local -a reasons=() observed=()
  shopt -s lastpipe
  # RESOURCE_EVENT_TEXT_LIMIT: another limit, for tests (-1: jq builds every event).
  if [[ ${RESOURCE_EVENT_TEXT_LIMIT-} =~ ^-?[0-9]{1,9}$ ]]; then
    setup_json_limit=$RESOURCE_EVENT_TEXT_LIMIT
  fi
  setup_input
  setup_start_hash "$@"
  setup_configure
  setup_originator_pid
  setup_hash "$@"

  # 4. Hit (or, when the release listener took canonical/HASH away meanwhile, on to a miss). Nothing
  #    is read in a resources directory or GC-root folder that is not the user's or that group or
  #    others may write to (one stat; a missing folder is made by the miss, 0700).
  resource_gc_root gc_root
  resource_check_folders RESOURCES_DIRECTORY "$dir" RESOURCE_GC_ROOT "$gc_root"
  setup_note_checked
  if [[ -z $RESOURCE_TRANSIENT ]] && setup_cached "$dir" "$hash" index; then
    setup_hit "$dir" "$index" || true
  fi

  # 5. Miss: one setup per hash from here on (transient hashes are unique anyway). A command that
  #    fails from here on without its own handling (a full disk: a record that cannot be written)
  #    ends setup through the failure program, as every failure does, not with errexit's status.
  #    (errtrace: in the steps' functions too.) From here on a failure publishes an event.
  index=''
  miss=1
  set -o errtrace
  trap 'setup_fail "$hash" "setup failed at line $LINENO (is the disk full?)"' ERR
  setup_lock
  setup_prepare_init
  setup_record "$@"
  setup_run_init "$@"
  setup_validate
  setup_finish "$@"
}

main "$@"
