"""The reader: tabs of pages, the tab strip, find in page, references and the contents sidebar."""
