"""The thirty-second path (issue 15): the GP questions and the student tasks, keyboard only.

Usage::

    .venv/bin/python bench/lookup_tasks.py [--db PATH]

Builds the real window (``assemble_window``, both start-up stages, the window
users get) over an empty throw-away profile, as at a cold first launch, shows
it at 1280×728 (what a 1366×768 screen leaves) offscreen (or on the
``$DISPLAY`` when ``QT_QPA_PLATFORM`` says so), and drives it with QTest key
events sent to whichever widget has the keyboard focus, as a keyboard would:
no event is sent to a widget the user could not reach by typing, and no mouse
event is sent at all. Each task counts its keystrokes (a chord such as Ctrl+D is
one) and times from the moment its last key is sent until the answer is on
screen: the window shows the answer's address and the event loop has painted
it.

Goals: a GP question answered in at most 20 keystrokes, no mouse, the answer on
screen at most 1 s after the last key; a student task done without the mouse.
Prints one line per task and, last, ``K of N tasks within the goals``. No
assertions: the figures are for people (README "The thirty-second path").
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget  # noqa: E402

from desktop_app import paths  # noqa: E402
from desktop_app.app import create_application  # noqa: E402
from desktop_app.content import ContentRepository  # noqa: E402
from desktop_app.ui.assembly import AssembledWindow, assemble_window  # noqa: E402
from desktop_app.userdata import UserStore  # noqa: E402

GP_KEYS = 20
GP_SECONDS = 1.0
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@dataclass
class Outcome:
    task: str
    typed: str
    keys: int
    seconds: float
    answered: bool
    gp: bool

    @property
    def within(self) -> bool:
        if not self.answered:
            return False
        return not self.gp or (self.keys <= GP_KEYS and self.seconds <= GP_SECONDS)


class Keyboard:
    """Sends keys to the focused widget, counting them; never a mouse event."""

    def __init__(self) -> None:
        self.count = 0
        self.typed: list[str] = []
        self.last_sent = time.perf_counter()  # when the last key went out (before its handling)

    def _target(self) -> QWidget:
        focused = QApplication.focusWidget()
        if focused is None:
            raise RuntimeError("no widget has the keyboard focus")
        return focused

    def text(self, text: str) -> None:
        for character in text:
            self.last_sent = time.perf_counter()
            QTest.keyClicks(self._target(), character)
            self.count += 1
        self.typed.append(text)

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, label: str = "") -> None:
        self.last_sent = time.perf_counter()
        QTest.keyClick(self._target(), key, modifiers)
        self.count += 1
        self.typed.append(f"[{label or key.name.removeprefix('Key_')}]")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def wait_for(condition: Callable[[], bool], since: float, limit: float = 5.0) -> float:
    """Seconds from ``since`` (the last key's sending: QTest delivers a key synchronously,
    so its handling is inside the figure) until ``condition`` holds and the events
    (paints) are processed; inf if never."""
    while time.perf_counter() - since < limit:
        QApplication.processEvents()
        if condition():
            QApplication.processEvents()  # the paint that puts it on screen
            return time.perf_counter() - since
    return float("inf")


def cold_window(repository: ContentRepository, folder: Path) -> AssembledWindow:
    paths.configure(folder)
    assembled = assemble_window(repository, UserStore.open(paths.user_database_file()))
    window = assembled.window
    window.resize(1280, 728)
    window.restore_state()
    window.show()
    window.activateWindow()
    settle()
    return assembled


def ask(
    assembled: AssembledWindow, name: str, query: str, answers: set[str], gp: bool = True
) -> Outcome:
    """Type the query where the focus is (the search field at launch) and press Enter."""
    window = assembled.window
    keyboard = Keyboard()
    if not assembled.search.search_field.hasFocus():
        keyboard.key(Qt.Key.Key_K, CTRL, "Ctrl+K")
    keyboard.text(query)
    keyboard.key(Qt.Key.Key_Return, label="Enter")
    seconds = wait_for(lambda: window.current_address() in answers, keyboard.last_sent)
    return Outcome(name, " ".join(keyboard.typed), keyboard.count, seconds, seconds < 5, gp)


def run(database: Path | None) -> list[Outcome]:
    create_application()
    repository = ContentRepository.open(database)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as folder:
        # The three GP questions, each from a cold launch of its own.
        questions = [
            (
                "GP: raloxifene and a DVT years ago?",
                "raloxifene dvt",
                {"serm://compare/vte/raloxifene", "serm://compare/vte"},
            ),
            (
                "GP: which SERM is safest for the endometrium?",
                "endometrium",
                {"serm://compare/endometrium", "serm://section/endometrial-health"},
            ),
            (
                "GP: does ospemifene cause hot flushes?",
                "ospemifene flushes",
                {
                    "serm://compare/vasomotor/ospemifene",
                    "serm://compare/other-adverse-effects/ospemifene",
                    "serm://compare/vasomotor",
                },
            ),
        ]
        for number, (name, query, answers) in enumerate(questions):
            assembled = cold_window(repository, Path(folder) / f"gp{number}")
            outcomes.append(ask(assembled, name, query, answers))
            assembled.personal.close()
            assembled.window.close()

        # The student: read, bookmark, annotate, compare, print, in one session.
        assembled = cold_window(repository, Path(folder) / "student")
        window, personal = assembled.window, assembled.personal
        outcomes.append(
            ask(
                assembled,
                "Student: read Endometrial Health",
                "endometrial health",
                {"serm://section/endometrial-health"},
                gp=False,
            )
        )
        keyboard = Keyboard()
        keyboard.key(Qt.Key.Key_D, CTRL, "Ctrl+D")
        address = window.current_address()
        seconds = wait_for(lambda: personal.store.is_bookmarked(address), keyboard.last_sent)
        outcomes.append(
            Outcome("Student: bookmark it", " ".join(keyboard.typed), keyboard.count, seconds,
                    seconds < 5, False)
        )  # fmt: skip
        keyboard = Keyboard()
        keyboard.key(Qt.Key.Key_N, CTRL | SHIFT, "Ctrl+Shift+N")
        keyboard.text("revise")

        def noted() -> bool:
            personal.notes_pane.flush()  # what the autosave does a moment later
            note = personal.store.note(address)
            return note is not None and note.text == "revise"

        seconds = wait_for(noted, keyboard.last_sent)
        outcomes.append(
            Outcome("Student: annotate it", " ".join(keyboard.typed), keyboard.count, seconds,
                    seconds < 5, False)
        )  # fmt: skip
        compare = ask(
            assembled,
            "Student: compare VTE across agents",
            "venous thromboembolism",
            {"serm://compare/vte"},
            gp=False,
        )
        outcomes.append(compare)
        keyboard = Keyboard()
        keyboard.key(Qt.Key.Key_Right, label="Right")
        keyboard.key(Qt.Key.Key_Right, label="Right")
        seconds = wait_for(
            lambda: window.current_address().startswith("serm://compare/vte/"), keyboard.last_sent
        )
        outcomes.append(
            Outcome("Student: move in the grid", " ".join(keyboard.typed), keyboard.count,
                    seconds, seconds < 5, False)
        )  # fmt: skip
        window.open_address(address)  # back to the section (Alt+Left twice would do as well)
        settle()
        target = Path(folder) / "endometrial-health.pdf"
        # The save dialog is the system's: its Enter (accepting the offered name) is counted.
        QFileDialog.getSaveFileName = lambda *_args, **_kw: (str(target), "")  # type: ignore[method-assign]
        keyboard = Keyboard()
        keyboard.key(Qt.Key.Key_E, CTRL | SHIFT, "Ctrl+Shift+E")
        keyboard.count += 1
        keyboard.typed.append("[Enter in the save dialog]")
        seconds = wait_for(
            lambda: target.is_file() and window.notice.isVisible(), keyboard.last_sent
        )
        outcomes.append(
            Outcome("Student: print to PDF", " ".join(keyboard.typed), keyboard.count, seconds,
                    seconds < 5, False)
        )  # fmt: skip
        personal.close()
        window.close()
    repository.close()
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="content database (default: built)")
    args = parser.parse_args()
    outcomes = run(args.db)
    print(f"{'task':<45} {'keys':>4} {'ms':>7}  {'goal':<4}  typed")
    for o in outcomes:
        ms = f"{o.seconds * 1000:7.1f}" if o.answered else "  never"
        print(f"{o.task:<45} {o.keys:>4} {ms}  {'yes' if o.within else 'NO':<4}  {o.typed}")
    within = sum(o.within for o in outcomes)
    print(f"{within} of {len(outcomes)} tasks within the goals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
