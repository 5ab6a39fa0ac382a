"""Numbered SQL migrations of the warehouse (package data)."""
