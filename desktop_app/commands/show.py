"""``serm-reference show URI``: print one item as plain text."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.content import ContentRepository
from desktop_app.content.addresses import AddressError
from desktop_app.content.repository import UnknownAddressError
from desktop_app.exit_codes import ExitCode
from desktop_app.rendering.plaintext import render_item


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "show", help="print a section, agent, comparison cell or reference as plain text"
    )
    parser.add_argument("uri", help="a serm:// address, e.g. serm://agent/raloxifene")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    repository = ContentRepository.open(args.db)
    try:
        item = repository.resolve(args.uri)
        sys.stdout.write(render_item(item, repository))
    except (AddressError, UnknownAddressError) as error:
        print(f"serm-reference show: {error}", file=sys.stderr)
        return ExitCode.USAGE
    finally:
        repository.close()
    return ExitCode.OK
