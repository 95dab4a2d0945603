"""The IT department's policy file: where editions live, which keys to trust, what to nag.

Looked up in this order: ``$SERM_REFERENCE_POLICY`` (tests, portable use), then
``%ProgramData%\\SERM Reference\\policy.toml`` on Windows or
``/etc/serm-reference/policy.toml`` elsewhere. A missing file means the
defaults. A file that exists but cannot be read is reported, never silently
half-applied: the caller gets a PolicyError and shows it.

Keys (all optional)::

    trusted_keys = ["keys/it-dept.pem", "-----BEGIN PUBLIC KEY-----..."]
    editions_dir = "/srv/serm-reference/editions"  # installed editions (default: per user)
    updates_dir = "//fileserver/clinic/serm-updates"  # where new packs are looked for at start
    install_updates = "offer"  # "offer", "silent" or "never"
    content_age_months = 12    # 0: never show the age notice
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop_app.editions.errors import PolicyError

if TYPE_CHECKING:
    from desktop_app.editions.signing import PublicKey

ENVIRONMENT_VARIABLE = "SERM_REFERENCE_POLICY"
INSTALL_MODES = ("offer", "silent", "never")
DEFAULT_AGE_MONTHS = 12
_KNOWN = {"trusted_keys", "editions_dir", "updates_dir", "install_updates", "content_age_months"}


class Policy(NamedTuple):
    source: Path | None = None  # the file read, None for the defaults
    trusted_keys: "tuple[PublicKey, ...]" = ()  # signing is imported only to read a key
    editions_dir: Path | None = None
    updates_dir: Path | None = None
    install_updates: str = "offer"
    content_age_months: int = DEFAULT_AGE_MONTHS


def policy_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(ENVIRONMENT_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        program_data = env.get("ProgramData") or env.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / "SERM Reference" / "policy.toml"
    return Path("/etc/serm-reference/policy.toml")


def load_policy(path: Path | None = None) -> Policy:
    """The policy in force: the defaults when there is no file; PolicyError when it is bad."""
    path = policy_path() if path is None else path
    if not path.exists():
        return Policy()
    import tomllib  # only when a policy file exists: its parser's regexes cost ~2 ms of a start

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PolicyError(f"The policy file {path} cannot be read: {error}.") from error
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise PolicyError(f"The policy file {path} has unknown keys: {', '.join(unknown)}.")
    mode = raw.get("install_updates", "offer")
    if mode not in INSTALL_MODES:
        raise PolicyError(f"{path}: install_updates must be one of {', '.join(INSTALL_MODES)}.")
    age = raw.get("content_age_months", DEFAULT_AGE_MONTHS)
    if not isinstance(age, int) or isinstance(age, bool) or age < 0:
        raise PolicyError(f"{path}: content_age_months must be a whole number of months (0: off).")
    return Policy(
        source=path,
        trusted_keys=_keys(raw.get("trusted_keys", []), path),
        editions_dir=_folder(raw, "editions_dir", path),
        updates_dir=_folder(raw, "updates_dir", path),
        install_updates=mode,
        content_age_months=age,
    )


def _folder(raw: dict[str, Any], key: str, path: Path) -> Path | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise PolicyError(f"{path}: {key} must be a folder name.")
    folder = Path(os.path.expandvars(value)).expanduser()
    return folder if folder.is_absolute() else path.parent / folder


def _keys(value: Any, path: Path) -> "tuple[PublicKey, ...]":
    from desktop_app.editions.signing import KeyFormatError, load_public_key

    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PolicyError(f"{path}: trusted_keys must be a list of key files or PEM texts.")
    keys = []
    for item in value:
        try:
            if "-----BEGIN" in item:
                keys.append(load_public_key(item, f"policy {path}"))
            else:
                key_file = Path(item) if Path(item).is_absolute() else path.parent / item
                keys.append(load_public_key(key_file.read_text("utf-8"), f"policy {key_file}"))
        except (OSError, UnicodeDecodeError, KeyFormatError) as error:
            raise PolicyError(
                f"{path}: trusted key {item[:60]!r} cannot be used: {error}."
            ) from error
    return tuple(keys)
