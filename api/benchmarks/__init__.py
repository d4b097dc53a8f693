"""Benchmarks that need the whole service: API workers, a Chroma server, PostgreSQL."""
