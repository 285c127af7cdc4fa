#!/usr/bin/env bash
# The programs the test suite starts, beside the Python packages in .venv. Run by `make test`:
# as root on Debian or Ubuntu it installs what is missing from the distribution's packages;
# otherwise it says what to install. Add a program as "command:package" to NEEDED (or OPTIONAL,
# for one whose tests skip when it is not there).
set -u
NEEDED=(
  "redis-server:redis-server"  # team mode's hub (tests/sync)
  "bash:bash"                  # the shell hook's tests run real shells
  "zsh:zsh"
  "chromium:chromium"          # the stakeholder page's tests (tests/web/test_page_in_chromium.py)
)
OPTIONAL=(
  "fish:fish"
)
lacking() {
  for entry in "$@"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || echo "${entry#*:}"
  done
}
mapfile -t missing < <(lacking "${NEEDED[@]}")
mapfile -t optional < <(lacking "${OPTIONAL[@]}")
[ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing ${missing[*]} ${optional[*]}" >&2
  apt-get update -qq >/dev/null 2>&1
  export DEBIAN_FRONTEND=noninteractive
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#optional[@]} -eq 0 ] || apt-get install -y -qq "${optional[@]}" >/dev/null 2>&1 || true
  mapfile -t missing < <(lacking "${NEEDED[@]}")
  [ ${#missing[@]} -eq 0 ] && exit 0
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "test-deps: missing ${missing[*]}: install with your system's packages (Debian: apt-get install ${missing[*]})." >&2
echo "test-deps: the tests that need them are skipped, and fail under CI=true." >&2
[ "${CI:-}" = true ] && exit 1
exit 0
