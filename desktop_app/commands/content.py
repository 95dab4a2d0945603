"""``serm-reference content list | verify FILE | install FILE | rollback | diff [A] [B]``.

What an IT person runs on a workstation (or over SSH) to carry a new content
edition in on a USB stick: the same checks and the same atomic install as
Help → Install Content Update…, without a screen. Exit status: 0 done,
1 refused (the reason on stderr, nothing changed), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop_app.editions.diff import EditionDiff, diff_databases
from desktop_app.editions.errors import EditionError
from desktop_app.editions.locations import default_user_data_dir
from desktop_app.editions.startup import EditionsContext, editions_context
from desktop_app.editions.store import Edition, EditionStore

EXIT_REFUSED = 1
EXIT_USAGE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "content",
        help="content editions: list, verify, install, roll back, compare",
        description="Manage signed content editions (see README, 'Content editions').",
    )
    actions = parser.add_subparsers(dest="content_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the installed editions; * marks the active one")
    listing.add_argument("--json", action="store_true", help="one JSON list")
    for name, text in (
        ("verify", "check a pack; exit 0 only if it would be installed"),
        ("install", "check a pack, then make its edition the active one"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("file", type=Path, metavar="FILE", help="a .sermpack file")
        action.add_argument(
            "--downgrade", action="store_true", help="accept an edition older than the active one"
        )
        action.add_argument("--json", action="store_true", help="the result as JSON")
    actions.add_parser("rollback", help="go back to the edition active before this one")
    diff = actions.add_parser("diff", help="what changed between two editions, by address")
    diff.add_argument(
        "old", nargs="?", default="previous", help="edition (id, number, 'bundled', 'previous')"
    )
    diff.add_argument("new", nargs="?", default="active", help="edition (default: the active one)")
    diff.add_argument("--json", action="store_true", help="one JSON object")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    context = editions_context(args.basedir)
    for notice in context.notices:
        print(f"serm-reference content: {notice}", file=sys.stderr)
    try:
        action = args.content_action
        if action == "list":
            return _list(context.store, args.json)
        if action == "verify":
            verified = context.store.verify(args.file, args.downgrade)
            manifest = verified.manifest
            _report(
                args.json,
                {"ok": True, "edition": manifest.edition, "date": manifest.date},
                f"OK: {args.file} holds edition {manifest.edition} ({manifest.date}), signed by"
                f" key {verified.checked.key.fingerprint}; it would replace"
                f" {verified.active.describe()}.",
            )
            return 0
        if action == "install":
            result = context.store.install(args.file, args.downgrade)
            _report(
                args.json,
                {
                    "ok": True,
                    "edition": result.installed.edition,
                    "previous": result.previous.edition,
                    "seconds": round(result.seconds, 3),
                },
                f"Installed edition {result.installed.describe()}; it replaces"
                f" {result.previous.describe()} from the next start."
                " `serm-reference content rollback` goes back.",
            )
            return 0
        if action == "rollback":
            old, new = context.store.rollback()
            print(f"Now using edition {new.describe()} (was {old.edition}) from the next start.")
            return 0
        return _diff(context, args)
    except EditionError as error:
        if getattr(args, "json", False) and action in {"verify", "install"}:
            print(json.dumps({"ok": False, "error": error.message}))
        print(f"serm-reference content {action}: {error.message}", file=sys.stderr)
        return EXIT_REFUSED


def _report(as_json: bool, fields: dict[str, object], text: str) -> None:
    print(json.dumps(fields) if as_json else text)


def _list(store: EditionStore, as_json: bool) -> int:
    editions = store.editions()
    if as_json:
        rows = [
            {
                "id": e.id,
                "edition": e.edition,
                "date": e.date,
                "active": e.active,
                "bundled": e.bundled,
                "database": str(e.database),
                "changes": e.changes,
            }
            for e in editions
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for edition in editions:
        mark = "*" if edition.active else " "
        origin = "bundled" if edition.bundled else edition.id
        print(f"{mark} {edition.edition:<14} {edition.date:<10}  {origin}")
    print(f"(* in use; editions folder {store.folder})")
    return 0


def resolve_edition(store: EditionStore, name: str) -> Edition:
    """An edition by folder id, by number (the newest install of it), or by role."""
    editions = store.editions()
    active = next(e for e in editions if e.active)
    if name == "active":
        return active
    if name == "previous":
        candidates = store.startup_candidates()
        return next((e for e in candidates if e.id != active.id), store.bundled())
    matches = [e for e in editions if name in (e.id, e.edition)]
    if not matches:
        known = ", ".join(sorted({e.edition for e in editions} | {"bundled"}))
        raise EditionError(f"No installed edition is called {name!r} (known: {known}).")
    return matches[-1]


def _diff(context: EditionsContext, args: argparse.Namespace) -> int:
    old = resolve_edition(context.store, args.old)
    new = resolve_edition(context.store, args.new)
    base = Path(args.basedir).expanduser().resolve() if args.basedir else default_user_data_dir()
    result = diff_databases(old.database, new.database, base / "userdata.sqlite")
    if args.json:
        payload = {
            "old": old.edition,
            "new": new.edition,
            "changes": result.as_dicts(),
            "orphaned": [vars(item) for item in result.orphaned],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(diff_text(result))
    return 0


def diff_text(result: EditionDiff) -> str:
    lines = [f"What changed from edition {result.old_edition} to {result.new_edition}:"]
    if not result.changes:
        lines.append("  nothing: the two editions hold the same content.")
    for change in result.changes:
        lines.append(f"  {change.change:<8} {change.kind:<16} {change.address}")
        if change.change == "changed":
            lines.append(f"           was: {_one_line(change.old)}")
            lines.append(f"           now: {_one_line(change.new)}")
    if result.orphaned:
        lines.append("Your bookmarks and notes not in the new edition (kept as they are):")
        lines += [f"  {item.kind:<8} {item.address}  {item.title}" for item in result.orphaned]
    return "\n".join(lines) + "\n"


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
