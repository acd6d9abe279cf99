"""ai-trends core: the usage-figure store, analytics, charts and answers (no Slack I/O)."""
