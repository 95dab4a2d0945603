"""``serm-reference compare``: print the comparison grid as text, CSV or JSON.

The same grid the Compare tab shows, from the same content layer, so a
clinician on a terminal, a screen-reader user or a script sees exactly what the
window would show, with every value's marker, provenance and sources.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.content import ContentRepository
from desktop_app.content.compare.export import grid_json, grid_text, write_csv
from desktop_app.content.compare.layout import UnknownGridNameError, choose_layout
from desktop_app.exit_codes import ExitCode

FORMATS = ("text", "csv", "json")


def _names(value: str) -> list[str]:
    return [part for part in value.split(",") if part.strip()]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="print the comparison grid (agents x safety attributes)",
        description="Print the comparison grid: each safety attribute for each agent, "
        "with its effect marker and where it comes from.",
    )
    parser.add_argument(
        "--agents",
        type=_names,
        default=None,
        metavar="A,B",
        help="agents to show (default all): tamoxifen,raloxifene,bazedoxifene,ospemifene",
    )
    parser.add_argument(
        "--attributes",
        type=_names,
        default=None,
        metavar="X,Y",
        help="attributes to show (default all), e.g. vte,endometrium,bmd",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--transpose", action="store_true", help="agents as rows, attributes as columns"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    repository = ContentRepository.open(args.db)
    try:
        grid = repository.comparison()
        try:
            layout = choose_layout(grid, args.agents, args.attributes, args.transpose)
        except UnknownGridNameError as error:
            print(f"serm-reference compare: {error}", file=sys.stderr)
            return ExitCode.USAGE
        if args.format == "csv":
            write_csv(sys.stdout, repository.meta, grid, layout)
        elif args.format == "json":
            sys.stdout.write(grid_json(repository.meta, grid, layout))
        else:
            sys.stdout.write(grid_text(repository.meta, grid, layout))
    finally:
        repository.close()
    return ExitCode.OK
