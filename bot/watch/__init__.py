"""Watches: a channel is told the moment the market crosses a line it cares about. Conditions in plain words
(a share above or below a level, a weekly move, a model's rank, a new entrant to a top N), the rules that decide
when a watch fires and re-arms, the per-channel watch list, and the round that evaluates every watch once per
new complete week and delivers each alert exactly once through the digest's `Poster` and job table.

Imports `bot.ask`, `bot.analytics`, `bot.charts`, `bot.digest` (its exactly-once delivery) and `bot.store`;
never a chat platform's SDK."""
