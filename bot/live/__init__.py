"""Live data from OpenRouter: the HTTP client (paced, retrying, never showing the key), validation of the Data
API's responses, the all-or-nothing refresh, the log of refresh runs with the day's request budget, how stale the
data is, and the worker's once-a-day refresh.

Imports `bot.store` (it writes there) and nothing above it."""
