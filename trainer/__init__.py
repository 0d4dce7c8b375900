"""LoRA training and base-vs-tuned evaluation; needs the `train` extra.

Nothing here imports torch or transformers at module level, so `import curate.trainer`
stays cheap; heavy imports live inside the functions that use them.
"""

from curate.trainer.cancel import Cancelled

__all__ = ["Cancelled"]
