"""The warehouse's views and macros, one .sql file each (package data; built by
warehouse/build_models.py after every migrate)."""
