# shellcheck shell=bash
# publish JSON | publish < FILE | publish --flush: publishes one event on RESOURCE_CHANNEL, or
# only flushes the spool (runtime/README.md, "publish"). lib/common.sh precedes this text.

main() {
  resource_require publish RESOURCES_DIRECTORY RESOURCE_CHANNEL
  dir=''
  resource_directory dir
  resource_check_folder RESOURCES_DIRECTORY "$dir" create
  if (($# == 1)) && [[ $1 == --flush ]]; then
    resource_flush || resource_die publish "cannot lock the spool under $dir/spool"
    exit 0
  fi
  (($# <= 1)) || resource_die publish "usage: publish JSON | publish < FILE | publish --flush"
  # One JSON object, made one line (the spool holds one event per line).
  program='if length == 1 and (.[0] | type) == "object" then .[0] else error("not one JSON object") end'
  if ((!$#)) && [[ -t 0 || ! -e /dev/stdin ]]; then
    resource_die publish "usage: publish JSON | publish < FILE | publish --flush"
  fi
  if (($#)); then
    event=$(printf '%s' "$1" | jq -c -s "$program" 2>/dev/null) || resource_die publish "the argument is not one JSON object"
  else
    event=$(jq -c -s "$program" 2>/dev/null) || resource_die publish "standard input is not one JSON object"
  fi
  resource_publish "$event" || resource_die publish "cannot deliver or spool the event (spool: $dir/spool)"
}

main "$@"
