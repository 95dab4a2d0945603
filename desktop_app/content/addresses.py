"""The stable ``serm://`` addresses used by links, bookmarks, search and the CLI.

One parser for every place that reads an address, so a bookmark saved today
resolves the same way in the reader, the command line and a later edition.
"""

import re
from typing import NamedTuple

SCHEME = "serm"
KINDS = ("section", "agent", "compare", "reference", "takeaway")
COMPARE_PREFIX = f"{SCHEME}://compare/"  # the Compare tab opens these
# \Z, not $: "$" also matches before a final newline, which would let "vte\n" through.
_PART = re.compile(r"\A[a-z0-9][a-z0-9-]*\Z")


class AddressError(ValueError):
    """Not a well-formed serm:// address."""


class Address(NamedTuple):
    """A parsed address; ``str()`` gives its canonical form (a named tuple: start-up cost)."""

    kind: str
    parts: tuple[str, ...]

    def __str__(self) -> str:
        return f"{SCHEME}://{self.kind}/" + "/".join(self.parts)


def slugify(heading: str) -> str:
    """Address slug of a heading: lowercase, each non-alphanumeric run -> '-', trimmed."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def parse_address(text: str) -> Address:
    """Parse and validate an address; raise AddressError with a readable reason."""
    prefix = f"{SCHEME}://"
    cleaned = text.strip()
    if not cleaned.lower().startswith(prefix):
        raise AddressError(f"not a {prefix} address: {text[:80]!r}")
    path = cleaned[len(prefix) :].split("#", 1)[0].strip("/")
    pieces = tuple(path.split("/")) if path else ()
    if not pieces or pieces[0] not in KINDS:
        raise AddressError(f"unknown address kind in {text[:80]!r}; expected one of {KINDS}")
    kind, parts = pieces[0], pieces[1:]
    expected = {
        "section": (1,),
        "agent": (1,),
        "compare": (1, 2),
        "reference": (1,),
        "takeaway": (1,),
    }[kind]
    if len(parts) not in expected or not all(_PART.match(p) for p in parts):
        raise AddressError(f"malformed {kind} address: {text[:80]!r}")
    if kind in ("reference", "takeaway") and not parts[0].isdigit():
        raise AddressError(f"{kind} addresses end in a number: {text[:80]!r}")
    return Address(kind=kind, parts=parts)
