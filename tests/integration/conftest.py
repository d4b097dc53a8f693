"""The `indexed` fixture lives in tests/conftest.py so every test folder can use it."""
