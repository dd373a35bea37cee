"""The one settings object, importable by every layer (bot, knowledge, storage, use cases)."""

from config.settings import Settings

__all__ = ["Settings"]
