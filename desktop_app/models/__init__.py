"""Thin Qt item models over the content layer's records (QtCore/QtGui only)."""
