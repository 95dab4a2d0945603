"""Dialogs: about, crash, verify installation, outside link and start-up messages."""
