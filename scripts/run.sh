#!/usr/bin/env bash
# `make run`: the app on http://127.0.0.1:8000 with its embedded defaults (SQLite, Celery inline, e-mail to
# the console), seeded with demo accounts. Any DATABASE_URL / CELERY_BROKER_URL / EMAIL_URL already in the
# environment (or .env) is respected.
set -euo pipefail
cd "$(dirname "$0")/.."

# WeasyPrint's system libraries and fonts; libpq headers to build psycopg2.
apt=(libpq-dev libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-liberation2)
[[ -d locale ]] && apt+=(gettext) # msgfmt, for compilemessages
scripts/ensure-apt.sh "${apt[@]}"
scripts/venv.sh requirements.txt

py=.venv/bin/python
$py manage.py migrate --no-input
if [[ -d locale ]]; then
    $py manage.py compilemessages --ignore=.venv
fi
$py manage.py seed_demo
exec $py manage.py runserver 127.0.0.1:8000
