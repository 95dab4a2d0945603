# Shared set-up for ./run-app and ./run-tests (sourced, not run).
# Checks the system libraries Qt needs, makes .venv, installs the project and
# builds the content database when it is missing or its sources changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

# Debian/Ubuntu packages Qt's offscreen platform needs (tests), then the xcb
# platform (a real window on X11/XWayland).
QT_OFFSCREEN_PACKAGES="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0"
QT_WINDOW_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"

say() { printf '\033[1m[serm-reference]\033[0m %s\n' "$*" >&2; }

ensure_system_packages() {
    # $@: Debian package names. Installs them when we can, else says exactly what to run.
    [ "$(uname -s)" = "Linux" ] || return 0
    command -v dpkg-query >/dev/null 2>&1 || {
        say "Not a Debian/Ubuntu system: make sure Qt's libraries are installed ($*)."
        return 0
    }
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$package")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "Qt needs these system packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing them with apt-get ..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
        say "Installing them with sudo apt-get (you may be asked for your password) ..."
        sudo apt-get update -qq && sudo apt-get install -y "${missing[@]}"
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
        say "Installing SERM Reference${extras:+ with [$extras]} into .venv ..."
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e "$ROOT[${extras:-build}]"
        touch "$stamp"
    fi
}

ensure_database() {
    "$VENV/bin/python" "$ROOT/db/build.py" --if-stale >/dev/null
}
