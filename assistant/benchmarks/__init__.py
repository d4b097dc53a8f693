"""Benchmarks of the assistant, registered in api/bench.py."""
