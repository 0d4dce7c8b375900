"""The training loss from the logits of trained positions only.

A causal LM's output layer turns every position's hidden state into a vocabulary-sized row
of logits (49,152 for SmolLM2): at batch 8 x 384 tokens that is 151M floats before the loss
upcasts and differentiates them, most of them for prompt and padding positions whose labels
are -100 anyway. `ReplyLossTrainer` gathers the hidden states of the positions that carry a
label before the output layer runs (a pre-hook on it), so only those rows are ever made,
and computes the same loss the model would: cross-entropy summed over the trained tokens,
divided by the Trainer's token count (or their number).
"""

from __future__ import annotations

from typing import Any

from transformers import Trainer

from curate.trainer.data import IGNORE_INDEX


class ReplyLossTrainer(Trainer):
    """The transformers Trainer, with the loss computed on trained positions only. Under
    DataParallel (several GPUs in one process, which splits the batch under the pre-hook's
    mask) it leaves the loss to the model; torchrun and accelerate run one process a GPU."""

    def compute_loss(
        self,
        model: Any,
        inputs: dict[str, Any],
        return_outputs: bool = False,
        num_items_in_batch: Any = None,
    ) -> Any:
        import torch.nn.functional as F

        if self.args.n_gpu > 1:  # DataParallel splits the batch under the hook's mask
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        inputs = dict(inputs)
        labels = inputs.pop("labels")
        targets = labels[:, 1:]
        trained = targets != IGNORE_INDEX
        outputs = reply_logits(model, inputs, trained)
        logits = outputs.logits[0].float()
        loss = F.cross_entropy(logits, targets[trained], reduction="sum")
        count = num_items_in_batch if num_items_in_batch is not None else trained.sum()
        loss = loss / count.to(loss.device) if hasattr(count, "to") else loss / count
        if (
            num_items_in_batch is not None
            and self.args.average_tokens_across_devices
            and self.model_accepts_loss_kwargs
        ):
            # As transformers' own compute_loss: the count is over every process's batch,
            # and each process's gradients are averaged, so the loss is scaled back up.
            tensor_parallel = self.get_tp_size() if hasattr(self, "get_tp_size") else 1
            loss = loss * (self.accelerator.num_processes // tensor_parallel)
        return (loss, outputs) if return_outputs else loss


def reply_logits(model: Any, inputs: dict[str, Any], trained: Any) -> Any:
    """The model's outputs with `logits` of shape [1, N, vocab]: one row per position whose
    next token is trained (`trained`: [batch, length - 1]), in batch-then-position order."""

    def gather(_module: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
        hidden = args[0]
        return (hidden[:, :-1][trained].unsqueeze(0), *args[1:])

    handle = output_layer(model).register_forward_pre_hook(gather)
    try:
        return model(**inputs, use_cache=False)
    finally:
        handle.remove()


def output_layer(model: Any) -> Any:
    """The layer that makes logits from hidden states, through the wrappers around the
    model (DistributedDataParallel's `module`, peft's `base_model` and `model`)."""
    wrapped = [model]
    for _ in range(6):
        for candidate in wrapped:
            getter = getattr(candidate, "get_output_embeddings", None)
            layer = getter() if getter is not None else None
            if layer is not None:
                return layer
        wrapped = [
            inner
            for candidate in wrapped
            for name in ("module", "base_model", "model")
            if (inner := getattr(candidate, name, None)) is not None
        ]
    raise TypeError(f"{type(model).__name__} has no output embeddings to compute the loss from")
