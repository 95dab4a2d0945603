"""Qt models for the Compare tab: the grid, its filters, marker icons and the article's tables."""

from desktop_app.models.compare.model import ComparisonModel

__all__ = ["ComparisonModel"]
