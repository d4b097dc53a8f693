"""Polite HTTP fetching for the indexer: robots.txt, rate limits, conditional GET, sitemaps, address checks."""
