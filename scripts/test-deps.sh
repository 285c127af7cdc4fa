#!/bin/sh
# System packages the tests need besides Python's: the real shells the shell-hook tests run.
# Installs what is missing when run as root on Debian/Ubuntu; otherwise says what to install.
# Additive: each need is one line of NEEDS ("command package").
set -eu
NEEDS="bash bash
zsh zsh
fish fish"
OPTIONAL="fish"  # tests skip it when it is not there
missing=""
echo "$NEEDS" | {
    while read -r command package; do
        command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
    done
    [ -z "$missing" ] && exit 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y -qq $missing >/dev/null || { apt-get update -qq && apt-get install -y -qq $missing; } \
            || echo "test-deps: could not install:$missing" >&2
    else
        echo "test-deps: install these for the full test run:$missing (optional: $OPTIONAL)" >&2
    fi
}
