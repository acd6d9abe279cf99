"""Asking: turn a question in plain words into an `Answer` value (headline, key numbers with periods and sources,
what changed, a chart, the method and citations). Holds the topic table, the question and date parsers, the one
answer function with its cache and worker pool, the per-topic answers (`bot.ask.answers`), study quotations and
how numbers are written.

Imports `bot.analytics`, `bot.charts` and `bot.store`; knows no chat platform. `bot.conversation`, `bot.digest`
and the CLI call it."""
