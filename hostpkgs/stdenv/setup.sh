# shellcheck shell=bash
# hostpkgs stdenv: the shell library every stdenv.mkDerivation builder sources ($stdenv/setup).
# Written for flakegen's host package set; it follows nixpkgs' conventions (phases, hooks, input
# activation, dont*/do* switches) without being nixpkgs' setup.sh. The stdenv derivation prepends
# two assignments: `initialPath` (store paths of the always-available tools) and `shell` (bash).
# shellcheck disable=SC2154 # $initialPath, $shell, $out and the derivation's attributes come from outside

set -eu
set -o pipefail
shopt -s inherit_errexit

# Nix starts the builder as plain `bash` with PATH unset, so bash guesses $BASH/$SHELL from the
# build user's login shell (/usr/sbin/nologin). Use the real one.
BASH=$shell
export SHELL=$shell
export CONFIG_SHELL=$shell
: "${outputs:=out}"
: "${out:=}"
: "${prefix:=$out}"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-315532800}
export NIX_BUILD_CORES=${NIX_BUILD_CORES:-1}

# ---- hooks -----------------------------------------------------------------------------------

# Run one hook value: a shell function (called with the arguments) or a string (evaluated).
_hostpkgs_runHookValue() {
    local hook=$1
    shift
    if declare -F -- "$hook" >/dev/null; then
        "$hook" "$@"
    else
        eval "$hook"
    fi
}

# `runHook NAME [ARGS…]`: the implicit hook NAME (a function of that name, or a non-empty variable
# evaluated as shell text), then every entry of the array `<NAME without Hook>Hooks`.
runHook() {
    local hookName=$1
    shift
    if declare -F -- "$hookName" >/dev/null; then
        "$hookName" "$@"
    elif [[ -n ${!hookName:-} ]]; then
        eval "${!hookName}"
    fi
    local arrayName="${hookName%Hook}Hooks"
    if declare -p -- "$arrayName" &>/dev/null; then
        local hooksRef="${arrayName}[@]"
        local hook
        for hook in "${!hooksRef}"; do
            _hostpkgs_runHookValue "$hook" "$@"
        done
    fi
    return 0
}

# Like runHook, but stops at the first hook that succeeds; fails if none did.
runOneHook() {
    local hookName=$1
    shift
    if declare -F -- "$hookName" >/dev/null; then
        "$hookName" "$@" && return 0
    elif [[ -n ${!hookName:-} ]]; then
        eval "${!hookName}" && return 0
    fi
    local arrayName="${hookName%Hook}Hooks"
    if declare -p -- "$arrayName" &>/dev/null; then
        local hooksRef="${arrayName}[@]"
        local hook
        for hook in "${!hooksRef}"; do
            _hostpkgs_runHookValue "$hook" "$@" && return 0
        done
    fi
    return 1
}

declare -a envHooks=()
# `addEnvHooks OFFSET FUNCTION…`: FUNCTION is called once per build input (with its path).
addEnvHooks() {
    shift
    envHooks+=("$@")
}

# ---- small helpers ---------------------------------------------------------------------------

# `addToSearchPath VAR DIR`: append DIR to the colon-separated VAR if DIR exists.
addToSearchPath() {
    local var=$1 dir=$2
    if [[ -d $dir ]]; then
        export "$var=${!var:+${!var}:}$dir"
    fi
}

