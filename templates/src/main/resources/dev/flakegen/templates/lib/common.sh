# shellcheck shell=bash
# Placeholder for the shared functions of the runtime programs (templates/README.md), until
# the templates branch lands them.
