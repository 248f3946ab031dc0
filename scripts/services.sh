#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster and Redis server on 127.0.0.1 (free ports), for the test suite.
#
# Sourced, as scripts/test.sh does:
#     source scripts/services.sh
#     trap services_stop EXIT
#     services_start        # exports DATABASE_URL, CELERY_BROKER_URL and KKG_SERVICES_DIR
# Run, for a local session:
#     eval "$(scripts/services.sh start)"
#     ...
#     scripts/services.sh stop "$KKG_SERVICES_DIR"
#
# Everything lives in one mktemp directory under /tmp, removed by services_stop. PostgreSQL refuses to run
# as root, so as root initdb/pg_ctl run as the `postgres` system user. The cluster trusts every local
# connection and has fsync off: it holds nothing worth keeping.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

_as_pg() {
    if [[ $(id -u) == 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_pg_start() {
    local dir=$1 port
    mkdir -p "$dir"
    [[ $(id -u) == 0 ]] && chown postgres:postgres "$dir"
    if ! _as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        return 1
    fi
    port=$(_free_port)
    if ! _as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        cat "$dir/server.log" >&2
        return 1
    fi
    # Superuser, so that pytest-django can create and drop its test databases.
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE kkg LOGIN SUPERUSER" -c "CREATE DATABASE kkg OWNER kkg" >/dev/null
    export DATABASE_URL="postgres://kkg@127.0.0.1:$port/kkg"
    echo "services: PostgreSQL on 127.0.0.1:$port ($dir)" >&2
}

_redis_ping() {
    python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
s.sendall(b"PING\r\n")
sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
PY
}

_redis_start() {
    local dir=$1 port i
    mkdir -p "$dir"
    port=$(_free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log"
    for ((i = 0; i < 100; i++)); do
        if _redis_ping "$port"; then
            export CELERY_BROKER_URL="redis://127.0.0.1:$port/0"
            echo "services: Redis on 127.0.0.1:$port ($dir)" >&2
            return 0
        fi
        sleep 0.1
    done
    echo "services: Redis did not answer on port $port" >&2
    cat "$dir/redis.log" >&2 || true
    return 1
}

services_start() {
    KKG_SERVICES_DIR=$(mktemp -d /tmp/kkg-services.XXXXXX)
    export KKG_SERVICES_DIR
    chmod 755 "$KKG_SERVICES_DIR" # the postgres user must reach its own subdirectory
    # Sequential: the second free port is picked while the first server already holds its own.
    _pg_start "$KKG_SERVICES_DIR/pg" && _redis_start "$KKG_SERVICES_DIR/redis"
}

# Stops both servers (each only if it was started) and removes the directory; safe to call twice.
services_stop() {
    local dir=${1:-${KKG_SERVICES_DIR:-}} pid i
    [[ -n $dir && -d $dir ]] || return 0
    if [[ -f $dir/redis/redis.pid ]]; then
        pid=$(cat "$dir/redis/redis.pid")
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    if [[ -f $dir/pg/data/postmaster.pid ]]; then
        _as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "services: stopped ($dir)" >&2
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    case ${1:-} in
    start)
        services_start
        printf 'export %s=%q\n' DATABASE_URL "$DATABASE_URL" CELERY_BROKER_URL "$CELERY_BROKER_URL" \
            KKG_SERVICES_DIR "$KKG_SERVICES_DIR"
        ;;
    stop) services_stop "${2:-}" ;;
    *)
        echo "usage: $0 start | stop DIR" >&2
        exit 2
        ;;
    esac
fi
