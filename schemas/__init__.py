"""Pydantic contracts between the parts of curate: findings, settings, reports, manifests."""

from curate.schemas.finding import Finding, Location, Severity
from curate.schemas.settings import CurateSettings

__all__ = ["CurateSettings", "Finding", "Location", "Severity"]
