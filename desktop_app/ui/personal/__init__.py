"""The user's own data in the window: bookmarks, history, notes and their transfer."""
