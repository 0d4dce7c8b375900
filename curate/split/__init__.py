"""`curate split`: stratified, cluster-aware, deterministic train/val/test splits."""
