#!/usr/bin/env bash
# Installs the Debian packages given as arguments, but only those that are missing.
#
#   scripts/ensure-apt.sh PACKAGE[:COMMAND] ...
#
# A package counts as present when dpkg says it is installed, or, when a COMMAND (a name or an absolute
# path) is given, when that command exists (e.g. redis-server built by hand). `apt-get update` runs once,
# and only if something is missing, so a warm machine does no apt work at all.
set -euo pipefail

missing=()
for spec in "$@"; do
    pkg=${spec%%:*}
    cmd=
    [[ $spec == *:* ]] && cmd=${spec#*:}
    if [[ -n $cmd ]] && command -v "$cmd" >/dev/null 2>&1; then
        continue
    fi
    if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) == "install ok installed" ]]; then
        continue
    fi
    missing+=("$pkg")
done

((${#missing[@]} == 0)) && exit 0

echo "ensure-apt: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "ensure-apt: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q "${missing[@]}" </dev/null
