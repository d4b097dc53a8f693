"""Retrieval evaluation: metrics, question sets, a runner over a temporary index, and the `eval` command."""
