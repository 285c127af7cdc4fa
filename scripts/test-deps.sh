#!/usr/bin/env bash
# The programs the test suite starts, beside the Python packages in .venv. Run by `make test`:
# as root on Debian or Ubuntu it installs what is missing from the distribution's packages;
# otherwise it says what to install. Add a program as "command:package" to NEEDED.
set -u
NEEDED=(
  "redis-server:redis-server"  # team mode's hub (tests/sync)
)
missing=()
for entry in "${NEEDED[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing ${missing[*]}" >&2
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
fi
echo "test-deps: missing ${missing[*]}: install with your system's packages (Debian: apt-get install ${missing[*]})." >&2
echo "test-deps: the tests that need them are skipped, and fail under CI=true." >&2
[ "${CI:-}" = true ] && exit 1
exit 0
