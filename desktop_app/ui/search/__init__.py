"""The search panel beside the contents, and how it draws a result."""
