"""One module per data source. Copy an existing module to add one (see pipelines/README.md)."""
