"""Fuzzing with schemathesis: request signing, safety filters and the `make fuzz` / `fuzz-live` runners."""
