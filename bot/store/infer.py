"""Classify a model the hand-checked catalogue does not know, from OpenRouter's /api/v1/models entry and rules.

Every row made here is flagged as inferred; a hand-checked row in data/model-catalogue.csv always wins."""

from __future__ import annotations

import re
from datetime import UTC, datetime

VARIANT = re.compile(r":[a-z0-9-]+$")
# Total parameters in a name: "70b", "1.5b", "8x7b" (experts x size); "a22b" (active parameters) is skipped.
PARAMS = re.compile(r"(?<![a-z0-9.])(?:(\d+)x)?(\d+(?:\.\d+)?)b(?![a-z0-9])")
REASONING_NAME = re.compile(r"(?<![a-z0-9])(r1|qwq|o1|o3|o4|thinking|reasoning|reasoner)(?![a-z0-9])")

# Country of the developer for vendor prefixes the bundled catalogue does not settle on its own.
VENDOR_ORIGINS = {
    "01-ai": "China",
    "ai21": "other",
    "alibaba": "China",
    "amazon": "US",
    "anthropic": "US",
    "arcee-ai": "US",
    "baidu": "China",
    "bytedance": "China",
    "bytedance-seed": "China",
    "cohere": "other",
    "deepseek": "China",
    "google": "US",
    "ibm-granite": "US",
    "inception": "US",
    "inflection": "US",
    "liquid": "US",
    "meituan": "China",
    "meta-llama": "US",
    "microsoft": "US",
    "minimax": "China",
    "mistralai": "Europe",
    "moonshotai": "China",
    "nousresearch": "US",
    "nvidia": "US",
    "openai": "US",
    "perplexity": "US",
    "qwen": "China",
    "stepfun-ai": "China",
    "tencent": "China",
    "thudm": "China",
    "x-ai": "US",
    "z-ai": "China",
}


def base_slug(slug: str) -> str:
    """The slug without its variant suffix (:free, :beta, :thinking, :extended)."""
    return VARIANT.sub("", slug)


def params_from_text(*texts: str | None) -> float | None:
    """Total parameters in billions named in a slug, display name or Hugging Face id, if any."""
    for text in texts:
        if not text:
            continue
        match = PARAMS.search(text.lower().replace("_", "-"))
        if match:
            experts, size = match.groups()
            return float(size) * (int(experts) if experts else 1)
    return None


def size_class(params_b: float | None) -> str | None:
    """small < 15B, medium 15-70B, large > 70B (the catalogue's classes)."""
    if params_b is None:
        return None
    return "small" if params_b < 15 else "medium" if params_b <= 70 else "large"


def display_name(api_name: str | None, slug: str) -> str:
    """'Qwen: Qwen3 235B A22B (free)' -> 'Qwen3 235B A22B'; without an API name, the slug's model part."""
    if not api_name:
        return base_slug(slug).split("/", 1)[-1]
    name = api_name.split(": ", 1)[-1]
    return re.sub(r"\s*\((free|beta|thinking|extended)\)$", "", name).strip()


def vendor_name(api_name: str | None, prefix: str, known: dict[str, str]) -> str:
    if prefix in known:
        return known[prefix]
    if api_name and ": " in api_name:
        return api_name.split(": ", 1)[0].strip()
    return prefix


def _kind(slug: str, entry: dict | None) -> str:
    outputs = ((entry or {}).get("architecture") or {}).get("output_modalities") or []
    if "embed" in slug or "embeddings" in outputs:
        return "embedding"
    return "text" if not outputs or "text" in outputs else "other"


def _reasoning(slug: str, entry: dict | None) -> int | None:
    """OpenRouter's flag when it lists the model; else a reasoning word in the slug. No word proves nothing."""
    if entry is not None and entry.get("supported_parameters") is not None:
        return int("reasoning" in entry["supported_parameters"])
    return 1 if REASONING_NAME.search(slug.lower()) else None


def _created(entry: dict | None) -> str | None:
    created = (entry or {}).get("created")
    if not isinstance(created, int | float):
        return None
    return datetime.fromtimestamp(created, UTC).date().isoformat()


def _price(entry: dict | None, key: str) -> float | None:
    try:
        return float(((entry or {}).get("pricing") or {})[key])
    except (KeyError, TypeError, ValueError):
        return None


def classify(slug: str, entry: dict | None, vendors: dict[str, str], origins: dict[str, str]) -> dict:
    """One inferred catalogue row for a ranked slug; `entry` is its /api/v1/models object if OpenRouter lists it.

    `vendors` and `origins` map vendor prefixes to the display name and origin the hand-checked rows agree on."""
    prefix = slug.split("/", 1)[0]
    hf_id = (entry or {}).get("hugging_face_id") or None
    origin = origins.get(prefix) or VENDOR_ORIGINS.get(prefix)
    params = params_from_text(hf_id, slug, (entry or {}).get("name"))
    open_weights = None if entry is None else int(bool(hf_id))
    evidence = [f"inferred {'from OpenRouter /api/v1/models' if entry else 'from the slug only'}"]
    if hf_id:
        evidence.append(f"HF {hf_id}")
    if origin:
        evidence.append(f"vendor {prefix} -> {origin}")
    if params is not None:
        evidence.append(f"{params:g}B from the name")
    context = (entry or {}).get("context_length")
    return {
        "slug": slug,
        "canonical": base_slug(slug),
        "name": display_name((entry or {}).get("name"), slug),
        "vendor": vendor_name((entry or {}).get("name"), prefix, vendors),
        "origin": origin,
        "open_weights": open_weights,
        "open_from": None,
        "params_b": params,
        "size_class": size_class(params),
        "reasoning": _reasoning(slug, entry),
        "kind": _kind(slug, entry),
        "stealth": 0,
        "revealed_as": None,
        "evidence": "; ".join(evidence),
        "created": _created(entry),
        "hugging_face_id": hf_id,
        "context_length": context if isinstance(context, int) else None,
        "prompt_price": _price(entry, "prompt"),
        "completion_price": _price(entry, "completion"),
        "in_models_api": int(entry is not None),
    }


def vendor_tables(catalogue: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """Vendor prefix -> display name and -> origin, where every hand-checked row of that prefix agrees."""
    names: dict[str, set] = {}
    origins: dict[str, set] = {}
    for row in catalogue:
        if row.get("stealth"):
            continue  # a stealth slug's prefix (openrouter/) says nothing about its developer
        prefix = row["slug"].split("/", 1)[0]
        names.setdefault(prefix, set()).add(row["vendor"])
        origins.setdefault(prefix, set()).add(row["origin"])
    single = lambda table: {k: next(iter(v)) for k, v in table.items() if len(v) == 1 and None not in v}  # noqa: E731
    return single(names), single(origins)


def index_models(entries: list[dict]) -> dict[str, dict]:
    """Look-up of /api/v1/models entries by permanent slug (what the rankings use) and by id."""
    index: dict[str, dict] = {}
    for entry in entries:
        index.setdefault(entry["id"], entry)
    for entry in entries:  # canonical_slug is the permaslug the rankings carry: it wins over an id
        if entry.get("canonical_slug"):
            index[entry["canonical_slug"]] = entry
    return index


def find_entry(slug: str, index: dict[str, dict]) -> dict | None:
    return index.get(slug) or index.get(base_slug(slug))
