"""The retrieval baseline: answer each test input with the reply of the most similar training
input, by BM25 over words (lower-cased `\\w+`, k1 = 1.5, b = 0.75).

If a model trained on the data cannot beat this, it learnt to copy other customers' replies,
not to answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

_WORD = re.compile(r"\w+")
K1, B = 1.5, 0.75


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def nearest_replies(
    train_inputs: Sequence[str], train_outputs: Sequence[str], queries: Sequence[str]
) -> tuple[list[str], list[int]]:
    """For each query, the reply of the training input with the highest BM25 score (the
    first such input on a tie), and that input's position."""
    if not train_inputs:
        raise ValueError("no training records to retrieve from")
    vocabulary: dict[str, int] = {}
    rows, cols, counts = [], [], []
    lengths = np.zeros(len(train_inputs), dtype=np.float64)
    for row, text in enumerate(train_inputs):
        words = Counter(_words(text))
        lengths[row] = sum(words.values())
        for word, count in words.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            counts.append(count)
    tf = csr_matrix((counts, (rows, cols)), shape=(len(train_inputs), len(vocabulary)))
    documents = np.bincount(cols, minlength=len(vocabulary)).astype(np.float64)
    idf = np.log1p((len(train_inputs) - documents + 0.5) / (documents + 0.5))
    norm = K1 * (1 - B + B * lengths / max(lengths.mean(), 1.0))
    weighted = tf.tocoo()
    values = weighted.data * (K1 + 1) / (weighted.data + norm[weighted.row]) * idf[weighted.col]
    scores_matrix = csr_matrix((values, (weighted.row, weighted.col)), shape=tf.shape).T.tocsr()
    replies, positions = [], []
    for query in queries:
        terms = [vocabulary[w] for w in set(_words(query)) if w in vocabulary]
        if terms:
            scores = np.asarray(scores_matrix[terms].sum(axis=0)).ravel()
            best = int(np.argmax(scores))
        else:
            best = 0
        replies.append(train_outputs[best])
        positions.append(best)
    return replies, positions
