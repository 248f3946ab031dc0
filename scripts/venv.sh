#!/usr/bin/env bash
# Makes .venv (if missing) and installs a requirements file into it, unless that exact set is installed.
#
#   scripts/venv.sh requirements.txt|requirements-dev.txt
#
# A stamp .venv/.stamp-<file> keeps a checksum of every requirements*.txt; pip runs only when it differs
# (a file changed, or it never ran), so a warm `make test` spends no time here.
set -euo pipefail
cd "$(dirname "$0")/.."

req=${1:?usage: scripts/venv.sh REQUIREMENTS_FILE}
venv=.venv
stamp=$venv/.stamp-$(basename "$req")

if [[ ! -x $venv/bin/python ]]; then
    if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
        scripts/ensure-apt.sh python3-venv
    fi
    echo "venv: creating $venv" >&2
    python3 -m venv "$venv"
fi

# requirements-dev.txt includes requirements.txt, so both count for either stamp.
sum=$(cat "$req" requirements*.txt | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$sum" ]]; then
    exit 0
fi

echo "venv: installing $req" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --progress-bar off -r "$req" </dev/null
echo "$sum" >"$stamp"
