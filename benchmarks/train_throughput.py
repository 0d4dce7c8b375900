"""Training tokens/s of `curate train` against a minimal hand-written PyTorch LoRA loop.

    python benchmarks/train_throughput.py --steps 10 --batch-size 8 --max-length 384

Both train the same LoRA (peft, the settings' rank and targets) on the same model, from
the same seed, for the same number of steps, on the very same batches: the batches that
`curate train` (the library function, transformers Trainer, length-grouped sampling) built
are recorded and replayed by the loop (forward, backward, AdamW step). Time runs from the
start of the training loop to the end of its last step (model loading, data encoding and
the end-of-training validation and save are outside, and printed apart for curate).
Tokens are the real, non-pad tokens of those batches. The target is curate >= 0.9x the
loop. The padding share compares curate's length-grouped batches with random batches
over one epoch of the train split. On a CUDA GPU it also prints MFU, taken as
6 * parameters * tokens/s / peak FLOP/s (--peak-tflops; default: H100/H200 dense bf16).

Data: `samples/support_tickets.jsonl` split the way `curate split` splits it (or --splits).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from curate.schemas.settings import CurateSettings, TrainSettings
from curate.split.command import split
from curate.trainer.data import encode_records
from curate.trainer.lora import build_lora_config, quiet_peft
from curate.trainer.model import load, resolve_model, use_bf16
from curate.trainer.train import TrainProgress, records_of, train

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "support_tickets.jsonl"
TARGET = 0.9
H100_BF16_DENSE_TFLOPS = 989.0


@dataclass
class Timed:
    seconds: float
    tokens: int
    steps: list[float]
    """Seconds of each step, to see how noisy the machine was."""

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds


def main() -> None:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curate-train-bench-"))
    splits = args.splits or make_splits(folder / "splits")
    settings = TrainSettings(
        model=args.model,
        batch_size=args.batch_size,
        max_seq_length=args.max_length,
        seed=args.seed,
    )
    precision = "bf16 autocast" if use_bf16() else "float32"
    print(
        f"model {resolve_model(args.model)}, {args.steps} steps of batch {args.batch_size}, "
        f"max length {args.max_length}, {precision}"
    )
    warmup = args.warmup if args.warmup is not None else (5 if torch.cuda.is_available() else 0)
    if warmup:
        # The first steps on a GPU pay for its warm-up (kernels loaded, allocator grown,
        # cuBLAS choosing algorithms); whichever ran first would carry it. A throwaway run
        # takes it, so both timed runs start warm.
        run_curate(splits, folder / "warmup", settings, warmup)
    batches, curate, outside = run_curate(splits, folder / "run", settings, args.steps)
    loop = run_loop(settings, batches)
    print_results(curate, loop, outside, settings, splits, batches, args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model folder, .gguf or hub id")
    add_training_options(parser, steps=10)
    parser.add_argument(
        "--warmup",
        type=int,
        help="untimed curate steps first, so neither timed run pays the device's warm-up "
        "(default: 5 on a CUDA GPU, 0 on a CPU)",
    )
    return parser.parse_args()


def add_training_options(parser: argparse.ArgumentParser, steps: int) -> None:
    """The options the training benchmarks share: steps, batch, length, seed, data, peak."""
    parser.add_argument("--steps", type=int, default=steps)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-length", type=int, default=384)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--splits", type=Path, help="a `curate split` folder to train on")
    parser.add_argument(
        "--peak-tflops",
        type=float,
        default=H100_BF16_DENSE_TFLOPS,
        help="the GPU's peak dense TFLOP/s for MFU (default: H100/H200 bf16)",
    )


def make_splits(out: Path) -> Path:
    """The sample dataset split as `curate split` does (default settings)."""
    settings = CurateSettings()
    split([SAMPLE], out, settings, settings.fields, force=True)
    return out


def run_curate(
    splits: Path, out: Path, settings: TrainSettings, steps: int
) -> tuple[list[dict[str, Any]], Timed, float]:
    """Train with `curate.trainer.train.train`; record its batches and its loop time."""
    from transformers import DataCollatorForSeq2Seq

    made: list[dict[str, Any]] = []
    collate = DataCollatorForSeq2Seq.__call__

    def recording(self: Any, features: Any, return_tensors: Any = None) -> Any:
        batch = collate(self, features, return_tensors)
        made.append({key: value.clone() for key, value in batch.items()})
        return batch

    reports: list[TrainProgress] = []
    started = time.perf_counter()
    DataCollatorForSeq2Seq.__call__ = recording  # type: ignore[method-assign]
    try:
        train(splits, out, settings, max_steps=steps, on_progress=reports.append)
    finally:
        DataCollatorForSeq2Seq.__call__ = collate  # type: ignore[method-assign]
    total = time.perf_counter() - started
    # The first `steps` batches are the trained ones (the loader may collate one ahead,
    # and validation batches come after).
    batches = made[:steps]
    # The last step's first report is its own; later ones are the validation and summary.
    ends = [min(r.elapsed_s for r in reports if r.step == step) for step in range(1, steps + 1)]
    loop_seconds = ends[-1]
    timed = Timed(loop_seconds, sum(real_tokens(b) for b in batches), step_times(ends))
    return batches, timed, total - loop_seconds


def run_loop(settings: TrainSettings, batches: list[dict[str, Any]]) -> Timed:
    """The minimal loop: peft model, AdamW, forward, backward, step, on the same batches,
    in the precision curate chose (bf16 autocast where the hardware has it)."""
    from peft import get_peft_model
    from transformers import set_seed

    gc.collect()  # curate's model and trainer, gone
    set_seed(settings.seed)
    model, _ = load(resolve_model(settings.model))
    with quiet_peft():
        model = get_peft_model(model, build_lora_config(settings))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device).train()
    bf16 = use_bf16()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=settings.learning_rate, weight_decay=0.0)
    synchronize()
    started = time.perf_counter()
    ends = []
    for batch in batches:
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            loss = model(**{key: value.to(device) for key, value in batch.items()}).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        synchronize()
        ends.append(time.perf_counter() - started)
    return Timed(ends[-1], sum(real_tokens(b) for b in batches), step_times(ends))


def step_times(ends: list[float]) -> list[float]:
    """Each step's seconds from the times its steps ended."""
    return [end - start for start, end in zip([0.0, *ends], ends, strict=False)]


