"""The Compare tab driven as a user would: keyboard first, then the exports."""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.content.addresses import AddressError
from desktop_app.content.compare.export import read_csv
from desktop_app.content.repository import UnknownAddressError
from desktop_app.ui.compare.delegate import CompareCellDelegate
from desktop_app.ui.compare.view import GRID_PAGE, TABLES_PAGE, CompareWidget

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform cannot resize windows to size hints and says so; not our warning.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def widget(qtbot: QtBot, repository: ContentRepository) -> Iterator[CompareWidget]:
    compare = CompareWidget(repository)
    qtbot.addWidget(compare)
    compare.resize(1400, 850)
    compare.show()
    qtbot.waitExposed(compare)
    yield compare


def focus(qtbot: QtBot, target: QWidget) -> None:
    target.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(target.hasFocus)


def detail_text(widget: CompareWidget) -> str:
    return widget.detail.toPlainText()


def test_starts_on_the_first_cell_with_its_details(widget: CompareWidget) -> None:
    # Contraindications first: the first question a prescriber asks.
    assert widget.current_address() == "serm://compare/contraindications/tamoxifen"
    assert detail_text(widget).startswith("Tamoxifen — Contraindications")
    assert widget.stack.currentIndex() == GRID_PAGE


def test_select_address_selects_a_cell_or_a_whole_attribute(widget: CompareWidget) -> None:
    widget.select_address("serm://compare/lipids/ospemifene")
    assert widget.current_address() == "serm://compare/lipids/ospemifene"
    current = widget.grid_view.currentIndex()
    assert (current.row(), current.column()) == (6, 3)
    text = detail_text(widget)
    assert "Ospemifene — Lipids" in text
    assert "Added — not from the source article" in text and "OSPLIP17" in text

    widget.select_address("serm://compare/stroke")
    assert widget.current_address() == "serm://compare/stroke"
    selected = widget.grid_view.selectionModel().selectedIndexes()
    assert sorted((i.row(), i.column()) for i in selected) == [(8, c) for c in range(4)]
    assert detail_text(widget).startswith("Stroke")
    assert "Tamoxifen: Increased risk; boxed warning — marker ▲ Adverse" in detail_text(widget)

    with pytest.raises(AddressError):
        widget.select_address("serm://agent/raloxifene")
    with pytest.raises(UnknownAddressError):
        widget.select_address("serm://compare/liver/raloxifene")


def test_cell_details_give_provenance_cautions_references_and_sections(
    widget: CompareWidget,
) -> None:
    widget.select_address("serm://compare/vte/raloxifene")
    text = detail_text(widget)
    assert "From the article: its long-term safety table" in text
    assert "row 1 “Venous Thromboembolism”, column 3 “Raloxifene Profile”" in text
    assert "[! caution 1] partly" in text and "hazard ratio 1.49" in text
    assert "RUTH — Barrett-Connor E et al." in text
    assert "the article's reference list" in text
    assert "Venous Thromboembolic Events" in text
    html = widget.detail.toHtml()
    assert 'href="serm://section/venous-thromboembolic-events"' in html
    assert 'href="serm://agent/raloxifene"' in html

    widget.select_address("serm://compare/premenopausal-use/raloxifene")
    html = widget.detail.toHtml()
    assert 'href="serm://reference/8"' in html  # EW06 is the article's own reference 8

    widget.select_address("serm://compare/endometrium/bazedoxifene")
    text = detail_text(widget)
    assert "What the article's other table says" in text
    assert "Antagonist/Neutral" in text and "at the marketed 20 mg dose" in text

    widget.select_address("serm://compare/ocular/ospemifene")
    text = detail_text(widget)
    assert "Added — not from the source article" in text
    assert "in the sources reviewed" in text and "not evidence of safety" in text
    assert "No source is cited" in text
    assert "Not covered by the source." not in text


def test_arrow_keys_move_through_the_grid_and_the_details_follow(
    qtbot: QtBot, widget: CompareWidget
) -> None:
    focus(qtbot, widget.grid_view)
    with qtbot.waitSignal(widget.address_changed) as moved:
        qtbot.keyClick(widget.grid_view, Qt.Key.Key_Right)
    assert moved.args == ["serm://compare/contraindications/raloxifene"]
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Down)
    assert widget.current_address() == "serm://compare/interactions/raloxifene"
    assert detail_text(widget).startswith("Raloxifene — Interactions")
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert widget.current_address() == "serm://compare/other-adverse-effects/ospemifene"


def test_shift_space_selects_the_attribute_and_return_reads_the_details(
    qtbot: QtBot, widget: CompareWidget
) -> None:
    widget.select_address("serm://compare/bmd/bazedoxifene")
    focus(qtbot, widget.grid_view)
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert widget.current_address() == "serm://compare/bmd"
    assert detail_text(widget).startswith("Bone mineral density")
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Return)
    assert widget.detail.hasFocus()
    qtbot.keyClick(widget.detail, Qt.Key.Key_Escape)
    assert widget.grid_view.hasFocus()


