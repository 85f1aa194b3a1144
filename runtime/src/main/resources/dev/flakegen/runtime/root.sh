# shellcheck shell=bash
# root PATH [NAME]: keeps PATH alive while the resource lives: a link NAME to PATH in
# $RESOURCE_GC_ROOT/$RESOURCE_INDEX/, registered as an indirect Nix GC root when PATH is in the
# Nix store (runtime/README.md, "root"). Prints the link's path. lib/common.sh precedes this.

main() {
  (($# == 1 || $# == 2)) || resource_die root "usage: root PATH [NAME]"
  [[ -n ${RESOURCE_INDEX-} ]] || resource_die root "RESOURCE_INDEX is not set (root runs inside init)"
  [[ $RESOURCE_INDEX =~ ^[0-9]+$ ]] || resource_die root "RESOURCE_INDEX is not an index: $RESOURCE_INDEX"
  target=$1
  [[ -n $target && -e $target ]] || resource_die root "no such path: $target"
  [[ $target == /* ]] || target=$PWD/$target
  # Inside init the resource directory is /mount: link its host path (RESOURCE_MOUNT), the path the
  # release listener looks for.
  wrap_root=${RESOURCE_WRAP_ROOT:-/mount}
  wrap_root=${wrap_root%/}
  if [[ -n ${RESOURCE_MOUNT-} && -n $wrap_root && ($target == "$wrap_root" || $target == "$wrap_root"/*) ]]; then
    target=$RESOURCE_MOUNT${target#"$wrap_root"}
  fi
  gc_root=''
  resource_gc_root gc_root
  resource_check_folder RESOURCE_GC_ROOT "$gc_root" create
  folder=$gc_root/$RESOURCE_INDEX
  if [[ ! -d $folder ]]; then
    mkdir -p -- "$folder" || resource_die root "cannot create $folder"
  fi

  # The link: ln -s fails when the name is taken, so concurrent roots never share a name.
  if (($# == 2)); then
    name=$2
    [[ -n $name && $name != . && $name != .. && $name != */* ]] || resource_die root "not a file name: $name"
    link=$folder/$name
    ln -s -- "$target" "$link" 2>/dev/null || resource_die root "cannot create $link (does it exist?)"
  else
    base=${target%/}
    base=${base##*/}
    [[ -n $base && $base != . && $base != .. ]] || base=root
    link=$folder/$base
    suffix=0
    until ln -s -- "$target" "$link" 2>/dev/null; do
      [[ -e $link || -L $link ]] || resource_die root "cannot create $link"
      suffix=$((suffix + 1))
      link=$folder/$base-$suffix
    done
  fi

  # In the store: also an indirect GC root. nix-store points the link at the store path that holds
  # PATH; for a path inside a store path it is pointed back at PATH (the root holds either way).
  store=${NIX_STORE_DIR:-/nix/store}
  store=${store%/}
  if [[ $target == "$store"/?* ]]; then
    rest=${target#"$store"/}
    store_path=$store/${rest%%/*}
    if output=$(nix-store --add-root "$link" --indirect --realise "$target" 2>&1); then
      if [[ $target != "$store_path" && $target != "$store_path/" ]]; then
        temporary=$folder/.root.$$
        if ! { ln -sfnT -- "$target" "$temporary" && mv -T -- "$temporary" "$link"; }; then
          resource_die root "cannot point $link at $target"
        fi
      fi
    elif [[ ${RESOURCE_VERBOSE-} == 1 ]]; then
      printf 'root: %s is a plain link, not a Nix GC root: %s\n' "$link" "$output" >&2
    fi
  fi
  printf '%s\n' "$link"
}

main "$@"
