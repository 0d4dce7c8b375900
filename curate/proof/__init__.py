"""What an evaluation may claim: paired bootstrap intervals and sign tests, the retrieval
baseline, key-fact recall, and the verdict in words derived only from the intervals.

Torch-free: the trainer generates the replies, this package judges them.
"""
