"""SIZE: enough examples overall, per category and per split to train and to measure."""
