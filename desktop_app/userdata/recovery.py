"""Recovery of a damaged personal database that a crash at any instant cannot turn into loss.

The old order (move the damaged file aside, then copy a backup in) had a gap:
killed in between, the next start found no file, created an empty store and
said nothing, and later backups rotated the notes out of existence. Now:

1. a marker file records the plan (what is damaged, where its copy goes)
   before anything is touched; a start that finds the marker finishes the job;
2. the damaged file and its ``-wal``/``-shm`` are *copied* aside: the original
   stays in place, so the evidence exists twice for a moment, never zero times;
3. the newest good backup is copied in under a temporary name, the damaged
   log files are removed (their copies are kept) and the restored file is
   renamed over the damaged one, so the store's name always holds a file;
4. the notice is saved to disk *before* the marker is removed, and stays there
   until the user acknowledges it (``acknowledge``), however many starts that takes.

``checkpoint`` is called after every durable step; the kill tests stop the
process there, one step at a time.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.userdata.backups import backup_folder, backup_time, backups, is_good_backup
from desktop_app.userdata.files import (
    copy_atomically,
    fsync_folder,
    set_aside_stamp,
    sidecars,
    write_atomically,
)
from desktop_app.userdata.records import Notice

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
STAGES = ("planned", "damaged-copied", "backup-copied", "log-removed", "restored", "noticed")


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + ".recovery")


def pending_notices_path(database: Path) -> Path:
    return database.with_name(database.name + ".notices.json")


def restoring_path(database: Path) -> Path:
    return database.with_name(database.name + ".restoring")


def checkpoint(stage: str) -> None:
    """One durable step of a recovery is done (logged; the kill tests stop here)."""
    log.info("recovery step done: %s", stage)


@dataclass
class RecoveryPlan:
    damage: str
    kept: str  # file name of the damaged copy, beside the database
    started: str
    copied: bool = False


def kept_name(database: Path, now: datetime) -> Path:
    stamp = set_aside_stamp(now)
    kept = database.with_name(f"{database.stem}.damaged-{stamp}{database.suffix}")
    counter = 1
    while kept.exists():
        counter += 1
        kept = database.with_name(f"{database.stem}.damaged-{stamp}-{counter}{database.suffix}")
    return kept


def has_traces(database: Path) -> bool:
    """Backups or set-aside copies beside a missing database mean it was lost, not new."""
    damaged = database.parent.glob(f"{database.stem}.damaged-*{database.suffix}")
    return bool(backups(database)) or any(damaged)


def recover(database: Path, damage: str, now: datetime) -> None:
    """Start a recovery (the marker first), then carry it out."""
    plan = RecoveryPlan(damage, kept_name(database, now).name, now.astimezone(UTC).isoformat())
    _save_plan(database, plan)
    checkpoint("planned")
    _carry_out(database, plan)


def resume(database: Path, now: datetime) -> bool:
    """Finish a recovery an earlier start left half done; True when there was one."""
    marker = marker_path(database)
    if not marker.exists():
        return False
    try:
        plan = RecoveryPlan(**json.loads(marker.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as error:  # the marker itself was cut short
        log.error("recovery marker %s unreadable (%s); starting the recovery again", marker, error)
        plan = RecoveryPlan(
            "an earlier recovery was interrupted",
            kept_name(database, now).name,
            now.astimezone(UTC).isoformat(),
        )
        _save_plan(database, plan)
    log.warning("finishing an interrupted recovery of %s", database)
    _carry_out(database, plan)
    return True


def _save_plan(database: Path, plan: RecoveryPlan) -> None:
    write_atomically(marker_path(database), json.dumps(asdict(plan)).encode("utf-8"))


def _carry_out(database: Path, plan: RecoveryPlan) -> None:
    kept = database.with_name(plan.kept)
    if not plan.copied:
        originals = (database, *sidecars(database))
        for original, copy in zip(originals, (kept, *sidecars(kept)), strict=True):
            if original.exists():
                copy_atomically(original, copy)
                os.chmod(copy, PRIVATE_FILE)
        plan.copied = True
        _save_plan(database, plan)
        checkpoint("damaged-copied")
    restored_from = _restore_newest_good_backup(database)
    notice = _notice(database, plan, kept if kept.exists() else None, restored_from)
    _add_pending(database, notice)
    checkpoint("noticed")
    marker_path(database).unlink(missing_ok=True)
    fsync_folder(database.parent)
    checkpoint("done")


def _restore_newest_good_backup(database: Path) -> Path | None:
    """Put the newest good backup in place (or nothing); the database name never dangles
    while a damaged file it could still hold is not kept elsewhere."""
    chosen = next((candidate for candidate in backups(database) if is_good_backup(candidate)), None)
    staged = restoring_path(database)
    if chosen is not None:
        copy_atomically(chosen, staged)
        os.chmod(staged, PRIVATE_FILE)
        checkpoint("backup-copied")
    for log_file in sidecars(database):  # kept in the damaged copy; never replay them
        log_file.unlink(missing_ok=True)
    fsync_folder(database.parent)
    checkpoint("log-removed")
    if chosen is not None:
        os.replace(staged, database)
    else:
        database.unlink(missing_ok=True)
    fsync_folder(database.parent)
    checkpoint("restored")
    return chosen


def _notice(database: Path, plan: RecoveryPlan, kept: Path | None, backup: Path | None) -> Notice:
    if kept is not None:
        what = (
            f"The file holding your bookmarks, notes and history was damaged ({plan.damage}).\n"
            f"It has been kept, unchanged, as:\n{kept}\n"
        )
    else:
        what = (
            "The file holding your bookmarks, notes and history was missing, although "
            f"backups of it were found ({plan.damage}).\n"
        )
    if backup is None:
        return Notice(
            "error",
            "Your bookmarks and notes could not be restored",
            what + f"No usable backup was found in {backup_folder(database)}, so SERM "
            "Reference starts with no bookmarks or notes.",
        )
    made = backup_time(database, backup)
    when = f"made on {made.astimezone():%Y-%m-%d %H:%M}" if made else f"{backup.name}"
    return Notice(
        "warning",
        "Your bookmarks and notes were restored from a backup",
        what + f"The backup {when} has been restored. Changes made after that time are not in it.",
    )


# -- notices that wait for the user ------------------------------------------------------


def pending_notices(database: Path) -> list[Notice]:
    path = pending_notices_path(database)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [Notice(item["severity"], item["title"], item["message"]) for item in raw]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError, KeyError) as error:
        log.error("pending notices in %s unreadable: %s", path, error)
        return [
            Notice(
                "warning",
                "A message about your bookmarks and notes could not be read",
                f"SERM Reference had saved a message for you in {path}, but it is damaged. "
                "Your data may have been restored from a backup: check your notes.",
            )
        ]


def _add_pending(database: Path, notice: Notice) -> None:
    notices = [n for n in pending_notices(database) if n != notice] + [notice]
    data = json.dumps([asdict(n) for n in notices], ensure_ascii=False, indent=1)
    write_atomically(pending_notices_path(database), data.encode("utf-8"))
    with contextlib.suppress(OSError):
        os.chmod(pending_notices_path(database), PRIVATE_FILE)


def acknowledge(database: Path) -> None:
    """The user has seen the notices: stop showing them."""
    pending_notices_path(database).unlink(missing_ok=True)
    fsync_folder(database.parent)
