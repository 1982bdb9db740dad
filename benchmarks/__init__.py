"""Benchmarks and load runs: each compares against a named peer in the same run and reports ratios."""
