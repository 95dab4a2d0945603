# Shared set-up for ./run-app and ./run-tests (sourced, not run).
# Checks the system libraries Qt needs, makes .venv, installs the project and
# builds the content database when it is missing or its sources changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

PACKAGE_LIST="$ROOT/scripts/system-packages.txt"

say() { printf '\033[1m[serm-reference]\033[0m %s\n' "$*" >&2; }

python_version() {
    "$PYTHON_BIN" -c 'import sys; print("%d.%d" % sys.version_info[:2])'
}

system_packages() {
    # $@: group names from scripts/system-packages.txt; prints their packages.
    local group line version
    version="$(python_version 2>/dev/null || echo 3)"
    for group in "$@"; do
        line="$(grep -E "^${group}:" "$PACKAGE_LIST")" || {
            say "No group '$group' in $PACKAGE_LIST"
            exit 1
        }
        printf '%s\n' "${line#*:}" | tr ' ' '\n' | sed -e "s/{python}/$version/" -e '/^$/d'
    done
}

ensure_system_packages() {
    # $@: Debian package names. Installs them when we can, else says exactly what to run.
    [ "$(uname -s)" = "Linux" ] || return 0
    command -v dpkg-query >/dev/null 2>&1 || {
        say "Not a Debian/Ubuntu system: make sure these libraries are installed: $*"
        return 0
    }
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$package")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "Missing system packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing them with apt-get ..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
        say "Installing them with sudo apt-get (you may be asked for your password) ..."
        sudo apt-get update -qq && sudo apt-get install -y --no-install-recommends "${missing[@]}"
    else
        say "Install them first:  sudo apt-get install ${missing[*]}"
        exit 1
    fi
}

ensure_python() {
    if ! "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "Python 3.11 or newer is needed (found: $("$PYTHON_BIN" --version 2>&1 || echo none))."
        say "Install it (e.g. sudo apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11"
        exit 1
    fi
    # Debian splits venv/ensurepip out of python3 (python3.X-venv).
    if ! "$PYTHON_BIN" -c 'import ensurepip, venv' 2>/dev/null; then
        ensure_system_packages "python$(python_version)-venv"
    fi
}

ensure_venv() {
    # $1: the extras to install ("" for the app, "test" for the test suite).
    local extras="$1"
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in .venv ..."
        "$PYTHON_BIN" -m venv "$VENV" || {
            say "Could not create a virtual environment: sudo apt-get install python3-venv"
            exit 1
        }
    fi
    local stamp="$VENV/.installed-${extras:-app}-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        say "Installing SERM Reference${extras:+ with [$extras]} into .venv (a minute the first time) ..."
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[${extras:-build}]"
        touch "$stamp"
    fi
    # Byte-compile once: where PYTHONDONTWRITEBYTECODE=1 is set, Python would
    # otherwise recompile every module at every start (about 100 ms more to the
    # first paint). Up-to-date files are skipped, so this costs little.
    "$VENV/bin/python" -m compileall -q -j 0 "$ROOT/desktop_app" >/dev/null
}

ensure_database() {
    "$VENV/bin/python" "$ROOT/db/build.py" --if-stale >/dev/null
}