def test_transpose_from_the_keyboard_keeps_the_selection(
    qtbot: QtBot, widget: CompareWidget
) -> None:
    widget.select_address("serm://compare/lipids/raloxifene")
    focus(qtbot, widget.transpose_button)
    qtbot.keyClick(widget.transpose_button, Qt.Key.Key_Space)
    assert widget.transpose_button.isChecked()
    assert (widget.model.rowCount(), widget.model.columnCount()) == (4, 13)
    assert widget.model.headerData(0, Qt.Orientation.Vertical) == "Tamoxifen"
    current = widget.grid_view.currentIndex()
    assert (current.row(), current.column()) == (1, 6)
    assert widget.current_address() == "serm://compare/lipids/raloxifene"
    focus(qtbot, widget.grid_view)
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Right)  # along the agent: next attribute
    assert widget.current_address() == "serm://compare/ocular/raloxifene"
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert widget.current_address() == "serm://compare/ocular"  # a column when transposed


def test_filters_from_the_keyboard(qtbot: QtBot, widget: CompareWidget) -> None:
    widget.select_address("serm://compare/vte/raloxifene")
    focus(qtbot, widget.agents_view)
    qtbot.keyClick(widget.agents_view, Qt.Key.Key_Down)  # Raloxifene
    qtbot.keyClick(widget.agents_view, Qt.Key.Key_Space)
    assert widget.agent_choices.chosen() == ("tamoxifen", "bazedoxifene", "ospemifene")
    assert widget.model.columnCount() == 3
    # The shown cell was hidden: the grid moves to a visible one (the first).
    assert widget.current_address() == "serm://compare/contraindications/tamoxifen"

    focus(qtbot, widget.attributes_view)
    for _ in range(5):
        qtbot.keyClick(widget.attributes_view, Qt.Key.Key_Down)  # Bone mineral density
    qtbot.keyClick(widget.attributes_view, Qt.Key.Key_Space)
    assert "bmd" not in widget.model.grid_layout.attributes
    assert widget.model.rowCount() == 12

    # An address to a hidden cell shows it again.
    widget.select_address("serm://compare/bmd/raloxifene")
    assert widget.current_address() == "serm://compare/bmd/raloxifene"
    assert "raloxifene" in widget.agent_choices.chosen() and widget.model.rowCount() == 13

    widget.agent_choices.set_chosen(("ospemifene",))
    focus(qtbot, widget.show_all_button)
    qtbot.keyClick(widget.show_all_button, Qt.Key.Key_Space)
    assert (widget.model.rowCount(), widget.model.columnCount()) == (13, 4)


def test_copy_selected_cells_as_tab_separated_text(qtbot: QtBot, widget: CompareWidget) -> None:
    widget.select_address("serm://compare/vte/tamoxifen")
    focus(qtbot, widget.grid_view)
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(widget.grid_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "\tTamoxifen\tRaloxifene"
    assert lines[1].split("\t") == [
        "Venous thromboembolism",
        "Increased risk (DVT, PE, retinal vein thrombosis) [adverse; from the article]",
        "Increased risk (DVT, PE, stroke) [adverse; from the article; editorial caution: partly]",
    ]
    assert lines[2].startswith("Endometrium\tIncreased risk of hyperplasia, polyps, cancer")
    assert len(lines) == 3 and all(line.count("\t") == 2 for line in lines)


def test_detail_links_open_from_the_keyboard(qtbot: QtBot, widget: CompareWidget) -> None:
    widget.select_address("serm://compare/ocular/tamoxifen")
    focus(qtbot, widget.detail)
    with qtbot.waitSignal(widget.open_requested) as opened:
        qtbot.keyClick(widget.detail, Qt.Key.Key_Tab)  # first link: the table's section
        qtbot.keyClick(widget.detail, Qt.Key.Key_Return)
    assert opened.args == [
        "serm://section/what-are-the-implications-for-bone-mineral-density-in-perimenopause",
        False,
    ]
    # Links into the grid stay in the grid; a web address goes to the external-link
    # dialog (the rule pages follow), never opened.
    with (
        qtbot.assertNotEmitted(widget.open_requested),
        qtbot.waitSignal(widget.external_link_requested) as outside,
    ):
        widget.detail.anchorClicked.emit(QUrl("serm://compare/ocular"))
        widget.detail.anchorClicked.emit(QUrl("https://example.org/label"))
    assert widget.current_address() == "serm://compare/ocular"
    assert outside.args == ["https://example.org/label"]


def test_article_tables_view_from_the_keyboard(qtbot: QtBot, widget: CompareWidget) -> None:
    focus(qtbot, widget.tables_button)
    qtbot.keyClick(widget.tables_button, Qt.Key.Key_Space)
    assert widget.stack.currentIndex() == TABLES_PAGE
    assert not widget.transpose_button.isEnabled()
    endometrial = widget.tables_page.views[0]
    model = endometrial.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "SERM Agent"
    assert model.index(3, 1).data() == "Neutral/Slightly Agonist (vaginal specific)"
    focus(qtbot, endometrial)
    endometrial.setCurrentIndex(model.index(0, 0))
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(endometrial, key)
    text = detail_text(widget)
    assert text.startswith("Bazedoxifene — Clinical Implication")
    assert "[! caution 1] partly" in text and "30–40 mg" in text
    widget.select_address("serm://compare/vte")  # an address brings the grid back
    assert widget.stack.currentIndex() == GRID_PAGE


def test_export_csv_of_the_visible_grid_parses_back(widget: CompareWidget, tmp_path: Path) -> None:
    widget.agent_choices.set_chosen(("bazedoxifene", "ospemifene"))
    widget.transpose_button.setChecked(True)
    path = tmp_path / "grid.csv"
    assert widget.export_csv(path) == 26
    with path.open(encoding="utf-8-sig", newline="") as handle:
        stamp, cells = read_csv(handle)
    assert "2026.11.1" in stamp[0] and stamp[1].startswith("Disclaimer: ")
    expected = [
        widget.model.index(r, c).data(Qt.ItemDataRole.UserRole + 1)
        for r in range(widget.model.rowCount())
        for c in range(widget.model.columnCount())
    ]
    assert [c.address for c in cells] == expected
    assert cells[0].address == "serm://compare/contraindications/bazedoxifene"
    assert cells[0].sources == ("CON", "DUA")
    assert cells[0].effect == "restriction"


def test_export_pdf_is_stamped_with_edition_and_disclaimer(
    widget: CompareWidget, repository: ContentRepository, tmp_path: Path
) -> None:
    widget.attribute_choices.set_chosen(("vte", "ocular"))
    document = QTextDocument()
    document.setHtml(widget.print_html())
    text = document.toPlainText()
    meta = repository.meta
    assert f"Content edition {meta.edition} ({meta.date})." in text
    assert text.count(meta.disclaimer) == 2  # top and bottom
    assert "added — not from the source article" in text
    assert "[! 1] partly" in text and "RUTH — Barrett-Connor" in text
    assert "Bone mineral density" not in text  # only the visible grid
    path = tmp_path / "grid.pdf"
    assert widget.export_pdf(path) >= 1
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) >= 1


