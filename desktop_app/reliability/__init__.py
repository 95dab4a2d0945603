"""Keeping the app usable when something goes wrong: crashes, damaged settings, failed starts.

Each module has one job and none imports QtWidgets at module level, so the
start-up code can use them before (or without) a window: ``crash`` (exception
hooks, faulthandler), ``settings_check`` (a damaged settings file is set aside),
``startup_guard`` (a start that never finished is not repeated blindly).
"""
