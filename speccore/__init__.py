"""The spec core: load an OpenAPI 3.0 document strictly, resolve it, walk it, validate and lint it."""
