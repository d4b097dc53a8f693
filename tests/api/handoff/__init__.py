"""Hand-off tests: real SMTP and webhook receivers on 127.0.0.1, a real server, real SQLite."""
