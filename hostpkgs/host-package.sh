# shellcheck shell=bash
# Builder of a host package (hostpkgs L0): copies the host's binaries into $out/bin.
# Runs as the build user with PATH=/path-not-set and only the derivation's attributes:
#   pname          package name (for messages)
#   bins           space-separated entries NAME or NAME=HOSTNAME: $out/bin/NAME is a copy of the
#                  host executable HOSTNAME, looked up in /usr/bin /usr/sbin /bin /sbin
#   links          space-separated entries NAME=TARGET: $out/bin/NAME is a symlink to TARGET
#   extraCommands  shell text run at the end (with $out/bin filled)
# shellcheck disable=SC2154 # the variables above and $out come from Nix
set -eu -o pipefail
PATH=/usr/bin:/bin
export PATH

mkdir -p "$out/bin"
# Look everything up first (bash only), then copy with as few processes as possible.
sameName=()
for entry in $bins; do
    name=${entry%%=*}
    hostName=${entry#*=}
    found=''
    for dir in /usr/bin /usr/sbin /bin /sbin; do
        if [[ -f $dir/$hostName && -x $dir/$hostName ]]; then
            found=$dir/$hostName
            break
        fi
    done
    if [[ -z $found ]]; then
        echo "hostpkgs: '$hostName' is not installed on this host (package $pname needs it)" >&2
        exit 1
    fi
    # Copies, not symlinks: inside an FHS environment /usr/bin is the environment's own.
    if [[ $name == "$hostName" ]]; then
        sameName+=("$found")
    else
        cp -L -- "$found" "$out/bin/$name"
    fi
done
if ((${#sameName[@]})); then
    cp -L -- "${sameName[@]}" "$out/bin/"
fi
# The store accepts no setuid/setgid bits (util-linux has some); everything read-only.
if [[ -n $bins ]]; then
    chmod 0555 -- "$out"/bin/*
fi
for entry in ${links:-}; do
    ln -s -- "${entry#*=}" "$out/bin/${entry%%=*}"
done
eval "${extraCommands:-}"
