"""Tests of the api package: HTTP endpoints, CLI, app data, operations."""
