"""Load PySide6 for the window, without its ``__feature__`` import hook.

Importing PySide6 replaces ``builtins.__import__`` with ``__feature_import__``,
which serves ``from __feature__ import snake_case, true_property``. For every
module imported after it, the hook reads the module's source file
(``inspect.getsource``) to see whether it mentions PySide6. The app never
selects a feature, yet it imports some sixty modules after PySide6 on the way
to its first paint: the hook cost ~25 ms of start-up and kept every source file
in ``linecache`` (~5 MiB of resident memory).

Putting the previous import function back is what PySide6 itself does where it
cannot offer features (PyPy): attribute lookups fall back to the default
feature set, which is the only one this app uses.
"""

from __future__ import annotations

import builtins
from typing import Any

FEATURE_IMPORT = "__feature_import__"  # PySide6's replacement of builtins.__import__
ORIGINAL_IMPORT = "__orig_import__"  # where PySide6 keeps the import function it replaced


def load_qt() -> None:
    """Import the Qt modules the window needs, then drop the feature import hook."""
    import PySide6.QtWidgets  # noqa: F401  (installs the hook as a side effect)

    drop_feature_import_hook(builtins)


def drop_feature_import_hook(namespace: Any) -> bool:
    """Restore the import function PySide6 replaced; ``True`` when there was one to restore.

    Checked by name, so a later PySide6 that hooks imports differently (or a
    debugger's own ``__import__``) is left alone.
    """
    current = getattr(namespace, "__import__", None)
    original = getattr(namespace, ORIGINAL_IMPORT, None)
    if getattr(current, "__name__", None) != FEATURE_IMPORT or not callable(original):
        return False
    namespace.__import__ = original
    return True
