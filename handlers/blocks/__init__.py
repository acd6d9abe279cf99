"""Block Kit: pure functions from the core's values (answers, digests, digest statuses, errors) to Slack payloads,
kept within Slack's documented limits. Tested without a Slack server."""
