#!/usr/bin/env bash
# The whole check, as CI runs it (`make test`, `.ci/run`): system packages, the venv, a throwaway
# PostgreSQL + Redis, then ruff, the migration check and the full pytest suite against them.
#
#   scripts/test.sh [PYTEST_ARGS...]     e.g. scripts/test.sh -m "not browser" -x
#
# Every check runs even after one fails, so one CI run shows all problems; the exit code is non-zero if
# any failed. pytest's exit code 5 (no tests collected) counts as a failure. Unattended: no prompts.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS

# Browser (chromium), broker (redis-server), PDF rendering (pango, harfbuzz, fonts), compilemessages
# (gettext), PostgreSQL server for the throwaway cluster and libpq headers for building psycopg2.
scripts/ensure-apt.sh \
    redis-server:redis-server chromium:/usr/bin/chromium \
    postgresql-15:/usr/lib/postgresql/15/bin/initdb libpq-dev \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-liberation2 gettext
scripts/venv.sh requirements-dev.txt

export PATH="$PWD/.venv/bin:$PATH"
export PYTHONDONTWRITEBYTECODE=1

# shellcheck source=scripts/services.sh
source scripts/services.sh
trap services_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
services_start

failed=()
check() {
    echo "==> $*"
    if "$@"; then
        return 0
    fi
    failed+=("$*")
}

check ruff check .
check ruff format --check .
if [[ -d locale ]]; then
    check python manage.py compilemessages --ignore=.venv
fi
check python manage.py makemigrations --check --dry-run

echo "==> pytest $*"
rc=0
pytest "$@" || rc=$?
if ((rc == 5)); then
    echo "pytest collected no tests: that is a failure here" >&2
fi
((rc == 0)) || failed+=("pytest (exit $rc)")

echo "==> $((SECONDS - start)) s"
if ((${#failed[@]})); then
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "all checks passed"
