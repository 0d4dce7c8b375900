"""Screens of the review app: each composes widgets and routes keys to the session."""
