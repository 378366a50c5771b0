# shellcheck shell=bash
# Helpers that make sure the tools the test scripts need are installed.
# Source this file; every function is idempotent and prints nothing unless it
# installs something (or fails).
#
#   deps_apt PKG...          install Debian packages that are not installed yet
#   deps_pg_bindir           print the directory holding initdb/pg_ctl/postgres
#   deps_postgres            make sure PostgreSQL server binaries exist
#   deps_browser             chromium + chromium-driver
#   deps_python              print a python3 that can import selenium (installs it)
#   deps_wrk                 wrk (for scripts/bench-http)
#   deps_smtp_python         print a python3 that can import aiosmtpd (installs it; mail tests)

_DEPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_DEPS_APT_UPDATED=0

_deps_log() { echo "deps: $*" >&2; }

# Run a command as root: directly when we are root, else through sudo.
_deps_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    _deps_log "need root to run: $*"
    return 1
  fi
}

_deps_apt_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

deps_apt() {
  local pkg missing=()
  for pkg in "$@"; do
    _deps_apt_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    _deps_log "apt-get not found; please install: ${missing[*]}"
    return 1
  fi
  _deps_log "installing ${missing[*]} (apt)"
  local log
  log="$(mktemp)"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
    -o DPkg::Lock::Timeout=300 install --no-install-recommends)
  # Try without `apt-get update` first (fast when the lists are fresh); on a
  # new machine the lists are empty, so update once and retry.
  if ! _deps_root "${apt[@]}" "${missing[@]}" >"$log" 2>&1 </dev/null; then
    if [ "$_DEPS_APT_UPDATED" -eq 0 ]; then
      _DEPS_APT_UPDATED=1
      _deps_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update \
        >>"$log" 2>&1 </dev/null || true
    fi
    if ! _deps_root "${apt[@]}" "${missing[@]}" >>"$log" 2>&1 </dev/null; then
      _deps_log "apt-get install ${missing[*]} failed:"
      tail -n 30 "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
  for pkg in "${missing[@]}"; do
    _deps_apt_installed "$pkg" || { _deps_log "$pkg still not installed"; return 1; }
  done
}

# The PostgreSQL server binary directory: /usr/local/bin, pg_config's bindir,
# then the newest /usr/lib/postgresql/*/bin.
deps_pg_bindir() {
  local d candidates=(/usr/local/bin)
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  while IFS= read -r d; do candidates+=("$d"); done < <(
    find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V -r)
  for d in "${candidates[@]}"; do
    [ -n "$d" ] || continue
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

deps_postgres() {
  deps_pg_bindir >/dev/null && return 0
  deps_apt postgresql || return 1
  deps_pg_bindir >/dev/null || { _deps_log "PostgreSQL installed but initdb not found"; return 1; }
}

deps_browser() {
  deps_apt chromium chromium-driver fonts-liberation
}

deps_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  deps_apt wrk
}

# Prints the python interpreter to use for the browser tests, installing
# Tests/browser/requirements.txt when selenium is missing. Uses python3 from
# PATH; if pip refuses to install there (e.g. an externally managed system
# Python), falls back to a virtualenv in Tests/browser/.venv.
deps_python() {
  local req="$_DEPS_ROOT/Tests/browser/requirements.txt"
  local venv="$_DEPS_ROOT/Tests/browser/.venv"
  local py
  py="$(command -v python3 || true)"
  if [ -z "$py" ]; then
    deps_apt python3 python3-venv || return 1
    py="$(command -v python3)"
  fi
  if "$py" -c 'import selenium' >/dev/null 2>&1; then
    echo "$py"
    return 0
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import selenium' >/dev/null 2>&1; then
    echo "$venv/bin/python"
    return 0
  fi
  _deps_log "installing python packages from Tests/browser/requirements.txt (pip)"
  local log
  log="$(mktemp)"
  if "$py" -m pip install -q --disable-pip-version-check -r "$req" >"$log" 2>&1 </dev/null \
    && "$py" -c 'import selenium' >/dev/null 2>&1; then
    rm -f "$log"
    echo "$py"
    return 0
  fi
  _deps_log "pip install into $py failed; trying a virtualenv in Tests/browser/.venv"
  if { [ -x "$venv/bin/python" ] || "$py" -m venv "$venv" >>"$log" 2>&1 \
    || { deps_apt python3-venv && "$py" -m venv "$venv" >>"$log" 2>&1; }; } \
    && "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" >>"$log" 2>&1 </dev/null \
    && "$venv/bin/python" -c 'import selenium' >/dev/null 2>&1; then
    rm -f "$log"
    echo "$venv/bin/python"
    return 0
  fi
  _deps_log "could not install selenium:"
  tail -n 30 "$log" >&2
  rm -f "$log"
  return 1
}

# Prints a python interpreter that can import aiosmtpd (the mail tests' SMTP
# server, Tests/mail/smtp_sink.py), installing Tests/mail/requirements.txt with
# pip when it is missing (a virtualenv in Tests/mail/.venv when pip refuses the
# system python). Also makes sure openssl is there (the STARTTLS test's
# self-signed certificate).
deps_smtp_python() {
  local req="$_DEPS_ROOT/Tests/mail/requirements.txt"
  local venv="$_DEPS_ROOT/Tests/mail/.venv"
  local py
  command -v openssl >/dev/null 2>&1 || deps_apt openssl >&2 || return 1
  py="$(command -v python3 || true)"
  if [ -z "$py" ]; then
    deps_apt python3 python3-venv >&2 || return 1
    py="$(command -v python3)"
  fi
  if "$py" -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "$py"
    return 0
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "$venv/bin/python"
    return 0
  fi
  _deps_log "installing python packages from Tests/mail/requirements.txt (pip)"
  local log
  log="$(mktemp)"
  if "$py" -m pip install -q --disable-pip-version-check -r "$req" >"$log" 2>&1 </dev/null \
    && "$py" -c 'import aiosmtpd' >/dev/null 2>&1; then
    rm -f "$log"
    echo "$py"
    return 0
  fi
  if { [ -x "$venv/bin/python" ] || "$py" -m venv "$venv" >>"$log" 2>&1; } \
    && "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" >>"$log" 2>&1 </dev/null \
    && "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    rm -f "$log"
    echo "$venv/bin/python"
    return 0
  fi
  _deps_log "could not install aiosmtpd:"
  tail -n 30 "$log" >&2
  rm -f "$log"
  return 1
}
