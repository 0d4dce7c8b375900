"""QLoRA: tokens/s and peak GPU memory of `curate train` at `[train] quantize` none, 8bit, 4bit.

    python benchmarks/train_quantized.py --model DIR --steps 20 --batch-size 8 --max-length 384

Each mode trains the same LoRA on the same split from the same seed for the same steps, in
one process, one after the other. Tokens/s is timed as in `train_throughput.py` (the
training loop only; real, non-pad tokens). Peak memory is the most the CUDA allocator held
at once over the whole `train()` call: the model, LoRA, optimizer and activations. Each mode
is printed next to `none` (the base model in its own precision, bf16 autocast) as the
reference. MFU is 6 x parameters x tokens/s over --peak-tflops, the same formula for all
modes (quantised weights are de-quantised for each matrix product, which is the cost QLoRA
pays for its memory). On a machine without CUDA, the quantised modes print the error a user
gets and are skipped.

A model: any folder (`benchmarks/random_model.py` writes one of a published shape where no
model can be downloaded). Data: the support-tickets sample split as `curate split` splits it.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
from dataclasses import dataclass
from pathlib import Path

import torch

from curate.models import ModelError
from curate.schemas.settings import TrainSettings
from curate.trainer.model import load, resolve_model

from train_throughput import Timed, add_training_options, make_splits, run_curate  # isort: skip

MODES = ("none", "8bit", "4bit")


@dataclass
class Measured:
    mode: str
    timed: Timed
    peak_gib: float | None


def main() -> None:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curate-qlora-bench-"))
    splits = args.splits or make_splits(folder / "splits")
    params = parameters(args.model)
    gpu = torch.cuda.get_device_name() if torch.cuda.is_available() else "no CUDA GPU"
    print(
        f"model {args.model} ({params / 1e6:.0f}M parameters), {args.steps} steps of batch "
        f"{args.batch_size}, max length {args.max_length}, {gpu}"
    )
    measured = []
    for mode in args.modes:
        settings = TrainSettings(
            model=str(args.model),
            batch_size=args.batch_size,
            max_seq_length=args.max_length,
            seed=args.seed,
            quantize=mode,
            signals=False,
        )
        try:
            measured.append(measure(mode, splits, folder / f"run-{mode}", settings, args.steps))
        except ModelError as error:
            print(f"{mode}: {error}")
    print_table(measured, params, args.peak_tflops)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a model folder")
    add_training_options(parser, steps=20)
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    return parser.parse_args()


def parameters(model: Path) -> int:
    loaded, _ = load(resolve_model(str(model)))
    count = sum(p.numel() for p in loaded.parameters())
    del loaded
    gc.collect()
    return count


def measure(mode: str, splits: Path, out: Path, settings: TrainSettings, steps: int) -> Measured:
    gc.collect()
    cuda = torch.cuda.is_available()
    if cuda:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    _, timed, _ = run_curate(splits, out, settings, steps)
    peak = torch.cuda.max_memory_allocated() / 2**30 if cuda else None
    return Measured(mode, timed, peak)


def print_table(measured: list[Measured], params: int, peak_tflops: float) -> None:
    reference = next((m for m in measured if m.mode == "none"), None)
    header = ("quantize", "tokens/s", "vs none", "peak GiB", "vs none", "MFU")
    print("{:<9} {:>9} {:>8} {:>9} {:>8} {:>6}".format(*header))
    for m in measured:
        speed = m.timed.tokens_per_s
        mfu = 6 * params * speed / (peak_tflops * 1e12)
        speed_ratio = f"{speed / reference.timed.tokens_per_s:.2f}x" if reference else "-"
        peak = f"{m.peak_gib:.2f}" if m.peak_gib is not None else "-"
        memory_ratio = (
            f"{m.peak_gib / reference.peak_gib:.2f}x"
            if reference and m.peak_gib is not None and reference.peak_gib
            else "-"
        )
        mfu_text = f"{mfu:.1%}" if torch.cuda.is_available() else "-"
        print(
            f"{m.mode:<9} {speed:>9.0f} {speed_ratio:>8} {peak:>9} {memory_ratio:>8} {mfu_text:>6}"
        )


if __name__ == "__main__":
    main()
