"""The baseline for bench/startup.py: a bare PySide6 window showing one label.

It reports its first paint exactly as the app does (same clock, same event), so
the two numbers compare like with like.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def process_start() -> float:
    """Start of this process on the CLOCK_BOOTTIME scale (as desktop_app.app does)."""
    with open("/proc/self/stat", encoding="ascii") as stat:
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    return ticks / os.sysconf("SC_CLK_TCK")


def resident_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])


class Probe(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - process_start()
        print(f"first-paint {elapsed:.4f} rss-kb {resident_kb()}", flush=True)
        if os.environ.get("SERM_REFERENCE_FIRST_PAINT_PROBE") == "exit":
            os._exit(0)  # as the app does: the count ends at the first paint
        QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1200, 800)
    if os.environ.get("SERM_REFERENCE_FIRST_PAINT_PROBE"):
        Probe(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
