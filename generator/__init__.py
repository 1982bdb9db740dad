"""Spec-first SDK pipeline: validate the MetaStudio OpenAPI spec and generate the Python SDK."""
