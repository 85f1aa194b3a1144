# shellcheck shell=bash
# failure CODE [MESSAGE…]: prints CODE, then each message, one per line, to standard error; exits
# 64 (runtime/README.md, "failure"). The default failure program of a resource.

main() {
  if (($#)); then
    printf '%s\n' "$@" >&2
  fi
  exit 64
}

main "$@"
