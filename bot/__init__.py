"""ai-trends core: the usage-figure store, live data, analytics, charts, answers, conversations and digests.

No chat platform's I/O or vocabulary lives here (handlers/ adapts it to a chat platform). Packages, bottom to top:
store -> live -> analytics (and charts) -> ask -> conversation -> digest; each imports only those below it."""
