"""curate: curate, lint, split and prove fine-tuning datasets."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("curate-sft")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
