"""Make signing keys and signed content packs (``.sermpack``) from a built database.

Usage::

    python db/pack.py keygen --out DIR        # DIR/private.key and DIR/public.key (PEM, Ed25519)
    python db/pack.py build --key PRIVATE --db DB --out FILE [--changes TEXT | --changes-file F]
                                              [--min-app-version V]

``build`` refuses a database the app itself would refuse (the start-up checks
run first). Keep the private key off build machines: see the README,
"Content editions".
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from desktop_app.content.errors import ContentDatabaseError  # noqa: E402
from desktop_app.editions.errors import EditionError  # noqa: E402
from desktop_app.editions.pack import build_pack  # noqa: E402
from desktop_app.editions.signing import KeyFormatError, PrivateKey, load_private_key  # noqa: E402


def keygen(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    private_path, public_path = out / "private.key", out / "public.key"
    if private_path.exists() or public_path.exists():
        print(f"pack: {out} already holds a key; not overwritten", file=sys.stderr)
        return 2
    key = PrivateKey.generate()
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.to_pem())
    public_path.write_text(key.public_key.to_pem(), encoding="ascii")
    print(f"{private_path}\n{public_path}\nfingerprint {key.public_key.fingerprint}")
    return 0


def build(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(Path(args.key).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError, KeyFormatError) as error:
        print(f"pack: cannot use the key {args.key}: {error}", file=sys.stderr)
        return 2
    changes = args.changes or ""
    if args.changes_file is not None:
        changes = Path(args.changes_file).read_text(encoding="utf-8")
    try:
        manifest = build_pack(args.db, key, args.out, changes, args.min_app_version or "")
    except ContentDatabaseError as error:
        print(f"pack: the database would be refused by the app: {error.message}", file=sys.stderr)
        return 2
    except EditionError as error:
        print(f"pack: {error.message}", file=sys.stderr)
        return 2
    print(f"{args.out}\nedition {manifest.edition} ({manifest.date}), sha256 {manifest.sha256}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make_keys = commands.add_parser("keygen", help="make an Ed25519 key pair")
    make_keys.add_argument("--out", type=Path, required=True, metavar="DIR")
    make_pack = commands.add_parser("build", help="sign a built database into a pack")
    make_pack.add_argument("--key", type=Path, required=True, metavar="PRIVATE")
    make_pack.add_argument("--db", type=Path, required=True, metavar="DB")
    make_pack.add_argument("--out", type=Path, required=True, metavar="FILE")
    make_pack.add_argument("--changes", default=None, help="the editors' 'what changed' text")
    make_pack.add_argument("--changes-file", type=Path, default=None, metavar="FILE")
    make_pack.add_argument("--min-app-version", default=None, metavar="VERSION")
    args = parser.parse_args(argv)
    if args.command == "keygen":
        return keygen(args.out)
    return build(args)


if __name__ == "__main__":
    raise SystemExit(main())
