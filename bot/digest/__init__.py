"""Weekly digests: what a digest says (content), the subscribe/unsubscribe commands, weekday-and-time schedules
in IANA timezones, channel subscriptions, and the round that delivers every due digest exactly once through a
`Poster` that the chat adapter supplies.

Imports `bot.ask`, `bot.analytics`, `bot.conversation` and `bot.store`; never a chat platform's SDK."""
