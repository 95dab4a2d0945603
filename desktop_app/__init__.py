"""SERM Reference: an offline desktop reference on the long-term safety of SERMs."""

from desktop_app.pyside_workaround import make_none_immortal
from desktop_app.version import APP_NAME, __version__

make_none_immortal()  # PySide6 6.12.0 on Python 3.11 over-releases None: see the module

__all__ = ["APP_NAME", "__version__"]
