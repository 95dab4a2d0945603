"""A damaged settings file is set aside and reported, never silently half-read or overwritten.

QSettings reads any bytes as INI without complaint (random bytes become keys,
a truncated value is taken as it stands, ``status()`` stays ``NoError``) and on
the next save rewrites the file from what it understood, so the damage would
be invisible and the original lost. Before the window reads its settings, each
file is checked here against what QSettings itself writes: UTF-8 text without
NUL or other control characters, made of ``[section]``, ``key=value``, comment
and blank lines, ending with a newline. A file that fails is renamed to
``<name>.damaged-<time>.ini`` beside it (kept, never deleted), the reason is
logged, and the app starts with default settings and says so.

Values that are individually wrong (``zoom=abc``) are not damage: the settings
classes already fall back to the default for each such value.
"""

import logging
import re
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

MAX_SETTINGS_BYTES = 4 * 1024 * 1024  # the window state with many open tabs is ~100 KB
# QSettings escapes these as \xNN; it writes DEL (0x7f) and everything above as it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class DamagedSettings(NamedTuple):
    """One settings file found damaged: where it was, where it is kept now, and why."""

    original: Path
    kept_as: Path | None  # None when it could not even be renamed
    reason: str

    def describe(self) -> str:
        kept = (
            f"The damaged file was kept as {self.kept_as}."
            if self.kept_as is not None
            else f"The damaged file {self.original} could not be moved aside."
        )
        return f"{self.original.name}: {self.reason}. {kept}"


def problem_in(path: Path) -> str | None:
    """Why ``path`` is not a healthy settings file, or None (a missing file is healthy)."""
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        return "it is not a regular file"
    try:
        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:
            return f"it is far too large for a settings file ({size} bytes)"
        data = path.read_bytes()
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if b"\x00" in data:
        return "it contains binary data"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"it is not UTF-8 text (byte {error.start})"
    text = text.removeprefix("\ufeff")
    if _CONTROL.search(text):
        return "it contains control characters"
    # Only \n ends a line for QSettings; str.splitlines() would also split at U+2028 etc.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("["):
            if not line.endswith("]") or len(line) < 3:
                return f"line {number} is an unfinished [section] heading"
            continue
        key, equals, _value = line.partition("=")
        if not equals or not key.strip():
            return f"line {number} is not a key=value setting"
    if text and not text.endswith("\n"):
        return "its last line is cut short"
    return None


def set_aside(path: Path, reason: str) -> DamagedSettings:
    """Rename the file out of the way, keeping it; a later start will not trip on it again."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    serial = 1
    while target.exists():
        serial += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{serial}{path.suffix}")
    try:
        path.rename(target)
    except OSError as error:
        log.error(
            "settings file %s is damaged (%s) and could not be moved: %s", path, reason, error
        )
        return DamagedSettings(path, None, reason)
    log.warning("settings file %s is damaged (%s); kept as %s", path, reason, target)
    return DamagedSettings(path, target, reason)


def check_settings_files(files: list[Path]) -> list[DamagedSettings]:
    """Check each file; set the damaged ones aside; return what was found."""
    found = []
    for path in files:
        reason = problem_in(path)
        if reason is not None:
            found.append(set_aside(path, reason))
    return found
