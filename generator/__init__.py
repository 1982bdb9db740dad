"""The command line over the spec core, the SDK build and the review tools (`python -m generator`)."""
