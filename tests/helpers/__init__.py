"""Helpers for the hardening tests: the real `tradewatch` command as a subprocess."""