def synchronize() -> None:
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def real_tokens(batch: dict[str, Any]) -> int:
    return int(batch["attention_mask"].sum())


def padding_share(lengths: list[int], order: list[int], batch_size: int) -> float:
    """Pad tokens / all tokens when `order` is cut into batches padded to their longest."""
    real = padded = 0
    for start in range(0, len(order), batch_size):
        batch = [lengths[i] for i in order[start : start + batch_size]]
        real += sum(batch)
        padded += max(batch) * len(batch)
    return 1 - real / padded


def epoch_padding(splits: Path, settings: TrainSettings) -> tuple[float, float]:
    """Padding share over one epoch: length-grouped (as the Trainer samples) and random."""
    from transformers.trainer_pt_utils import get_length_grouped_indices

    _, tokenizer = load(resolve_model(settings.model))
    rows = encode_records(
        tokenizer, records_of(splits / "train.jsonl"), settings.max_seq_length
    ).rows
    lengths = [len(row["input_ids"]) for row in rows]
    generator = torch.Generator().manual_seed(settings.seed)
    grouped = get_length_grouped_indices(lengths, settings.batch_size, generator=generator)
    shuffled = list(range(len(lengths)))
    random.Random(settings.seed).shuffle(shuffled)
    return (
        padding_share(lengths, list(grouped), settings.batch_size),
        padding_share(lengths, shuffled, settings.batch_size),
    )


def print_results(
    curate: Timed,
    loop: Timed,
    outside: float,
    settings: TrainSettings,
    splits: Path,
    batches: list[dict[str, Any]],
    args: argparse.Namespace,
) -> None:
    ratio = curate.tokens_per_s / loop.tokens_per_s
    verdict = "meets" if ratio >= TARGET else "below"
    all_tokens = sum(b["attention_mask"].numel() for b in batches)
    print(
        f"curate train: {curate.tokens} tokens in {curate.seconds:.1f} s = "
        f"{curate.tokens_per_s:.0f} tokens/s"
    )
    print(
        f"plain loop:   {loop.tokens} tokens in {loop.seconds:.1f} s = "
        f"{loop.tokens_per_s:.0f} tokens/s"
    )
    for name, timed in (("curate", curate), ("loop", loop)):
        times = " ".join(f"{t:.1f}" for t in timed.steps)
        print(f"{name} seconds per step: {times} (median {statistics.median(timed.steps):.1f})")
    print(f"ratio curate/loop: {ratio:.2f}x (target >= {TARGET}x: {verdict})")
    # The same batch in both: per-step ratios, whose median a noisy neighbour skews less.
    per_step = [mine / theirs for mine, theirs in zip(loop.steps, curate.steps, strict=True)]
    print(f"median per-step ratio (same batch): {statistics.median(per_step):.2f}x")
    print(f"curate outside the loop (load, encode, validate, save): {outside:.1f} s")
    grouped, shuffled = epoch_padding(splits, settings)
    print(f"padding share of the timed batches: {1 - curate.tokens / all_tokens:.1%}")
    print(f"padding share over an epoch: length-grouped {grouped:.1%}, random {shuffled:.1%}")
    if torch.cuda.is_available():
        model, _ = load(resolve_model(settings.model))
        params = sum(p.numel() for p in model.parameters())
        peak = args.peak_tflops * 1e12
        for name, timed in (("curate", curate), ("loop", loop)):
            print(
                f"MFU {name}: {6 * params * timed.tokens_per_s / peak:.1%} "
                f"(6 x {params / 1e6:.0f}M params, peak {args.peak_tflops:.0f} TFLOP/s)"
            )
    else:
        print("MFU: no CUDA GPU here")


if __name__ == "__main__":
    main()
