# shellcheck shell=bash
# The default builder of stdenv.mkDerivation: `<bash> -e default-builder.sh`.
# shellcheck disable=SC1091,SC2154 # $stdenv (the stdenv derivation) comes from Nix
source "$stdenv/setup"
genericBuild