# The name of a store path without its hash part.
stripHash() {
    local name=${1##*/}
    if [[ $name =~ ^[0-9a-z]{32}- ]]; then
        printf '%s\n' "${name:33}"
    else
        printf '%s\n' "$name"
    fi
}

# The output names of this derivation.
getAllOutputNames() {
    printf '%s\n' "$outputs"
}

isScript() {
    local magic=
    IFS= read -r -n 2 magic <"$1" 2>/dev/null || true
    [[ $magic == '#!' ]]
}

# ---- substitution ----------------------------------------------------------------------------

# `substitute INPUT OUTPUT [--replace-fail|--replace-warn|--replace-quiet|--replace A B]
#  [--subst-var NAME] [--subst-var-by NAME VALUE]…` (OUTPUT may be INPUT).
substitute() {
    local input=$1 output=$2
    shift 2
    if [[ ! -f $input ]]; then
        echo "substitute(): ERROR: file '$input' does not exist" >&2
        return 1
    fi
    local content
    content=$(cat -- "$input"; printf x)
    content=${content%x}
    local pattern replacement mode
    while (($#)); do
        case $1 in
        --replace-fail | --replace-warn | --replace-quiet | --replace)
            mode=$1 pattern=$2 replacement=$3
            shift 3
            if [[ $content != *"$pattern"* ]]; then
                case $mode in
                --replace-fail)
                    echo "substitute(): ERROR: pattern '$pattern' doesn't match anything in file '$input'" >&2
                    return 1
                    ;;
                --replace-warn | --replace)
                    echo "substitute(): WARNING: pattern '$pattern' doesn't match anything in file '$input'" >&2
                    ;;
                esac
            fi
            content=${content//"$pattern"/"$replacement"}
            ;;
        --subst-var)
            local varName=$2
            shift 2
            if [[ ! $varName =~ ^[a-zA-Z_][a-zA-Z0-9_]*$ ]]; then
                echo "substitute(): ERROR: substitution variables must be valid Bash names, \"$varName\" isn't." >&2
                return 1
            fi
            if [[ -z ${!varName+set} ]]; then
                echo "substitute(): ERROR: variable \$$varName is unset" >&2
                return 1
            fi
            content=${content//"@$varName@"/"${!varName}"}
            ;;
        --subst-var-by)
            content=${content//"@$2@"/"$3"}
            shift 3
            ;;
        *)
            echo "substitute(): ERROR: Invalid command line argument: $1" >&2
            return 1
            ;;
        esac
    done
    local tmp="$output.hostpkgs-substitute.$$"
    printf '%s' "$content" >"$tmp"
    if [[ -e $output ]]; then
        chmod --reference="$input" "$tmp" 2>/dev/null || true
    fi
    mv -f -- "$tmp" "$output"
}

