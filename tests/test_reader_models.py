"""Every reader model passes Qt's model tester and answers the roles the views use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from desktop_app.content import ContentRepository
from desktop_app.models.navigation_model import NavigationModel
from desktop_app.models.references_model import ReferencesFilterModel, ReferencesModel
from desktop_app.models.roles import Role

pytestmark = pytest.mark.gui


def navigation(repository: ContentRepository) -> NavigationModel:
    grid = repository.comparison()
    return NavigationModel(
        repository.table_of_contents(), grid.agents, grid.attributes, repository.references()
    )


def test_navigation_model_passes_the_model_tester(
    repository: ContentRepository, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    model = navigation(repository)
    qtmodeltester.check(model)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == [
        "Overview",  # the article's levels, named for what they hold
        "Agents and safety topics",
        "Mechanisms and evidence",
        "References",
        "Reflection",
        "Agents",
        "Comparison",
    ]
    assert "The article’s level “Fundamentals”" in model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    references = model.index(3, 0)
    assert model.rowCount(references) == len(repository.references())
    assert model.index(0, 0, references).data(Role.ADDRESS) == "serm://reference/1"
    agents = model.index(5, 0)
    assert agents.data(Role.ADDRESS) == "" and agents.data(Role.KIND) == "group"
    assert [model.index(r, 0, agents).data() for r in range(model.rowCount(agents))] == [
        a.name for a in repository.agents()
    ]
    assert model.index(0, 0, agents).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Tamoxifen, agent"
    )
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()


def test_navigation_lookups(repository: ContentRepository) -> None:
    model = navigation(repository)
    for address in model.addresses():
        index = model.index_for_address(address)
        assert index.isValid() and index.data(Role.ADDRESS) == address
        assert model.index_for_address(address + "#anchor") == index
    assert not model.index_for_address("serm://agent/aspirin").isValid()
    assert len(model.addresses()) == len(set(model.addresses()))


def test_filtered_navigation_passes_the_model_tester(
    repository: ContentRepository, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(navigation(repository))
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterFixedString("bone")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() >= 2  # Intermediate and Academic both have bone sections


def test_references_models_pass_the_model_tester_and_filter(
    repository: ContentRepository, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    model = ReferencesModel(repository.references())
    qtmodeltester.check(model)
    first = model.index(0, 0)
    reference = repository.references()[0]
    assert first.data() == f"1. {reference.citation}"
    assert first.data(Role.CITATION) == f"[{reference.number}] {reference.citation}"
    assert first.data(Role.ADDRESS) == "serm://reference/1"
    assert model.row_for_address("serm://reference/24") == 23
    assert model.row_for_address("serm://reference/99") == -1
    proxy = ReferencesFilterModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("  RALOXIFENE ")
    qtmodeltester.check(proxy)
    expected = [r.number for r in repository.references() if "raloxifene" in r.citation.lower()]
    shown = [int(str(proxy.index(r, 0).data()).split(".")[0]) for r in range(proxy.rowCount())]
    assert shown == expected and expected
    proxy.set_filter_text("17")
    assert "17. " in [str(proxy.index(r, 0).data())[:4] for r in range(proxy.rowCount())]
