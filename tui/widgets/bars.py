"""Horizontal share bars for the balance screen."""

from __future__ import annotations

from rich.text import Text

BLOCKS = " ▏▎▍▌▋▊▉█"


def share_bar(share: float, width: int, style: str = "cyan") -> Text:
    """A bar `width` cells wide filled to `share` (0..1), in eighths of a cell."""
    share = min(max(share, 0.0), 1.0)
    eighths = round(share * width * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (BLOCKS[rest] if rest else "")
    return Text(bar.ljust(width), style=style)
