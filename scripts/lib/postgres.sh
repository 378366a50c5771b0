# shellcheck shell=bash
# A throwaway PostgreSQL cluster for the tests.
#
#   start_test_postgres   initdb + start a cluster in a fresh temp dir on
#                         127.0.0.1:<free port>; exports PGHOST PGPORT PGUSER
#                         PGDATABASE CREDO_TEST_POSTGRES_URL
#   stop_test_postgres    stop it and delete the temp dir (safe to call twice;
#                         meant for an EXIT trap)
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the
# unprivileged system user $CREDO_PG_OS_USER (default credo-pg, created when
# missing). The role `credo` is the cluster's bootstrap superuser (can CREATE
# DATABASE); authentication is `trust`; durability is off (fsync etc.).

# shellcheck source=scripts/lib/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

_TEST_PG_DIR=""
_TEST_PG_BIN=""
_TEST_PG_OS_USER=""

_pg_log() { echo "postgres: $*" >&2; }

# Run a command as the cluster's OS user, from inside the cluster dir (so no
# "could not change directory" warnings about an unreadable cwd).
_pg_as_user() {
  if [ -n "$_TEST_PG_OS_USER" ]; then
    (cd "$_TEST_PG_DIR" && runuser -u "$_TEST_PG_OS_USER" -- "$@")
  else
    (cd "$_TEST_PG_DIR" && "$@")
  fi
}

_pg_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start_test_postgres() {
  if [ -n "$_TEST_PG_DIR" ]; then
    _pg_log "already running on 127.0.0.1:${PGPORT:-?}"
    return 0
  fi
  _TEST_PG_BIN="$(deps_pg_bindir)" || { _pg_log "no PostgreSQL server binaries (initdb) found"; return 1; }

  _TEST_PG_OS_USER=""
  if [ "$(id -u)" -eq 0 ]; then
    _TEST_PG_OS_USER="${CREDO_PG_OS_USER:-credo-pg}"
    if ! id -u "$_TEST_PG_OS_USER" >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
        "$_TEST_PG_OS_USER" || { _pg_log "could not create system user $_TEST_PG_OS_USER"; return 1; }
    fi
  fi

  _TEST_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/credo-pg.XXXXXX")" || return 1
  chmod 700 "$_TEST_PG_DIR"
  [ -n "$_TEST_PG_OS_USER" ] && chown "$_TEST_PG_OS_USER:" "$_TEST_PG_DIR"

  if ! _pg_as_user "$_TEST_PG_BIN/initdb" --no-sync -A trust -U credo -E UTF8 --no-locale \
    -D "$_TEST_PG_DIR/data" >"$_TEST_PG_DIR/initdb.log" 2>&1; then
    _pg_log "initdb failed:"
    tail -n 20 "$_TEST_PG_DIR/initdb.log" >&2
    stop_test_postgres
    return 1
  fi

  # A free port can be taken between probing and binding: retry a few times.
  local port started=0
  for _ in 1 2 3; do
    port="$(_pg_free_port)"
    if _pg_as_user "$_TEST_PG_BIN/pg_ctl" -D "$_TEST_PG_DIR/data" -l "$_TEST_PG_DIR/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $_TEST_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ "$started" -ne 1 ]; then
    _pg_log "server did not start; last log lines:"
    tail -n 20 "$_TEST_PG_DIR/server.log" >&2 2>/dev/null || true
    stop_test_postgres
    return 1
  fi

  local psql="$_TEST_PG_BIN/psql"
  [ -x "$psql" ] || psql="$(command -v psql || true)"
  if [ -z "$psql" ]; then
    _pg_log "psql not found"
    stop_test_postgres
    return 1
  fi
  if ! "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U credo -d postgres \
    -c "ALTER ROLE credo WITH SUPERUSER CREATEDB LOGIN" -c "CREATE DATABASE credo_test OWNER credo" \
    >/dev/null 2>"$_TEST_PG_DIR/psql.log"; then
    _pg_log "could not create database credo_test:"
    cat "$_TEST_PG_DIR/psql.log" >&2
    stop_test_postgres
    return 1
  fi

  export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=credo PGDATABASE=credo_test
  export CREDO_TEST_POSTGRES_URL="postgres://credo@127.0.0.1:$port/credo_test"
  echo "postgres: test cluster on 127.0.0.1:$port"
}

stop_test_postgres() {
  [ -n "$_TEST_PG_DIR" ] || return 0
  if [ -f "$_TEST_PG_DIR/data/postmaster.pid" ]; then
    _pg_as_user "$_TEST_PG_BIN/pg_ctl" -D "$_TEST_PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
      local pid
      pid="$(head -n 1 "$_TEST_PG_DIR/data/postmaster.pid" 2>/dev/null || true)"
      if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
    }
  fi
  rm -rf "$_TEST_PG_DIR"
  _TEST_PG_DIR=""
  unset PGHOST PGPORT PGUSER PGDATABASE CREDO_TEST_POSTGRES_URL
}