# `substituteInPlace FILE… ARGS…` (ARGS as for substitute).
substituteInPlace() {
    local files=()
    while (($#)) && [[ $1 != --* ]]; do
        files+=("$1")
        shift
    done
    local file
    for file in "${files[@]}"; do
        substitute "$file" "$file" "$@"
    done
}

# `substituteAll INPUT OUTPUT`: replace @name@ by the value of every exported variable whose name
# starts with a lower-case letter.
substituteAll() {
    local input=$1 output=$2 args=() name
    for name in $(compgen -e); do
        if [[ $name =~ ^[a-z][a-zA-Z0-9_]*$ ]]; then
            args+=(--subst-var "$name")
        fi
    done
    substitute "$input" "$output" "${args[@]}"
}

substituteAllInPlace() {
    substituteAll "$1" "$1"
}

# ---- shebangs --------------------------------------------------------------------------------

# `patchShebangs PATH…`: in every executable file under PATH whose interpreter is not in the store,
# replace `#!/usr/bin/env NAME ARGS` and `#!/some/dir/NAME ARGS` by the NAME found on PATH (when that
# is a store path).
patchShebangs() {
    while (($#)); do
        case $1 in
        --build | --host | --update) shift ;;
        --) shift && break ;;
        *) break ;;
        esac
    done
    local root file
    for root in "$@"; do
        while IFS= read -r -d '' file; do
            _hostpkgs_patchShebang "$file"
        done < <(find "$root" -type f -perm -0100 -print0)
    done
}

_hostpkgs_patchShebang() {
    local file=$1
    isScript "$file" || return 0
    local first
    IFS= read -r first <"$file" || true
    local line=${first#'#!'}
    line=${line#"${line%%[![:space:]]*}"}
    local interpreter=${line%%[[:space:]]*}
    local rest=${line:${#interpreter}}
    [[ -n $interpreter && $interpreter != "$NIX_STORE"/* ]] || return 0
    local name interpreterArgs=''
    if [[ $interpreter == */env || $interpreter == env ]]; then
        rest=${rest#"${rest%%[![:space:]]*}"}
        if [[ $rest == -* ]]; then
            echo "$file: leaving interpreter directive \"$first\" alone (env flags are not handled)"
            return 0
        fi
        name=${rest%%[[:space:]]*}
        interpreterArgs=${rest:${#name}}
    else
        name=${interpreter##*/}
        interpreterArgs=$rest
    fi
    [[ -n $name ]] || return 0
    local found
    found=$(command -v -- "$name" || true)
    if [[ $found != "$NIX_STORE"/* ]]; then
        echo "$file: no interpreter '$name' found on PATH in the store, keeping \"$first\""
        return 0
    fi
    local newLine="#!$found$interpreterArgs"
    local tmp="$file.hostpkgs-shebang.$$"
    {
        printf '%s\n' "$newLine"
        tail -n +2 -- "$file"
    } >"$tmp"
    local writable=1
    [[ -w $file ]] || { writable= && chmod u+w -- "$file"; }
    cat -- "$tmp" >"$file"
    rm -f -- "$tmp"
    [[ -n $writable ]] || chmod u-w -- "$file"
    echo "$file: interpreter directive changed from \"$first\" to \"$newLine\""
}

# ---- input activation ------------------------------------------------------------------------

declare -a pkgsInputs=()
declare -A _hostpkgs_seenInputs=()

_hostpkgs_findInputs() {
    local pkg=$1
    [[ -z ${_hostpkgs_seenInputs[$pkg]-} ]] || return 0
    _hostpkgs_seenInputs[$pkg]=1
    if [[ ! -e $pkg ]]; then
        echo "build input $pkg does not exist" >&2
        exit 1
    fi
    pkgsInputs+=("$pkg")
    local file dep
    for file in propagated-native-build-inputs propagated-build-inputs; do
        if [[ -f $pkg/nix-support/$file ]]; then
            for dep in $(<"$pkg/nix-support/$file"); do
                _hostpkgs_findInputs "$dep"
            done
        fi
    done
}

_hostpkgs_activateInputs() {
    local pkg
    # shellcheck disable=SC2086 # input lists are space-separated store paths
    for pkg in ${nativeBuildInputs:-} ${propagatedNativeBuildInputs:-} ${buildInputs:-} \
        ${propagatedBuildInputs:-} ${depsBuildBuild:-}; do
        _hostpkgs_findInputs "$pkg"
    done

    local inputPath='' initial=''
    for pkg in "${pkgsInputs[@]}"; do
        if [[ -d $pkg/bin ]]; then
            inputPath+="${inputPath:+:}$pkg/bin"
        fi
    done
    # shellcheck disable=SC2086
    for pkg in $initialPath; do
        initial+="${initial:+:}$pkg/bin"
    done
    PATH="$inputPath${inputPath:+:}$initial"
    export PATH

    for pkg in "${pkgsInputs[@]}"; do
        if [[ -f $pkg ]]; then
            # shellcheck disable=SC1090
            source "$pkg"
        elif [[ -f $pkg/nix-support/setup-hook ]]; then
            # shellcheck disable=SC1091
            source "$pkg/nix-support/setup-hook"
        fi
    done
    local hook
    for hook in "${envHooks[@]}"; do
        for pkg in "${pkgsInputs[@]}"; do
            "$hook" "$pkg"
        done
    done
}

# ---- phases ----------------------------------------------------------------------------------

unpackFile() {
    curSrc=$1
    echo "unpacking source archive $curSrc"
    if runOneHook unpackCmd "$curSrc"; then
        return 0
    fi
    if [[ -d $curSrc ]]; then
        local destination
        destination=$(stripHash "$curSrc")
        if [[ -e $destination ]]; then
            echo "unpacking $curSrc: $destination already exists" >&2
            return 1
        fi
        cp -r --preserve=mode,timestamps --reflink=auto -- "$curSrc" "$destination"
        return 0
    fi
    case $curSrc in
    *.tar | *.tar.* | *.tgz | *.tbz | *.tbz2 | *.txz | *.tlz)
        tar xf "$curSrc" --mode=+w --warning=no-timestamp
        ;;
    *.zip | *.ZIP | *.jar)
        unzip -qq "$curSrc"
        ;;
    *)
        echo "do not know how to unpack source archive $curSrc" >&2
        return 1
        ;;
    esac
}

unpackPhase() {
    runHook preUnpack
    if [[ -z ${srcs:-} ]]; then
        if [[ -z ${src:-} ]]; then
            # shellcheck disable=SC2016 # the message names the variables
            echo 'variable $src or $srcs should point to the source' >&2
            exit 1
        fi
        srcs=$src
    fi

    local dirsBefore=" " entry
    for entry in *; do
        if [[ -d $entry ]]; then dirsBefore+="$entry "; fi
    done

    local oneSrc
    # shellcheck disable=SC2086 # srcs is a space-separated list
    for oneSrc in $srcs; do
        unpackFile "$oneSrc"
    done

    : "${sourceRoot=}"
    if [[ -n ${setSourceRoot:-} ]]; then
        runOneHook setSourceRoot
    elif [[ -z $sourceRoot ]]; then
        for entry in *; do
            if [[ -d $entry && $dirsBefore != *" $entry "* ]]; then
                if [[ -n $sourceRoot ]]; then
                    echo "unpacker produced multiple directories" >&2
                    exit 1
                fi
                sourceRoot=$entry
            fi
        done
    fi
    if [[ -z $sourceRoot ]]; then
        echo "unpacker appears to have produced no directories" >&2
        exit 1
    fi
    echo "source root is $sourceRoot"
    if [[ -z ${dontMakeSourcesWritable:-} ]]; then
        chmod -R u+w -- "$sourceRoot"
    fi
    runHook postUnpack
}

patchPhase() {
    runHook prePatch
    local patch
    # shellcheck disable=SC2086 # patches is a space-separated list
    for patch in ${patches:-}; do
        echo "applying patch $patch"
        local uncompress=(cat)
        case $patch in
        *.gz) uncompress=(gzip -d) ;;
        *.bz2) uncompress=(bzip2 -d) ;;
        *.xz | *.lzma) uncompress=(xz -d) ;;
        esac
        # shellcheck disable=SC2086 # patchFlags are words
        "${uncompress[@]}" <"$patch" | patch ${patchFlags:--p1}
    done
    runHook postPatch
}

configurePhase() {
    runHook preConfigure
    : "${configureScript=}"
    if [[ -z $configureScript && -x ./configure ]]; then
        configureScript=./configure
    fi
    if [[ -n $configureScript ]]; then
        local flags=()
        if [[ -z ${dontAddPrefix:-} && -n $prefix ]]; then
            flags+=("${prefixKey:---prefix=}$prefix")
        fi
        # shellcheck disable=SC2206 # configureFlags are words
        flags+=(${configureFlags:-} ${configureFlagsArray[@]+"${configureFlagsArray[@]}"})
        echo "configure flags: ${flags[*]}"
        # shellcheck disable=SC2086 # the script may carry arguments
        $configureScript "${flags[@]}"
    else
        echo "no configure script, doing nothing"
    fi
    runHook postConfigure
}

# make's arguments shared by the build, check and install phases.
_hostpkgs_makeArgs() {
    _makeArgs=()
    if [[ -n ${makefile:-} ]]; then _makeArgs+=(-f "$makefile"); fi
    if [[ -n ${enableParallelBuilding:-} ]]; then
        _makeArgs+=("-j$NIX_BUILD_CORES" "-l$NIX_BUILD_CORES")
    fi
    _makeArgs+=("SHELL=$SHELL")
    # shellcheck disable=SC2206 # makeFlags are words
    _makeArgs+=(${makeFlags:-} ${makeFlagsArray[@]+"${makeFlagsArray[@]}"})
}

_hostpkgs_hasMakefile() {
    [[ -n ${makefile:-} || -e Makefile || -e makefile || -e GNUmakefile ]]
}

buildPhase() {
    runHook preBuild
    if [[ -z ${makeFlags:-} ]] && ! _hostpkgs_hasMakefile; then
        echo "no Makefile or custom buildPhase, doing nothing"
    else
        local _makeArgs
        _hostpkgs_makeArgs
        # shellcheck disable=SC2206 # buildFlags are words
        local flags=("${_makeArgs[@]}" ${buildFlags:-} ${buildFlagsArray[@]+"${buildFlagsArray[@]}"})
        echo "build flags: ${flags[*]}"
        make "${flags[@]}"
    fi
    runHook postBuild
}

checkPhase() {
    runHook preCheck
    local _makeArgs
    _hostpkgs_makeArgs
    if [[ -z ${checkTarget:-} ]]; then
        if make -n "${_makeArgs[@]}" check &>/dev/null; then
            checkTarget=check
        elif make -n "${_makeArgs[@]}" test &>/dev/null; then
            checkTarget='test'
        fi
    fi
    if [[ -z ${checkTarget:-} ]]; then
        echo "no check/test target in ${makefile:-Makefile}, doing nothing"
    else
        # shellcheck disable=SC2206 # checkFlags are words
        local flags=("${_makeArgs[@]}" ${checkFlags:-VERBOSE=y} ${checkFlagsArray[@]+"${checkFlagsArray[@]}"} "$checkTarget")
        echo "check flags: ${flags[*]}"
        make "${flags[@]}"
    fi
    runHook postCheck
}

installPhase() {
    runHook preInstall
    if [[ -n $prefix ]]; then
        mkdir -p -- "$prefix"
    fi
    local _makeArgs
    _hostpkgs_makeArgs
    # shellcheck disable=SC2206 # installFlags and installTargets are words
    local flags=("${_makeArgs[@]}" ${installFlags:-} ${installFlagsArray[@]+"${installFlagsArray[@]}"} ${installTargets:-install})
    echo "install flags: ${flags[*]}"
    make "${flags[@]}"
    runHook postInstall
}

_hostpkgs_patchShebangsAuto() {
    if [[ -z ${dontPatchShebangs:-} && -e $prefix ]]; then
        patchShebangs "$prefix"
    fi
}
# shellcheck disable=SC2034 # read by runHook through indirection
declare -a fixupOutputHooks=(_hostpkgs_patchShebangsAuto)

fixupPhase() {
    local output
    for output in $outputs; do
        if [[ -e ${!output} ]]; then
            chmod -R u+w -- "${!output}"
        fi
    done
    runHook preFixup
    for output in $outputs; do
        prefix=${!output} runHook fixupOutput
    done
    if [[ -n ${propagatedBuildInputs:-} ]]; then
        mkdir -p -- "$out/nix-support"
        printf '%s\n' "$propagatedBuildInputs" >"$out/nix-support/propagated-build-inputs"
    fi
    if [[ -n ${propagatedNativeBuildInputs:-} ]]; then
        mkdir -p -- "$out/nix-support"
        printf '%s\n' "$propagatedNativeBuildInputs" >"$out/nix-support/propagated-native-build-inputs"
    fi
    if [[ -n ${setupHook:-} ]]; then
        mkdir -p -- "$out/nix-support"
        substituteAll "$setupHook" "$out/nix-support/setup-hook"
    fi
    runHook postFixup
}

installCheckPhase() {
    runHook preInstallCheck
    local _makeArgs
    _hostpkgs_makeArgs
    if [[ -z ${installCheckTarget:-} ]] && ! make -n "${_makeArgs[@]}" installcheck &>/dev/null; then
        echo "no installcheck target in ${makefile:-Makefile}, doing nothing"
    else
        # shellcheck disable=SC2086 # installCheckFlags are words
        make "${_makeArgs[@]}" ${installCheckFlags:-} "${installCheckTarget:-installcheck}"
    fi
    runHook postInstallCheck
}

distPhase() {
    runHook preDist
    local _makeArgs
    _hostpkgs_makeArgs
    # shellcheck disable=SC2086 # distFlags are words
    make "${_makeArgs[@]}" ${distFlags:-} "${distTarget:-dist}"
    if [[ -z ${dontCopyDist:-} ]]; then
        mkdir -p -- "$out/tarballs"
        # shellcheck disable=SC2086 # tarballs is a glob
        cp -pvd ${tarballs:-*.tar.gz} "$out/tarballs"
    fi
    runHook postDist
}

# `runPhase NAME`: honours dont*/do* switches, then runs the variable NAME (shell text) if it is
# set and non-empty, else the function NAME.
runPhase() {
    local curPhase=$1
    case $curPhase in
    unpackPhase) [[ -z ${dontUnpack:-} ]] || return 0 ;;
    patchPhase) [[ -z ${dontPatch:-} ]] || return 0 ;;
    configurePhase) [[ -z ${dontConfigure:-} ]] || return 0 ;;
    buildPhase) [[ -z ${dontBuild:-} ]] || return 0 ;;
    checkPhase) [[ -n ${doCheck:-} ]] || return 0 ;;
    installPhase) [[ -z ${dontInstall:-} ]] || return 0 ;;
    fixupPhase) [[ -z ${dontFixup:-} ]] || return 0 ;;
    installCheckPhase) [[ -n ${doInstallCheck:-} ]] || return 0 ;;
    distPhase) [[ -n ${doDist:-} ]] || return 0 ;;
    esac
    echo "Running phase: $curPhase"
    if [[ -n ${!curPhase:-} ]]; then
        eval "${!curPhase}"
    else
        "$curPhase"
    fi
    if [[ $curPhase == unpackPhase ]]; then
        cd -- "${sourceRoot:-.}"
    fi
}

genericBuild() {
    if [[ -n ${buildCommandPath:-} ]]; then
        # shellcheck disable=SC1090
        source "$buildCommandPath"
        return
    fi
    if [[ -n ${buildCommand:-} ]]; then
        eval "$buildCommand"
        return
    fi
    if [[ -z ${phases:-} ]]; then
        phases="${prePhases[*]:-} unpackPhase patchPhase ${preConfigurePhases[*]:-} configurePhase \
${preBuildPhases[*]:-} buildPhase checkPhase ${preInstallPhases[*]:-} installPhase \
${preFixupPhases[*]:-} fixupPhase installCheckPhase ${preDistPhases[*]:-} distPhase \
${postPhases[*]:-}"
    fi
    local curPhase
    # shellcheck disable=SC2048 # phases is a space-separated list
    for curPhase in ${phases[*]}; do
        runPhase "$curPhase"
    done
}

_hostpkgs_activateInputs
runHook postHook
