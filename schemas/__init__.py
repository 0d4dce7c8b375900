"""Pydantic contracts between the parts of curate: records, findings, settings."""

from curate.schemas.finding import Finding, Location, Severity
from curate.schemas.record import Example, Message
from curate.schemas.settings import CurateSettings

__all__ = ["CurateSettings", "Example", "Finding", "Location", "Message", "Severity"]
