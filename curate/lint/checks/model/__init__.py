"""MOD: what the tuned model of a run (`curate lint --run RUN_DIR`) says about the records.

Silent without a run. The signals are the run's (`signals.parquet`, its test predictions);
a record edited since the run is not judged by them.
"""
