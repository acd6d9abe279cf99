"""A conversation with the bot, without any chat platform's I/O: fresh questions, replies in a thread read as
follow-ups to the thread's last question, button clicks, and what is remembered between requests (each
thread's question and the events already handled).

Imports `bot.ask` and `bot.store`; the chat adapter calls the functions named here."""

from bot.ask.answer import answer_first
from bot.conversation.turns import (
    BUTTONS,
    answer_button,
    answer_in_thread,
    answer_text,
    claim_event,
    finish_event,
    headlines,
    knows_thread,
    remember,
)

__all__ = [
    "BUTTONS",
    "answer_first",
    "answer_button",
    "answer_in_thread",
    "answer_text",
    "claim_event",
    "finish_event",
    "headlines",
    "knows_thread",
    "remember",
]
