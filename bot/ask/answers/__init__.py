"""One module per kind of answer: shares (open, origin, reasoning, size, vendors), models (top N and one model),
volume, and the study-only topics (report); `common` holds what the rankings answers share.

Each imports `bot.analytics` for numbers, `bot.charts` for the picture and the rest of `bot.ask` for wording;
`bot.ask.routes` picks one per question."""
