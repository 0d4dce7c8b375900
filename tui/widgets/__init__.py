"""Widgets of the review app: they display and post messages; screens route."""
