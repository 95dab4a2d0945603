"""The content database's schema and build, run as ``python -m db.build``.

A package so the build and its tests import ``db.build`` and ``db.content_sources``
by name instead of putting this folder on ``sys.path``. Build time only: the app
never imports it (the bundle ships the built file, not this code).
"""
