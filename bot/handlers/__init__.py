"""Thin Telegram handlers: parse the update, call coach/ and storage/, render."""
