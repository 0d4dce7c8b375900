"""Near-duplicate detection with MinHash LSH, and long n-gram overlap.

Texts arrive already in their normal form (NFKC, lower case, invisible characters removed,
whitespace collapsed) as a polars String Series. Tokens are words, the matches of ``\\w+``.

Everything runs on flat numpy arrays built by polars, never in a Python loop per record:

1. Words are cut and hashed by polars (``Expr.hash(seed)``, stable within one polars
   version, which is all one run needs), a chunk of records at a time.
2. Consecutive word hashes are combined into word n-gram ("shingle") hashes with numpy.
   N-grams never cross a record boundary; a text shorter than ``n`` words gets one shingle
   made of all its words; an empty text gets none and is never a near duplicate.
3. MinHash follows datasketch 2.0's ``affine32`` scheme: the top 32 bits of each shingle
   hash are pre-mixed with the MurmurHash3 ``fmix32`` finalizer, permutation ``k`` is
   ``a_k * h + b_k`` in uint32 wraparound with odd ``a_k`` (drawn exactly as datasketch
   draws them), and the signature is the minimum per record. The signatures equal those of
   ``datasketch.MinHash(num_perm, seed, scheme="affine32")`` fed the same 32-bit hashes.
4. LSH: rows with equal signatures are first collapsed (each paired once with the first of
   them); the rest are banded, (bands, rows) = (42, 3) at the defaults (see _lsh_bands).
   Buckets of up to 100 members give all their pairs; larger ones (templated text) pair
   each member with its 10 next neighbours in signature order, so they stay linear.
5. Candidates are checked against the signature estimate (dropped below threshold - 0.15),
   then verified by the exact Jaccard of the two n-gram hash sets, best estimate first; a
   pair whose rows are already joined through verified pairs is skipped, so a cluster of k
   texts costs about k exact comparisons. Verified pairs are joined by union-find.

Chunks of records, LSH bands and blocks of pairs are spread over a small thread pool:
numpy ufuncs and polars release the GIL, so the work uses every core while memory stays
bounded by the chunk sizes (about 1 GB beyond the texts for 1M records of 120 words: the
signatures, 512 MB, and the band keys, 336 MB).

One module per stage, so each can be read (and tuned: the block sizes sit at the top of the
module that uses them) on its own:

- ``params``: `NearDuplicateParams`.
- ``shingles``: steps 1 and 2, shared by everything below.
- ``minhash``: step 3 (and the band keys, while each block is in cache).
- ``lsh``: step 4 and the signature-estimate filter of step 5.
- ``jaccard``: the exact n-gram Jaccard of pairs of texts.
- ``verify``: the rest of step 5, verification and union-find clusters.
- ``search``: `near_duplicates` end to end, and its result `NearDuplicates`.
- ``ngrams``: `ngram_overlap`, the long n-gram contamination check.
- ``arrays``, ``parallel``: numpy helpers and the thread pool.

Import from ``curate.dedup``; the modules are an implementation detail.
"""

from __future__ import annotations

from curate.dedup.lsh import _lsh_bands as _lsh_bands
from curate.dedup.lsh import _optimal_param as _optimal_param
from curate.dedup.minhash import minhash_signatures
from curate.dedup.ngrams import ngram_overlap, ngram_overlap_runs
from curate.dedup.params import NearDuplicateParams
from curate.dedup.search import NearDuplicates, near_duplicates
from curate.dedup.shingles import _shingles as _shingles
from curate.dedup.shingles import _word_hashes as _word_hashes

__all__ = [
    "NearDuplicateParams",
    "NearDuplicates",
    "minhash_signatures",
    "near_duplicates",
    "ngram_overlap",
    "ngram_overlap_runs",
]
