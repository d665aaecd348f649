#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, listening on a free
# loopback port and on a unix socket in that folder, with one empty database and trust authentication.
#
#   eval "$(scripts/pg-throwaway.sh start)"   # exports TEST_DATABASE_URL and PG_THROWAWAY_DIR
#   npm run test:integration
#   scripts/pg-throwaway.sh stop              # stops the server in $PG_THROWAWAY_DIR and removes the folder
#
# or, from another bash script:
#
#   source scripts/pg-throwaway.sh
#   pg_throwaway_start && trap pg_throwaway_stop EXIT
#
# Finds the server binaries in /usr/lib/postgresql/*/bin (newest first), then on PATH, or in $PG_BINDIR.
# Running as root it runs the server as the `postgres` user (initdb refuses root), creating a system user
# `laurel-pg` when there is none. It never installs anything: .ci/run does that.

PG_THROWAWAY_DB="${PG_THROWAWAY_DB:-laurel_test}"

pg_throwaway_log() { echo "pg-throwaway: $*" >&2; }

# The folder holding initdb, pg_ctl and postgres, on stdout; status 1 when there is none.
pg_throwaway_bindir() {
  local dir
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
    echo "$PG_BINDIR"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -rn); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    # Resolve symlinks (e.g. /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl) so that
    # postgres and pg_dump of the same version sit beside it.
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  return 1
}

# The user the server runs as: ourselves, or an unprivileged user when we are root.
pg_throwaway_user() {
  if [ "$(id -u)" != 0 ]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    if ! id laurel-pg >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin laurel-pg >/dev/null
    fi
    echo laurel-pg
  fi
}

# Runs a command as the server's user.
pg_throwaway_as() {
  local user="$1"
  shift
  if [ "$user" = "$(id -un)" ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

pg_throwaway_free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Starts the server; exports PG_THROWAWAY_DIR, PG_THROWAWAY_BINDIR and TEST_DATABASE_URL.
pg_throwaway_start() {
  local bindir user dir port attempt
  if ! bindir="$(pg_throwaway_bindir)"; then
    pg_throwaway_log "no PostgreSQL server binaries (initdb, pg_ctl) found; on Debian: apt-get install postgresql"
    return 1
  fi
  user="$(pg_throwaway_user)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/laurel-pg.XXXXXX")"
  chmod 700 "$dir"
  [ "$user" = "$(id -un)" ] || chown "$user" "$dir"
  pg_throwaway_log "$("$bindir/postgres" --version) from $bindir, as user $user, in $dir"
  if ! pg_throwaway_as "$user" "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    return 1
  fi
  # A free port can be taken between choosing and binding it: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(pg_throwaway_free_port)"
    if pg_throwaway_as "$user" "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    pg_throwaway_log "the server did not start; its log:"
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    return 1
  fi
  export PG_THROWAWAY_DIR="$dir"
  export PG_THROWAWAY_BINDIR="$bindir"
  echo "$bindir" >"$dir/bindir"
  if ! "$bindir/createdb" --host="$dir" --port="$port" --username=postgres "$PG_THROWAWAY_DB"; then
    pg_throwaway_stop
    return 1
  fi
  # 127.0.0.1, not localhost: node may try ::1 first, where the server does not listen.
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/$PG_THROWAWAY_DB"
  pg_throwaway_log "serving $TEST_DATABASE_URL (socket in $dir)"
}

# Stops the server in $PG_THROWAWAY_DIR (or the folder given) and removes the folder.
pg_throwaway_stop() {
  local dir="${1:-${PG_THROWAWAY_DIR:-}}" bindir user
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    pg_throwaway_log "no throwaway server to stop (set PG_THROWAWAY_DIR or pass its folder)"
    return 0
  fi
  bindir="$(cat "$dir/bindir" 2>/dev/null || pg_throwaway_bindir)"
  user="$(stat -c %U "$dir/data")"
  pg_throwaway_as "$user" "$bindir/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  pg_throwaway_log "stopped and removed $dir"
  [ "${PG_THROWAWAY_DIR:-}" != "$dir" ] || unset PG_THROWAWAY_DIR TEST_DATABASE_URL
}

# Run as a command rather than sourced.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      pg_throwaway_start
      printf 'export PG_THROWAWAY_DIR=%q\nexport TEST_DATABASE_URL=%q\n' "$PG_THROWAWAY_DIR" "$TEST_DATABASE_URL"
      ;;
    stop) pg_throwaway_stop "${2:-}" ;;
    bindir) pg_throwaway_bindir ;;
    *)
      echo "usage: $0 start|stop [DIR]|bindir" >&2
      exit 2
      ;;
  esac
fi
