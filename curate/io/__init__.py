"""Readers: JSONL / JSON / CSV / Parquet files in any supported shape -> canonical Dataset."""

from curate.io.dataset import Dataset, SourceFile, read_dataset
from curate.io.errors import DatasetError, ReadIssue
from curate.io.sniff import DATASET_SUFFIXES

__all__ = ["DATASET_SUFFIXES", "Dataset", "DatasetError", "ReadIssue", "SourceFile", "read_dataset"]
