"""Take the README screenshot of the Compare tab on its own (offscreen, no X server needed).

    .venv/bin/python docs/screenshots/take_compare.py

The widget is built over the bundled content, sized like the earlier shot, set on
the Interactions cell of tamoxifen (Contraindications above it, the detail pane
listing every interaction) and grabbed with ``QWidget.grab``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.content import ContentRepository  # noqa: E402
from desktop_app.ui.compare.view import CompareWidget  # noqa: E402

OUT = Path(__file__).resolve().parent / "compare.png"
ADDRESS = "serm://compare/interactions/tamoxifen"


def main() -> int:
    app = QApplication([])
    repository = ContentRepository.open()
    widget = CompareWidget(repository)
    widget.resize(1440, 880)
    widget.show()
    widget.select_address(ADDRESS)
    for _ in range(20):  # let it lay out and paint
        app.processEvents()
    widget.grab().save(str(OUT))
    print("saved", OUT)
    repository.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
