"""Tests of the assistant package: understanding a turn, retrieval, routing, answering."""
