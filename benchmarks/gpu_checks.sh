#!/usr/bin/env bash
# The checks that need a CUDA GPU, run on a bare GPU machine that has PyTorch,
# transformers and accelerate but no network (the GPU this project is lent at times):
#
#   bash benchmarks/gpu_checks.sh BUNDLE OUT
#
# BUNDLE holds what that machine lacks: site.tar.xz (the wheels of curate's core
# dependencies it does not have, for its Python, and bitsandbytes, unpacked into one
# folder; xz keeps polars' 180 MB library under the 64 MiB a call may carry; bitsandbytes
# needs only the library for the machine's CUDA), wheels (*.whl) and tokenizer/ (the
# default model's tokenizer files, which SmolLM2 models share). On 2026-11-30 the bundle
# held polars, pydantic and bitsandbytes but not jsonschema or detect-secrets, so five
# trainer tests that lint failed there on the missing import. No model can be downloaded there,
# so speed and memory are measured on random weights of published shapes
# (benchmarks/random_model.py). Everything printed goes to OUT/gpu_checks.log.
#
# 1. the tests that skip without CUDA: FSDP through samples/accelerate/fsdp.yaml, and
#    QLoRA (4bit, 8bit) training;
# 2. bf16 training speed of `curate train` against a plain PyTorch loop, with MFU, on the
#    default model's shape (benchmarks/train_throughput.py);
# 3. tokens/s and peak GPU memory at quantize none / 8bit / 4bit on SmolLM2-1.7B's shape
#    (benchmarks/train_quantized.py);
# 4. the trainer tests, on the GPU.
# LARGE_SHAPE and STEPS change the QLoRA model and the steps (a dry run on a CPU).
set -u
large=${LARGE_SHAPE:-smollm2-1.7b}
steps=${STEPS:-40}
bundle=$(realpath "$1")
out=$(realpath "$2")
log="$out/gpu_checks.log"
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
{
    site=/tmp/curate-site
    mkdir -p "$site" && tar xJf "$bundle/site.tar.xz" -C "$site"
    python3 -m pip install -q --no-index --no-deps --no-compile --upgrade --target "$site" \
        "$bundle"/*.whl
    # The repository maps curate.trainer, curate.schemas and curate.tui to top-level
    # folders (pyproject's package-dir); a copy laid out as installed needs no build step.
    work=/tmp/curate-work
    rm -rf "$work" && mkdir -p "$work" && cp -r . "$work" && cd "$work" || exit 1
    cp -r trainer schemas tui curate/
    export PYTHONPATH="$work:$site"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
    python3 -c "import torch, transformers, peft, accelerate, bitsandbytes as b
print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft',
      peft.__version__, 'accelerate', accelerate.__version__, 'bitsandbytes', b.__version__)"
    echo "== 1. tests that need CUDA"
    timeout 300 python3 -m pytest -q -p no:cacheprovider -k gpu \
        tests/trainer/test_sharded.py tests/trainer/test_train_options.py
    echo "== models of published shapes, random weights"
    python3 benchmarks/random_model.py smollm2-135m --tokenizer "$bundle/tokenizer" \
        --out /tmp/m135 --dtype float32
    python3 benchmarks/random_model.py "$large" --tokenizer "$bundle/tokenizer" \
        --out /tmp/mlarge
    echo "== 2. bf16 speed and MFU, SmolLM2-135M's shape"
    timeout 200 python3 benchmarks/train_throughput.py --model /tmp/m135 --steps "$steps"
    echo "== 3. QLoRA, $large's shape"
    timeout 300 python3 benchmarks/train_quantized.py --model /tmp/mlarge --steps "$((steps / 2))"
    echo "== 4. trainer tests on the GPU"
    timeout 300 python3 -m pytest -q -p no:cacheprovider tests/trainer \
        --ignore tests/trainer/test_default_model.py \
        --ignore tests/trainer/test_tokenizer_default.py
    echo "== done"
} 2>&1 | grep --line-buffered -v -E "^(Loading weights|Writing model shards)|it/s\]$" \
    | tee "$log"
