"""The use-case layer: one function per athlete interaction.

Each use case loads one snapshot of the athlete, applies the rules of ``coach/``, writes
in one transaction and returns reply models (:mod:`usecases.replies`). Telegram handlers
and the terminal chat only turn an update into a call and a reply model into messages.
Nothing here imports ``telegram``.
"""
