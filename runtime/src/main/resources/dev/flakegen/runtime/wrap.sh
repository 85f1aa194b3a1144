# shellcheck shell=bash
# wrap INPUT OUTPUT MODE [DIRECTIVE…]: copies the template INPUT to /mount/OUTPUT, replacing its
# placeholders as the directives say, and sets MODE (runtime/README.md, "wrap").
# RESOURCE_WRAP_ROOT replaces /mount (tests). Every failure is one line on standard error, exit 64.
# Stands alone (lib/common.sh may precede it, or not).

# Bytes, and ASCII ranges in patterns, whatever the caller's locale.
LC_ALL=C

# wrap_fail MESSAGE
wrap_fail() {
  printf 'wrap: %s\n' "$1" >&2
  exit 64
}

# wrap_show OUTVAR TEXT: TEXT for a one-line message: as is when it is made of safe characters,
# else quoted ('…' or $'…').
wrap_show() {
  if [[ -n $2 && $2 != *[!A-Za-z0-9_./:=@%+-]* ]]; then
    printf -v "$1" '%s' "$2"
  else
    printf -v "$1" '%s' "${2@Q}"
  fi
}

main() {
  (($# >= 3)) || wrap_fail "usage: wrap INPUT OUTPUT MODE [DIRECTIVE…]"
  input=$1
  output=$2
  mode=$3
  shift 3
  shown=''
  [[ $mode =~ ^[0-7]{1,4}$ ]] || {
    wrap_show shown "$mode"
    wrap_fail "MODE is not an octal mode: $shown"
  }

  # Directives: what to do with each placeholder, keyed "brace:NAME" or "plain:NAME".
  declare -A action=() replacement=() label=() environment=()
  keys=()
  environment_read=''
  while (($#)); do
    directive=$1
    case $directive in
    --inherit-brace | --inherit-plain | --set-brace | --set-plain | --literal-brace | --literal-plain) ;;
    *)
      wrap_show shown "$directive"
      wrap_fail "unknown directive: $shown"
      ;;
    esac
    (($# >= 2)) || wrap_fail "$directive needs a NAME"
    name=$2
    [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || {
      wrap_show shown "$name"
      wrap_fail "$directive: not a placeholder name: $shown"
    }
    key=${directive##*-}:$name
    [[ -z ${action[$key]-} ]] || wrap_fail "two directives for one placeholder: ${label[$key]} and $directive $name"
    label[$key]="$directive $name"
    keys+=("$key")
    case $directive in
    --set-*)
      (($# >= 3)) || wrap_fail "$directive $name needs a VALUE"
      action[$key]=replace
      replacement[$key]=$3
      shift 3
      ;;
    --inherit-*)
      # The environment wrap was started with, exactly (not wrap's own variables).
      if [[ -z $environment_read ]]; then
        entries=()
        mapfile -t -d '' entries <"/proc/$$/environ" || wrap_fail "cannot read the environment (/proc/$$/environ)"
        for entry in "${entries[@]}"; do
          if [[ $entry == ?*=* ]]; then
            environment[${entry%%=*}]=${entry#*=}
          fi
        done
        environment_read=1
      fi
      [[ -n ${environment[$name]+set} ]] || wrap_fail "$directive $name: environment variable $name is not set"
      action[$key]=replace
      replacement[$key]=${environment[$name]}
      shift 2
      ;;
    --literal-*)
      action[$key]=literal
      shift 2
      ;;
    esac
  done

  [[ -f $input && -r $input ]] || {
    wrap_show shown "$input"
    wrap_fail "INPUT is not a readable file: $shown"
  }
  root=${RESOURCE_WRAP_ROOT:-/mount}
  [[ -d $root ]] || {
    wrap_show shown "$root"
    wrap_fail "$shown does not exist (wrap runs inside init)"
  }
  wrap_show shown "$output"
  [[ -n $output && $output != /* && $output != */ && /$output/ != */../* ]] ||
    wrap_fail "OUTPUT must be a relative file path without '..': $shown"
  target=$root/$output
  [[ ! -e $target && ! -L $target ]] || wrap_fail "OUTPUT exists: $shown"

  # The template: text without NUL bytes, split after each "$".
  if IFS= read -r -d '' _ <"$input"; then
    wrap_show shown "$input"
    wrap_fail "INPUT contains a NUL byte: $shown"
  fi
  parts=()
  mapfile -d '$' parts <"$input" || wrap_fail "cannot read INPUT"
  declare -A used=()
  missing=()
  text=''
  after_dollar=''
  for part in "${parts[@]}"; do
    body=${part%'$'}
    if [[ -n $after_dollar ]]; then
      if [[ $body =~ ^\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; then
        key=brace:${BASH_REMATCH[1]}
        placeholder='$'${BASH_REMATCH[0]}
      elif [[ $body =~ ^[A-Za-z_][A-Za-z0-9_]* ]]; then
        key=plain:${BASH_REMATCH[0]}
        placeholder='$'${BASH_REMATCH[0]}
      else
        key=''
        placeholder='$'
      fi
      if [[ -z $key ]]; then
        text+=$placeholder
      elif [[ ${action[$key]-} == replace ]]; then
        text+=${replacement[$key]}
      else
        text+=$placeholder
        [[ -n ${action[$key]-} || -n ${used[$key]-} ]] || missing+=("$placeholder")
      fi
      [[ -z $key ]] || used[$key]=1
      text+=${body:${#placeholder}-1}
    else
      text+=$body
    fi
    if [[ $part == *'$' ]]; then
      after_dollar=1
    else
      after_dollar=''
    fi
  done
  if [[ -n $after_dollar ]]; then
    text+='$'
  fi
  ((${#missing[@]} == 0)) || wrap_fail "INPUT has placeholders no directive accounts for: ${missing[*]}"
  for key in "${keys[@]}"; do
    [[ -n ${used[$key]-} ]] || wrap_fail "${label[$key]}: INPUT has no such placeholder"
  done

  # OUTPUT: created (never overwritten: noclobber), then given MODE.
  parent=${target%/*}
  if [[ ! -d $parent ]]; then
    mkdir -p -- "$parent" || wrap_fail "cannot create the folder of OUTPUT: $shown"
  fi
  set -o noclobber
  printf '%s' "$text" >"$target" 2>/dev/null || wrap_fail "cannot create OUTPUT (does it exist?): $shown"
  chmod -- "$mode" "$target" || wrap_fail "cannot set the mode of OUTPUT: $shown"
}

main "$@"
