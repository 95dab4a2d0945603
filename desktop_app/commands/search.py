"""``serm-reference search "QUERY" [--json] [--limit N] [--kind K]``: search in a terminal.

Same engine, same ranking as the window, so a script or a screen-reader user
gets the answer the search field would give. Exit status: 0 with results, 1
with none (as grep does), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn

from desktop_app.content import ContentRepository
from desktop_app.content.search.engine import DEFAULT_LIMIT, MAX_LIMIT, SearchEngine
from desktop_app.content.search.records import CAUTION_MARK, KIND_LABELS, KINDS, SearchResponse
from desktop_app.exit_codes import ExitCode

PROG = "serm-reference search"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search the content; prints ranked results (addresses for `show`)",
        description="Search sections, agents, the comparison and references.",
    )
    parser.add_argument("query", help='what to look for, e.g. "blood clot raloxifene"')
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument(
        "--limit",
        default=str(DEFAULT_LIMIT),
        metavar="N",
        help=f"at most N results, 1-{MAX_LIMIT} (default {DEFAULT_LIMIT})",
    )
    parser.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="K",
        help=f"only this kind of result: {', '.join(KINDS)} (repeat for several)",
    )
    parser.error = _one_line_error
    parser.set_defaults(handler=handle)


def _one_line_error(message: str) -> NoReturn:
    print(f"{PROG}: {message}", file=sys.stderr)
    raise SystemExit(ExitCode.USAGE)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise ValueError(f"--limit must be a whole number from 1 to {MAX_LIMIT}, not {text!r}")
    return value


def _kinds(values: list[str]) -> tuple[str, ...]:
    unknown = [v for v in values if v not in KINDS]
    if unknown:
        raise ValueError(f"unknown --kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    return tuple(values)


def handle(args: argparse.Namespace) -> int:
    try:
        limit, kinds = _limit(args.limit), _kinds(args.kind)
    except ValueError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return ExitCode.USAGE
    repository = ContentRepository.open(args.db)
    try:
        response = SearchEngine.from_repository(repository).search(
            args.query, kinds=kinds, limit=limit
        )
    finally:
        repository.close()
    sys.stdout.write(as_json(response) if args.json else as_text(response))
    return 0 if response.results else 1


def as_json(response: SearchResponse) -> str:
    items = []
    for result in response.results:
        item = result.as_json()
        item["correction"] = response.corrected_query  # the words really searched
        item["suggestion"] = response.suggestion  # only offered: "Did you mean"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def as_text(response: SearchResponse) -> str:
    lines = []
    if response.corrected_query:
        lines.append(f"Showing results for {response.corrected_query}")
    if response.suggestion:
        lines.append(f"Did you mean: {response.suggestion}?")
    if response.timed_out:
        lines.append("The search took too long and was stopped; results may be incomplete.")
    if not response.results:
        lines.append(f"No results for “{response.query.strip()[:80]}”.")
        if response.other_kinds:
            kinds = ", ".join(KIND_LABELS[k] for k in response.other_kinds)
            lines.append(f"There are results of other kinds: {kinds}.")
    for number, result in enumerate(response.results, 1):
        caution = f" {CAUTION_MARK}" if result.cautioned else ""
        lines.append(
            f"{number}. {result.title.text} ({KIND_LABELS[result.kind]}){caution} {result.uri}"
        )
        if result.snippet.text:
            lines.append(f"   {result.snippet.text}")
    return "\n".join(lines) + "\n"
