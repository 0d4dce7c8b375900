"""`Cancelled`: raised when a caller's `should_stop()` asks training or evaluation to stop.

Torch-free on purpose, so the review app can catch it without importing the train extra.
"""

from __future__ import annotations


class Cancelled(Exception):
    """Stopped on request at a step (or batch) boundary; training keeps what it learnt so far
    in `RUN_DIR/adapter-interrupted/`."""
