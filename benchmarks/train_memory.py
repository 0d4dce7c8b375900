"""Peak memory (RSS) of `curate train` on the CPU, before and after the memory work.

    python benchmarks/train_memory.py --steps 3 --batch-size 8 --max-length 384

Each configuration trains the default model (or --model) in a fresh process for the same
steps on the same split, and the process's peak resident memory is read from the OS
(`getrusage` of the child). Configurations:

- `full logits`: the loss from the logits of every position, as the model computes it
  (what `curate train` did before `ReplyLossTrainer`);
- `reply logits`: the logits of trained positions only (`curate train` now);
- `reply logits + checkpointing`: and `[train] gradient-checkpointing = true`.

Data: the demo sample's tickets split as `curate split` splits them (or --splits).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "demo" / "tickets.jsonl"
CONFIGS = {
    "full logits": {"full_logits": True, "checkpointing": False},
    "reply logits": {"full_logits": False, "checkpointing": False},
    "reply logits + checkpointing": {"full_logits": False, "checkpointing": True},
}

CHILD = """
import json, resource, sys, time
from pathlib import Path
from transformers import Trainer
from curate.schemas.settings import TrainSettings
from curate.trainer import loss
from curate.trainer.train import train

job = json.loads(sys.argv[1])
if job["full_logits"]:
    loss.ReplyLossTrainer.compute_loss = Trainer.compute_loss  # the model's own loss
settings = TrainSettings(model=job["model"], batch_size=job["batch_size"],
                         max_seq_length=job["max_length"], epochs=1.0,
                         gradient_checkpointing=job["checkpointing"])
started = time.perf_counter()
train(Path(job["splits"]), Path(job["out"]), settings, max_steps=job["steps"])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak}))
"""


def main() -> None:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curate-memory-bench-"))
    splits = args.splits or make_splits(folder / "splits")
    print(f"{args.steps} steps of batch {args.batch_size} x max {args.max_length} tokens, "
          f"model {args.model or 'default'}; peak RSS of a fresh process per line")  # fmt: skip
    results = {}
    for name, config in CONFIGS.items():
        job = {**config, "model": args.model, "batch_size": args.batch_size,
               "max_length": args.max_length, "steps": args.steps, "splits": str(splits),
               "out": str(folder / name.replace(" ", "-"))}  # fmt: skip
        results[name] = measure(job)
        peak, seconds = results[name]
        print(f"  {name:30} {peak / 2**30:6.2f} GiB peak   {seconds / args.steps:6.1f} s/step")
    before = results["full logits"][0]
    for name in list(CONFIGS)[1:]:
        print(f"  {name}: {results[name][0] / before:.2f}x the peak of full logits")


def measure(job: dict[str, object]) -> tuple[int, float]:
    """Peak RSS in bytes (the process's own `getrusage`, Linux: KiB) and training seconds
    of one configuration, in its own process."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(job)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"training failed:\n{done.stderr[-3000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return int(found["peak"]), float(found["seconds"])


def make_splits(out: Path) -> Path:
    from curate.config import load_settings
    from curate.split.command import split

    settings = load_settings(ROOT / "samples" / "demo" / "curate.toml")
    split([SAMPLE], out, settings, settings.fields, force=True)
    return out


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model folder, .gguf or hub id")
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-length", type=int, default=384)
    parser.add_argument("--splits", type=Path, help="a `curate split` folder to train on")
    return parser.parse_args()


if __name__ == "__main__":
    main()
