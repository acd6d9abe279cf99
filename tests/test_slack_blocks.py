"""Block Kit builders are pure: checked here without Slack, against Slack's limits."""

from __future__ import annotations

import json

import pytest

from bot.ask.answer import ask
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.topics import TOPICS
from bot.errors import NotUnderstood
from handlers.blocks import answers as sb
from handlers.blocks import home


def _question(topic: str = "open-source", view: str = "chart") -> Question:
    return Question(text=topic, topic=topic, view=view)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.name)
def test_every_answer_fits_block_kit_limits(built_paths, topic):
    answer = ask(topic.examples[0], built_paths)
    blocks = sb.answer_blocks(answer, _question(topic.name), file_id="F000000001")
    assert len(blocks) <= 50
    for block in blocks:
        assert len(block.get("text", {}).get("text", "")) <= 3000
        assert len(block.get("fields", [])) <= 10
        assert all(len(f["text"]) <= 2000 for f in block.get("fields", []))
        if block["type"] == "actions":
            assert all(len(e["value"]) <= 2000 for e in block["elements"])
        if block["type"] == "data_visualization":
            chart = block["chart"]
            assert len(block["title"]) <= 50 and 1 <= len(chart["series"]) <= 6
            assert all(len(c) <= 20 for c in chart["axis_config"]["categories"])
    assert sb.fallback_text(answer).startswith(answer.headline)


def test_answer_blocks_carry_numbers_chart_sources_and_buttons(built_paths):
    answer = ask("chinese", built_paths)
    blocks = sb.answer_blocks(answer, _question("chinese"), file_id="F000000001")
    text = json.dumps(blocks)
    assert answer.key_numbers[0].value in text and answer.key_numbers[0].period in text
    image = next(b for b in blocks if b["type"] == "image")
    assert image == {
        "type": "image",
        "slack_file": {"id": "F000000001"},
        "alt_text": answer.chart.alt_text,
        "title": {"type": "plain_text", "text": answer.chart.title},
    }
    assert "The State of AI study, for comparison" in text
    labels = [e["text"]["text"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Last 3 months", "Compare China vs US", "Show as table", "Why? (method)"]
    assert Question.from_json(blocks[-1]["elements"][0]["value"]).topic == "chinese"


def test_native_chart_used_only_when_it_fits():
    fits = Chart(
        b"", "Open vs closed share", "stacked-share", "alt", ["2025-11-24"], {"Open": [17.3], "Closed": [76.2]}
    )
    block = sb.data_visualization_block(fits)
    assert block["chart"]["type"] == "area"
    assert block["chart"]["series"][0] == {"name": "Open", "data": [{"label": "2025-11-24", "value": 17.3}]}
    long_label = Chart(b"", "Top", "bars", "alt", ["Gemini 2.5 Flash-Lite Preview"], {"share": [2.0]})
    assert sb.data_visualization_block(long_label) is None
    seven = Chart(b"", "t", "lines", "alt", ["a"], {str(i): [1.0] for i in range(7)})
    assert sb.data_visualization_block(seven) is None
    gaps = Chart(b"", "t", "lines", "alt", ["a", "b"], {"m": [1.0, None]})
    assert sb.data_visualization_block(gaps) is None


def test_long_text_is_clipped_not_rejected():
    long = "x" * 5000
    answer = Answer("report", "q", long, "p", [KeyNumber(long, long, long, long)], [long], "m", [])
    blocks = sb.answer_blocks(answer, _question("report"))
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    assert all(len(f["text"]) <= 2000 for b in blocks for f in b.get("fields", []))


def _cells_text(block: dict) -> list[list[str]]:
    return [[cell["text"] for cell in row] for row in block["rows"]]


def test_table_view_is_a_native_data_table_with_the_answers_numbers(built_paths):
    answer = ask("vendors", built_paths)
    blocks = sb.answer_blocks(answer, _question("vendors", "table"))
    (table,) = [b for b in blocks if b["type"] == "data_table"]
    assert _cells_text(table) == [[str(v) for v in row] for row in answer.table]
    assert table["caption"] == answer.headline and "```" not in json.dumps(blocks)
    assert all(cell["type"] == "raw_text" for cell in table["rows"][0])
    share = table["rows"][1][2]  # Anthropic's share in the first week
    assert share == {"type": "raw_number", "value": float(answer.table[1][2]), "text": answer.table[1][2]}


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.name)
def test_every_table_view_fits_the_data_table_limits_or_falls_back(built_paths, topic):
    from tests.fake_slack import block_problems

    answer = ask(topic.examples[0], built_paths)
    for block in sb.answer_blocks(answer, _question(topic.name, "table")):
        assert block_problems(block, set()) == [], topic.name


def test_an_empty_cell_is_a_dash_and_a_table_that_does_not_fit_is_monospace():
    rows = [["rank", "model", "previous share %"], ["1", "Grok 4.1 Fast", ""]]
    table = sb.data_table_block(rows, "Top models")
    assert table["rows"][1][2] == {"type": "raw_text", "text": "–"}
    assert table["rows"][1][0]["type"] == "raw_number" and table["page_size"] == 1
    too_long = [["week", "tokens"]] + [[f"w{i}", str(i)] for i in range(101)]
    too_wide = [[f"c{i}" for i in range(21)], [str(i) for i in range(21)]]
    too_much = [["text"]] + [["x" * 200] for _ in range(60)]
    for rows in (too_long, too_wide, too_much, [["only a header"]]):
        assert sb.data_table_block(rows, "t") is None
    answer = Answer("volume", "q", "Tokens per week", "p", [], [], "m", [], table=too_long)
    blocks = sb.answer_blocks(answer, _question("volume", "table"))
    assert "data_table" not in json.dumps(blocks) and "```week" in json.dumps(blocks)


def test_a_workspace_that_refuses_native_blocks_gets_the_monospace_table(built_paths):
    answer = ask("vendors", built_paths)
    refused = json.dumps(sb.answer_blocks(answer, _question("vendors", "table"), native_chart=False))
    assert "data_table" not in refused and "```week" in refused and "xAI" in refused


def test_why_view(built_paths):
    answer = ask("vendors", built_paths)
    why = json.dumps(sb.answer_blocks(answer, _question("vendors", "why")))
    assert "How this was worked out" in why and "https://openrouter.ai/rankings" in why


def test_error_blocks_offer_examples():
    error = NotUnderstood("I don't know a topic in 'x'.", ["open-source"], ["open-source"])
    text = json.dumps(sb.blocks_for_error(error))
    assert "I don't know a topic" in text and "`/ai-trends open-source`" in text


def test_help_lists_every_topic():
    text = json.dumps(home.help_blocks())
    assert all(f"`{t.name}`" in text for t in TOPICS)


def test_home_view_is_a_home_surface():
    view = home.home_view([KeyNumber("Open weights share, latest week", "17.3%", "week of 2025-11-24", "s")], "2026-09")
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert "as of 2026-09" in json.dumps(view)


def test_button_values_stay_json_within_slacks_limit(built_paths):
    from bot.ask.answer import understand_and_answer

    text = "open source share " + "é🚀" * 4000  # escapes make JSON longer than the text
    question, answer = understand_and_answer(text, built_paths)
    for block in sb.answer_blocks(answer, question):
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            assert len(element["value"]) <= 2000
            assert Question.from_json(element["value"]).topic == question.topic
