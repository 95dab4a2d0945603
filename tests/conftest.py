"""Shared fixtures. Qt runs offscreen; every test gets a freshly built database."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
os.environ.pop("SERM_REFERENCE_DB", None)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_app.content import ContentRepository  # noqa: E402


@pytest.fixture(scope="session")
def database_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from resources/content for this test run (never the installed one)."""
    from db import build

    return build.build(tmp_path_factory.mktemp("content") / "serm-reference.sqlite")


@pytest.fixture(scope="session")
def repository(database_path: Path) -> Iterator[ContentRepository]:
    repo = ContentRepository.open(database_path)
    yield repo
    repo.close()


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The scraped article, as copied into tests/data (identical to ../shared/seeds)."""
    return (DATA / "seed_article.txt").read_text(encoding="utf-8").split("\n")
