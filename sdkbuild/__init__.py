"""The SDK build: spec → IR → rendered package (datamodel-code-generator, Jinja2), atomic output, check."""
