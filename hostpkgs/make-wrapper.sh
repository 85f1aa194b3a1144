# shellcheck shell=bash
# hostpkgs makeWrapper setup hook: makeWrapper/makeShellWrapper, wrapProgram/wrapProgramShell and
# assertExecutable with nixpkgs' flags (written for this project). @shell@ is replaced by the
# store path of bash when the hook package is built.

assertExecutable() {
    local file=$1
    if [[ ! -f $file ]]; then
        echo "assertExecutable: File $file does not exist" >&2
        return 1
    elif [[ ! -x $file ]]; then
        echo "assertExecutable: File $file is not executable" >&2
        return 1
    fi
}

# The shell statement that puts each SEP-separated item of VALUE in front of (or behind) VAR,
# moving an item that is already there instead of repeating it.
_hostpkgs_wrapperPathEdit() {
    local where=$1 var=$2 sep=$3 value=$4
    [[ -n $value ]] || return 0
    printf '_hostpkgs_edit %s %s %s %s\n' "$where" "$var" "${sep@Q}" "${value@Q}"
}

# The helper the statements above call, written once into a wrapper that needs it.
_hostpkgs_wrapperEditFunction() {
    cat <<'EOF'
_hostpkgs_edit() {
    local where=$1 var=$2 sep=$3 value=$4 item current result
    local -a items=()
    if [[ -n $sep ]]; then
        while [[ $value == *"$sep"* ]]; do items+=("${value%%"$sep"*}"); value=${value#*"$sep"}; done
    fi
    items+=("$value")
    if [[ $where == prefix ]]; then
        local -a reversed=()
        for item in "${items[@]}"; do reversed=("$item" "${reversed[@]}"); done
        items=("${reversed[@]}")
    fi
    for item in "${items[@]}"; do
        [[ -n $item ]] || continue
        current=${!var-}
        if [[ -n $sep && -n $current ]]; then
            result=$sep$current$sep
            while [[ $result == *"$sep$item$sep"* ]]; do result=${result/"$sep$item$sep"/"$sep"}; done
            result=${result#"$sep"}
            current=${result%"$sep"}
        fi
        if [[ $where == prefix ]]; then
            current=$item${current:+$sep$current}
        else
            current=${current:+$current$sep}$item
        fi
        export "$var=$current"
    done
}
EOF
}

# `makeShellWrapper EXECUTABLE WRAPPER FLAG…` (see nixpkgs' makeWrapper for the flags).
makeShellWrapper() {
    local original=$1 wrapper=$2
    shift 2
    assertExecutable "$original" || return 1
    local body='' needsEdit='' argv0='' flagsBefore='' flagsAfter='' item
    while (($#)); do
        case $1 in
        --set)
            body+="export $2=${3@Q}"$'\n'
            shift 3
            ;;
        --set-default)
            body+="export $2=\${$2-${3@Q}}"$'\n'
            shift 3
            ;;
        --unset)
            body+="unset $2"$'\n'
            shift 2
            ;;
        --chdir)
            body+="cd ${2@Q}"$'\n'
            shift 2
            ;;
        --run)
            body+="$2"$'\n'
            shift 2
            ;;
        --prefix | --suffix)
            body+=$(_hostpkgs_wrapperPathEdit "${1#--}" "$2" "$3" "$4")$'\n'
            needsEdit=1
            shift 4
            ;;
        --prefix-each | --suffix-each)
            for item in $4; do
                body+=$(_hostpkgs_wrapperPathEdit "${1#--}" "$2" "$3" "$item")$'\n'
            done
            needsEdit=1
            shift 4
            ;;
        --prefix-contents | --suffix-contents)
            local where=${1#--}
            where=${where%-contents}
            for item in $4; do
                body+=$(_hostpkgs_wrapperPathEdit "$where" "$2" "$3" "$(<"$item")")$'\n'
            done
            needsEdit=1
            shift 4
            ;;
        --add-flags)
            flagsBefore+=" $2"
            shift 2
            ;;
        --append-flags)
            flagsAfter+=" $2"
            shift 2
            ;;
        --argv0)
            argv0="-a ${2@Q} "
            shift 2
            ;;
        --inherit-argv0)
            # shellcheck disable=SC2016 # expanded by the wrapper
            argv0='-a "$0" '
            shift
            ;;
        --resolve-argv0)
            # shellcheck disable=SC2016 # expanded by the wrapper
            argv0='-a "$(if [[ $0 == */* ]]; then printf %s "$0"; else command -v -- "$0" || printf %s "$0"; fi)" '
            shift
            ;;
        *)
            echo "makeWrapper: Unknown argument $1" >&2
            return 1
            ;;
        esac
    done
    mkdir -p -- "$(dirname -- "$wrapper")"
    {
        printf '#! %s -e\n' "@shell@"
        if [[ -n $needsEdit ]]; then _hostpkgs_wrapperEditFunction; fi
        printf '%s' "$body"
        printf 'exec %s%s%s "$@"%s\n' "$argv0" "${original@Q}" "$flagsBefore" "$flagsAfter"
    } >"$wrapper"
    chmod +x -- "$wrapper"
}

makeWrapper() {
    makeShellWrapper "$@"
}

# `wrapProgramShell PROGRAM FLAG…`: move PROGRAM to .PROGRAM-wrapped next to it and put a wrapper
# (with --inherit-argv0) in its place.
wrapProgramShell() {
    local program=$1
    shift
    assertExecutable "$program" || return 1
    local hidden
    hidden="$(dirname -- "$program")/.$(basename -- "$program")-wrapped"
    while [[ -e $hidden ]]; do
        hidden+=_
    done
    mv -- "$program" "$hidden"
    makeShellWrapper "$hidden" "$program" --inherit-argv0 "$@"
}

wrapProgram() {
    wrapProgramShell "$@"
}
