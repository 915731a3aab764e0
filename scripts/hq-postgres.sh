#!/usr/bin/env bash
# The head office's PostgreSQL, a cluster of the project's own (never the system's):
#   scripts/hq-postgres.sh start  [DIR] [PORT]  create the cluster in DIR if new, start it on
#                                              127.0.0.1:PORT, print its database URL
#   scripts/hq-postgres.sh stop   [DIR]         stop it (the data stays)
#   scripts/hq-postgres.sh remove [DIR]         stop it and delete DIR
#   scripts/hq-postgres.sh url    [DIR]         print the database URL of a started cluster
# DIR defaults to $HQ_PG_DIR or var/hq, PORT to $HQ_PG_PORT or 5433. PostgreSQL refuses to
# run as root, so as root the cluster belongs to an unprivileged user (postgres, or kiosk-hq
# made with useradd). The password is random, kept in DIR/password (mode 600).
set -euo pipefail

command=${1:-}
dir=${2:-${HQ_PG_DIR:-var/hq}}
port=${3:-${HQ_PG_PORT:-5433}}
case "$command" in start|stop|remove|url) ;; *)
  echo "Usage: $0 start|stop|remove|url [DIR] [PORT]" >&2; exit 2 ;;
esac
case "$port" in ''|*[!0-9]*) echo "The port \"$port\" is not a number from 1024 to 65535." >&2; exit 2 ;; esac
if [ "$port" -lt 1024 ] || [ "$port" -gt 65535 ]; then
  echo "The port $port is not from 1024 to 65535." >&2; exit 2
fi

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "Installing PostgreSQL (Debian's postgresql)…" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
      found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    else
      echo "PostgreSQL is not installed. Install it with: sudo apt-get install -y postgresql" >&2
      exit 1
    fi
  fi
  echo "$found"
}

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if getent passwd postgres >/dev/null; then owner=postgres
  else
    getent passwd kiosk-hq >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin kiosk-hq
    owner=kiosk-hq
  fi
fi

data="$dir/data"
url_of() { echo "postgres://hq:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/hq"; }

running() { [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case "$command" in
  start)
    bin=$(bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd); data="$dir/data"
    if [ ! -f "$data/PG_VERSION" ]; then
      rm -rf "$data"
      umask 077
      head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
      [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir" "$dir/password"
      if ! as_owner test -r "$dir/password"; then
        echo "The user $owner cannot reach $dir: every folder above it must let others through (chmod o+x)." >&2
        exit 1
      fi
      as_owner "$bin/initdb" -D "$data" -U hq --pwfile="$dir/password" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { echo "initdb failed; see $dir/initdb.log" >&2; exit 1; }
      cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = on
max_connections = 100
CONF
    fi
    echo "$port" > "$dir/port"
    if ! running; then
      as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $port" -w -t 60 start >/dev/null \
        || { echo "PostgreSQL did not start on 127.0.0.1:$port; see $data/server.log" >&2; exit 1; }
      PGPASSWORD=$(cat "$dir/password") "$bin/psql" -h 127.0.0.1 -p "$port" -U hq -d postgres -qtA \
        -c "SELECT 1 FROM pg_database WHERE datname = 'hq'" | grep -q 1 \
        || PGPASSWORD=$(cat "$dir/password") "$bin/createdb" -h 127.0.0.1 -p "$port" -U hq hq
    fi
    url_of
    ;;
  url)
    [ -f "$dir/password" ] || { echo "No head-office cluster in $dir (scripts/hq-postgres.sh start)." >&2; exit 1; }
    url_of
    ;;
  stop|remove)
    if [ -f "$data/PG_VERSION" ]; then
      bin=$(bindir)
      if running; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    fi
    [ "$command" = remove ] && rm -rf "$dir"
    exit 0
    ;;
esac
