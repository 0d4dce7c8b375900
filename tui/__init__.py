"""The Textual review app (`curate review`); needs the `tui` extra."""
