"""SERM Reference: an offline desktop reference on the long-term safety of SERMs."""

from desktop_app.version import APP_NAME, __version__

__all__ = ["APP_NAME", "__version__"]
