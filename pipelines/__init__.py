"""Ingestion pipelines: one module per source in `pipelines.sources`, shared machinery here."""
