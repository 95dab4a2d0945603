"""Widgets only: they ask the content layer for plain data and never run SQL."""
