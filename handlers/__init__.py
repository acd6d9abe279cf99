"""Thin Slack adapters: acknowledge, call one bot/ function, post the reply."""
