# shellcheck shell=bash
# sequential: prints the next value of the global counter (runtime/README.md, "sequential").
# lib/common.sh precedes this text.

main() {
  if (($#)); then
    resource_die sequential "usage: sequential (no arguments)"
  fi
  resource_require sequential RESOURCES_DIRECTORY RESOURCE_SEQUENTIAL_START
  [[ $RESOURCE_SEQUENTIAL_START =~ ^[0-9]+$ ]] ||
    resource_die sequential "RESOURCE_SEQUENTIAL_START is not an integer >= 0: $RESOURCE_SEQUENTIAL_START"
  dir=''
  resource_directory dir
  resource_check_folder RESOURCES_DIRECTORY "$dir" create
  value=''
  resource_next_sequential "$dir" value || resource_die sequential "cannot take the next counter value ($dir/counter)"
  printf '%s\n' "$value"
}

main "$@"