def test_many_repaints_do_not_wear_out_none(qtbot: QtBot, widget: CompareWidget) -> None:
    """A grid repaint makes hundreds of void Qt calls; none may cost None a reference.

    (shiboken6 6.12.0 dropped one per call and aborted Python 3.11; see test_qt_binding.py.)
    """
    widget.grid_view.viewport().repaint()
    # Objects left by earlier tests, freed by a later event loop turn or collection, give
    # their references to None back too: let that happen before counting, not during.
    QApplication.processEvents()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(30):
        widget.grid_view.viewport().repaint()  # paints at once, no event loop needed
    assert sys.getrefcount(None) > before - 100


def test_a_narrow_tab_starts_with_the_panel_hidden(
    qtbot: QtBot, repository: ContentRepository
) -> None:
    compare = CompareWidget(repository)
    qtbot.addWidget(compare)
    compare.resize(1000, 700)
    compare.show()
    qtbot.waitExposed(compare)
    assert not compare.sidebar.isVisible() and not compare.panel_button.isChecked()
    focus(qtbot, compare.panel_button)
    qtbot.keyClick(compare.panel_button, Qt.Key.Key_Space)
    assert compare.sidebar.isVisible() and compare.agents_view.isVisible()
    assert compare.grid_view.verticalHeader().width() <= 150  # long names wrap instead


def test_row_heights_follow_the_wrapped_values(qtbot: QtBot, widget: CompareWidget) -> None:
    view = widget.grid_view
    delegate = view.itemDelegate()
    assert isinstance(delegate, CompareCellDelegate)

    def rows_fit_their_tallest_value() -> bool:
        option = QStyleOptionViewItem()
        option.font = view.font()
        grid_line = 1 if view.showGrid() else 0
        return all(
            view.rowHeight(r) - grid_line
            == max(
                delegate.sizeHint(option, widget.model.index(r, c)).height()
                for c in range(widget.model.columnCount())
            )
            for r in range(widget.model.rowCount())
        )

    def painted_values_fit_their_cells() -> bool:
        option = QStyleOptionViewItem()
        option.font = view.font()
        for r in range(widget.model.rowCount()):
            for c in range(widget.model.columnCount()):
                index = widget.model.index(r, c)
                rect = view.visualRect(index)  # the rectangle paint() is given
                if delegate._layout(option, index, rect.width()).height > rect.height():
                    return False
        return True

    heights = {}
    for width in range(1700, 860, -23):  # many column widths: wrapping changes at each
        widget.resize(width, 850)
        qtbot.waitUntil(rows_fit_their_tallest_value)
        assert painted_values_fit_their_cells(), f"a value is cut off at width {width}"
        heights[width] = view.rowHeight(0)
    assert heights[max(heights)] < heights[min(heights)]  # narrower: values wrap more
