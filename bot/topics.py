"""The topics ai-trends can answer: one table that drives parsing, answers and the help text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    title: str
    summary: str
    synonyms: tuple[str, ...]
    examples: tuple[str, ...]
    dimension: str | None = None  # share dimension answered from the rankings; None for report-only topics
    figure_topics: tuple[str, ...] = ()  # topics of the study's figures table shown with the answer
    anchors: tuple[str, ...] = ()  # study figures on the chart's own scale: drawn as points and quoted
    study_keys: tuple[str, ...] = ()  # study figures quoted beside the numbers but not drawn


TOPICS: tuple[Topic, ...] = (
    Topic(
        "open-source",
        "Open-weight vs closed models",
        "weekly token share of open-weight vs closed models",
        (
            "open source",
            "open-source",
            "opensource",
            "open weight",
            "open weights",
            "open-weight",
            "oss",
            "open models",
            "closed",
            "closed source",
            "proprietary",
            "open vs closed",
        ),
        ("open-source", "open-weight share since 2025-05", "compare open vs closed in 2025"),
        dimension="open",
        figure_topics=("open-vs-closed",),
        anchors=("oc-oss-late2025", "oc-oss-avg-derived", "oc-prop-row-avg"),
    ),
    Topic(
        "chinese",
        "Models by country of origin",
        "token share of Chinese, US, European and other models",
        (
            "chinese",
            "china",
            "chinese models",
            "deepseek",
            "qwen",
            "alibaba",
            "kimi",
            "moonshot",
            "glm",
            "zhipu",
            "minimax",
            "origin",
            "country of origin",
            "us models",
            "american models",
            "european models",
            "mistral",
        ),
        ("chinese models since 2025-05", "china vs us last 8 weeks"),
        dimension="origin",
        figure_topics=("chinese-oss",),
        anchors=("oc-cn-oss-low", "oc-cn-oss-avg", "oc-cn-oss-peak"),
    ),
    Topic(
        "reasoning",
        "Reasoning models",
        "share of tokens served by models that can reason (think) before answering",
        ("reasoning", "reasoning models", "thinking", "thinking models", "chain of thought", "o1"),
        ("reasoning models in 2025", "reasoning Q3 2025"),
        dimension="reasoning",
        figure_topics=("reasoning",),
        anchors=("rs-share-late",),
    ),
    Topic(
        "model-size",
        "Open-weight models by size",
        "small (<15B), medium (15-70B) and large (>70B) open models",
        (
            "model size",
            "size",
            "sizes",
            "small models",
            "medium models",
            "large models",
            "parameters",
            "parameter count",
        ),
        ("model size", "small models since 2025-06"),
        dimension="size",
        figure_topics=("model-size",),
        study_keys=("size-medium-trend",),
    ),
    Topic(
        "vendors",
        "Vendors",
        "token share by model developer (Anthropic, Google, OpenAI, xAI, DeepSeek ...)",
        (
            "vendors",
            "vendor",
            "providers",
            "provider",
            "labs",
            "authors",
            "companies",
            "developers of models",
            "anthropic",
            "google",
            "openai",
            "xai",
            "meta",
        ),
        ("vendors", "vendors last 8 weeks"),
        dimension="vendor",
        figure_topics=("providers",),
        study_keys=("prof-anthropic-progtech", "oss-author-deepseek"),
    ),
    Topic(
        "top-models",
        "Top models",
        "the most used models of the latest week, movers and new entrants",
        (
            "top models",
            "top",
            "leaderboard",
            "ranking",
            "rankings",
            "most used",
            "most popular",
            "popular",
            "movers",
            "new entrants",
            "best models",
        ),
        ("top models last week", "top 5 models in 2025-08"),
        dimension="model",
        figure_topics=("top-models",),
        anchors=("oss-conc-late2025",),
    ),
    Topic(
        "model",
        "One model",
        "weekly share and rank of a single model, by name",
        ("model",),
        ("grok code fast 1", "deepseek v3 0324 since 2025-05", "claude sonnet 4.5"),
        dimension="model",
    ),
    Topic(
        "volume",
        "Token volume",
        "how many tokens the ranked models processed per day and per week",
        ("volume", "tokens", "token volume", "usage", "total", "growth", "how much", "traffic", "scale"),
        ("volume", "volume in 2025"),
        dimension="volume",
        figure_topics=("platform-scale",),
        anchors=("ps-daily",),
    ),
    Topic(
        "programming",
        "Programming",
        "how much of the usage is programming, and who serves it",
        ("programming", "coding", "code", "software", "developer tools", "coders"),
        ("programming", "coding"),
        figure_topics=("programming",),
    ),
    Topic(
        "roleplay",
        "Roleplay",
        "roleplay's place in open-model usage and who serves it",
        ("roleplay", "role-play", "role play", "rp", "characters", "storytelling", "creative writing"),
        ("roleplay",),
        figure_topics=("roleplay",),
    ),
    Topic(
        "categories",
        "Use categories",
        "what people use models for, by category and sub-category",
        (
            "categories",
            "category",
            "use cases",
            "use case",
            "translation",
            "science",
            "health",
            "finance",
            "legal",
            "marketing",
            "what people use",
        ),
        ("categories", "use cases"),
        figure_topics=("categories", "translation"),
    ),
    Topic(
        "regions",
        "Regions",
        "where usage comes from: continents and countries",
        (
            "regions",
            "region",
            "geography",
            "countries",
            "country",
            "continents",
            "where",
            "come from",
            "asia",
            "europe",
            "north america",
            "spend by region",
        ),
        ("regions", "where does usage come from"),
        figure_topics=("geography",),
    ),
    Topic(
        "languages",
        "Languages",
        "which languages prompts are written in",
        ("languages", "language", "english", "prompt language"),
        ("languages",),
        figure_topics=("language",),
    ),
    Topic(
        "pricing",
        "Prices and elasticity",
        "what models cost per million tokens and how usage reacts to price",
        ("pricing", "price", "prices", "cost", "costs", "elasticity", "cheap", "expensive", "price elasticity"),
        ("pricing", "price elasticity"),
        figure_topics=("pricing",),
    ),
    Topic(
        "retention",
        "Retention",
        "how many users of a model's early cohort are still active months later",
        ("retention", "cohorts", "cohort", "churn", "glass slipper", "sticky", "stickiness"),
        ("retention",),
        figure_topics=("retention",),
    ),
    Topic(
        "token-lengths",
        "Prompt and completion lengths",
        "how long prompts and completions have become",
        (
            "token lengths",
            "token length",
            "prompt length",
            "prompt lengths",
            "completion length",
            "context length",
            "sequence length",
            "long prompts",
            "lengths",
        ),
        ("token lengths", "prompt length"),
        figure_topics=("token-lengths",),
    ),
    Topic(
        "tool-calls",
        "Tool calls",
        "how often requests end in a tool call",
        ("tool calls", "tool call", "tool calling", "tool use", "function calling", "tools", "agents", "agentic"),
        ("tool calls", "agentic use"),
        figure_topics=("tool-calling",),
    ),
    Topic(
        "report",
        "The State of AI study",
        "an overview of the study's headline findings",
        ("report", "study", "state of ai", "overview", "summary", "a16z", "paper", "findings"),
        ("report", "state of ai"),
        figure_topics=("platform-scale",),
    ),
)

BY_NAME = {topic.name: topic for topic in TOPICS}


def get(name: str) -> Topic:
    return BY_NAME[name]


def synonym_index() -> dict[str, str]:
    """Every phrase a user may type, mapped to its topic name (topic names count too)."""
    index: dict[str, str] = {}
    for topic in TOPICS:
        for phrase in (topic.name, topic.name.replace("-", " "), *topic.synonyms):
            index.setdefault(phrase, topic.name)
    return index
