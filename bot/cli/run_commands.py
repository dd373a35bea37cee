"""Placeholder: filled by its area (see bot/cli/__init__.py)."""
