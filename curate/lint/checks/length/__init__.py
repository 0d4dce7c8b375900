"""LEN: empty or trivial outputs, length outliers, examples longer than training can take."""
