"""The SQLite store and everything that fills it from files: schema and migrations, the build from data/ and
`ai-trends import`, CSV loaders and their validation, the model catalogue (hand-checked and inferred rows), the
study's figures parsed into numbers and periods, the exactly-once job table, and `db status`.

The bottom layer: it imports only `bot.config` and `bot.errors`. Every other package may import it."""
