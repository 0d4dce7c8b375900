"""A model folder with random weights in the shape of a real one, for speed and memory.

    python benchmarks/random_model.py smollm2-1.7b --tokenizer MODEL_DIR --out DIR

Training speed and memory depend on a model's shape, not on its weights, so a machine that
cannot download a model (the GPU lent to this project reaches no network) can still measure
them. The shapes are those of the published configs; the tokenizer is copied from
`--tokenizer` (e.g. the embedded default model's folder, which SmolLM2 models share). Weights
are bfloat16, as the hub ships these models (`--dtype float32` for the shape of the embedded
default, which is de-quantised to float32). Losses of such a model mean nothing.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

# The published configs' shapes (HuggingFaceTB/SmolLM2-*-Instruct, config.json).
SHAPES: dict[str, dict[str, int | float]] = {
    "smollm2-135m": {"hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
                     "num_attention_heads": 9, "num_key_value_heads": 3,
                     "rope_theta": 100000.0},
    "smollm2-360m": {"hidden_size": 960, "intermediate_size": 2560, "num_hidden_layers": 32,
                     "num_attention_heads": 15, "num_key_value_heads": 5,
                     "rope_theta": 100000.0},
    "smollm2-1.7b": {"hidden_size": 2048, "intermediate_size": 8192, "num_hidden_layers": 24,
                     "num_attention_heads": 32, "num_key_value_heads": 32,
                     "rope_theta": 130000.0},
}  # fmt: skip
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja")


def build(shape: str, tokenizer: Path, out: Path, dtype: str = "bfloat16") -> int:
    """Write `out` (config, random bf16 safetensors, tokenizer); built on the GPU where there
    is one, since initialising a billion weights on a CPU takes minutes. Returns the
    number of parameters."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    sizes = dict(SHAPES[shape])
    rope_theta = sizes.pop("rope_theta")
    vocab = len(AutoTokenizer.from_pretrained(tokenizer))
    config = LlamaConfig(
        **sizes,
        vocab_size=vocab,
        max_position_embeddings=8192,
        tie_word_embeddings=True,
        rms_norm_eps=1e-5,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=2,
        rope_parameters={"rope_theta": rope_theta, "rope_type": "default"},
    )
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    with torch.device(device):
        model = LlamaForCausalLM(config).to(getattr(torch, dtype))
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    for name in TOKENIZER_FILES:
        if (tokenizer / name).is_file():
            shutil.copy(tokenizer / name, out / name)
    return sum(p.numel() for p in model.parameters())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=sorted(SHAPES))
    parser.add_argument("--tokenizer", type=Path, required=True, help="a model folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dtype", choices=("bfloat16", "float32"), default="bfloat16")
    args = parser.parse_args()
    params = build(args.shape, args.tokenizer, args.out, args.dtype)
    print(f"{args.shape}: {params / 1e6:.0f}M parameters (random, {args.dtype}) in {args.out}")


if __name__ == "__main__":
    main()
