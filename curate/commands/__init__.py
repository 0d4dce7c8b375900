"""The command modules of `curate`; importing `curate.cli` registers them all."""
