"""The words, phrases and question shapes that point to each topic, with how strongly they point.

Weights: a defining phrase (STRONG) or a specific word (SPECIFIC) always outweighs generic words ('use', 'usage',
'share', 'tokens'), whose total per topic is capped below one specific word. Words are matched by their stems, so
'prompts', 'prompting' and "prompt's" are one cue. Plain data, like the rest of this package."""

from __future__ import annotations

STRONG, SPECIFIC, WEAK, GENERIC = 3.0, 2.0, 1.0, 0.5
GENERIC_CAP = 1.0  # all generic words of a question together count less than one specific word

# topic -> {weight: comma-separated phrases}
CUES: dict[str, dict[float, str]] = {
    "open-source": {
        STRONG: "open source, opensource, open weight, open weights, openweight, oss, open models, closed source, "
        "closed models, closed weights, proprietary, open vs closed, open and closed, open or closed, "
        "open weight models, source available",
        SPECIFIC: "open, closed, weights, licence, license",
    },
    "chinese": {
        STRONG: "chinese, china, country of origin, made in china, chinese labs, american models, us models, "
        "european models, origin, western models, origins",
        SPECIFIC: "american, european, usa, america, western, deepseek, qwen, alibaba, kimi, moonshot, glm, zhipu, "
        "minimax, mistral, country of the lab",
        WEAK: "us",
    },
    "reasoning": {
        STRONG: "reasoning, reasoning models, thinking models, think before answering, chain of thought, reasoners, "
        "reasoner, thinking, thinks before, think step by step",
        SPECIFIC: "think, o1, reason",
    },
    "model-size": {
        STRONG: "model size, model sizes, size, sizes, sized, parameters, parameter count, params, small models, "
        "medium models, large models, big models, tiny models, by size, size class, billion parameters",
        SPECIFIC: "smaller models, bigger models",
        WEAK: "small, medium, large, big, tiny, huge",
    },
    "vendors": {
        STRONG: "vendors, vendor, providers, provider, labs, lab, ai labs, companies, company, model developers, "
        "developers of models, model makers, makers, maker, authors, model author, who makes, model builders",
        SPECIFIC: "developer, developers, anthropic, google, openai, xai, meta, builders, firms",
    },
    "top-models": {
        STRONG: "top models, top model, leaderboard, ranking, rankings, most used, most popular, movers, "
        "biggest movers, new entrants, newcomers, best models, rising, gaining, climbers, new models, new model, "
        "risers, fallers, trending models, hottest, leading models, number one, number 1, no 1, top spot, winners, "
        "losers, newly launched, fastest growing models",
        SPECIFIC: "top, popular, leader, leaders, leads, leading, ranked, rank, favourite, favorite, dominates, "
        "which model, which models",
    },
    "volume": {
        STRONG: "volume, token volume, tokens per day, tokens per week, tokens a day, tokens a week, how many tokens, "
        "throughput, total tokens, tokens processed, how fast, daily tokens, weekly tokens, scale, "
        "tokens served, market size, how big is openrouter",
        SPECIFIC: "daily, per day, demand, trillion, billions",
        WEAK: "growing, growth, grow, grown, overall",
        GENERIC: "usage, tokens, total, how much, use, used, share, traffic, market share, activity",
    },
    "programming": {
        STRONG: "programming, coding, code, coders, coder, software development, developer tools, dev tools, "
        "writing code, software engineering, programmers, programmer, coding assistants, vibe coding",
        SPECIFIC: "software, engineering, ide, copilot, devs",
    },
    "roleplay": {
        STRONG: "roleplay, role play, rp, roleplayers, roleplaying, character chat, characters, character, "
        "companion, companions, storytelling, creative writing, fiction, nsfw, adult content, role players",
        SPECIFIC: "games, gaming, stories, story, writers, persona, personas",
    },
    "categories": {
        STRONG: "categories, category, use cases, use case, what people use, tasks, task, breakdown by task, "
        "translation, translate, science, scientific, health, medical, finance, financial, legal, law, marketing, "
        "academia, academic, education, trivia, seo, technology, kinds of tasks, purposes, purpose, applications, "
        "used for, use it for, what for, for what, workload mix",
        SPECIFIC: "jobs, domains, topics",
    },
    "regions": {
        STRONG: "regions, region, geography, geographic, countries, country, continents, continent, come from, "
        "comes from, from where, asia, africa, oceania, north america, south america, spend by region, by country, "
        "worldwide, locations, location, spend, spending, paid usage, regional, geographically",
        SPECIFIC: "where, europe, global, nations, nation",
    },
    "languages": {
        STRONG: "languages, language, english, prompt language, multilingual, non english, spanish, russian, thai, "
        "french, german, japanese, korean, portuguese, hindi, arabic, italian, written in, simplified chinese",
        SPECIFIC: "speak, spoken, speakers",
        WEAK: "prompt, prompts",
    },
    "pricing": {
        STRONG: "pricing, price, prices, cost, costs, cheap, cheaper, cheapest, expensive, pricey, elasticity, "
        "price elasticity, per million tokens, dollars, dollar, usd, affordable, pay per token, price per token",
        SPECIFIC: "pay, money, budget, spend money",
    },
    "retention": {
        STRONG: "retention, retain, retained, cohorts, cohort, churn, glass slipper, sticky, stickiness, loyal, "
        "loyalty, keep using, come back, stay, stick with, boomerang, users stay, still using",
        SPECIFIC: "return, returning, early users, abandon, switch",
    },
    "token-lengths": {
        STRONG: "token lengths, token length, prompt length, prompt lengths, prompt size, completion length, "
        "context length, sequence length, long prompts, lengths, length, longer, shorter, how long, output length, "
        "response length, verbose, request size, input size, output size, tokens per request, prompt tokens, "
        "completion tokens, long context, per request, how many tokens per request",
        SPECIFIC: "outputs, output, completions, completion, inputs, input, responses",
        WEAK: "requests, request, prompts, prompt",
    },
    "tool-calls": {
        STRONG: "tool calls, tool call, tool calling, tool use, function calling, function calls, tools, tool, "
        "agents, agentic, agent, mcp",
    },
    "report": {
        STRONG: "report, study, state of ai, a16z, paper, findings, key findings, overview, summary, tl dr, tldr, "
        "100 trillion, headline findings, takeaways, 100t",
        SPECIFIC: "found, researchers",
    },
    "study-vs-rankings": {
        STRONG: "study vs rankings, study versus rankings, rankings vs study, check the study, verify the study, "
        "reproduce the study, replicate the study, does the study hold up, study check, fact check, "
        "study against the rankings, compare the study, reproduced, replicated",
        SPECIFIC: "reproduce, replicate, verify, hold up, accurate, double check",
    },
}

# Phrases that hold topic words without meaning them ('large language models' is not about size).
NEUTRAL = "large language model, large language models, open router, openrouter, state of the art, ai model, ai models"

# Question shapes: (topic, weight, regular expression over the normalised text).
_ORIGIN_WORDS = r"(?:chinese|american|european|us|china|europe|french|western|non us|non chinese)"
SHAPES: tuple[tuple[str, float, str], ...] = (
    ("top-models", 3, r"\bwho (?:is |s |are )?(?:gaining|losing|rising|falling|climbing|growing|up|down)\b"),
    ("top-models", 2, r"\bwhich models? (?:is |are )?(?:rising|growing|gaining|falling|new|trending|hot|most)\b"),
    ("top-models", 2, r"\b(?:new|latest|newest|recent) (?:models?|entrants?|arrivals?|releases?|launches)\b"),
    (
        "token-lengths",
        4,
        r"\bhow (?:long|big|large) (?:are|is|were|do|have|did) (?:the |our |people |users |typical |average )?"
        r"(?:prompts?|requests?|outputs?|completions?|responses?|answers?|inputs?|contexts?|conversations?|messages?)",
    ),
    (
        "token-lengths",
        3,
        r"\b(?:prompts?|requests?|outputs?|completions?|responses?|inputs?|answers?|contexts?)\b(?: \w+){0,3} "
        r"(?:longer|shorter|bigger|smaller|length|lengths)\b",
    ),
    ("categories", 4, r"\bwhat (?:do|does|are|is|did) (?:\w+ ){0,4}(?:use|used|using|uses)\b(?: \w+){0,4} for\b"),
    ("categories", 3, r"\bwhat (?:kinds?|sorts?|types?) of (?:tasks?|work|things|requests?|prompts?|jobs?|use)"),
    ("categories", 3, r"\b(?:use|used|using)\b(?: \w+){0,3} for what\b"),
    ("regions", 3, r"\bwhich (?:countries|country|continents?|regions?|nations?)\b"),
    ("regions", 3, r"\bwhere (?:do|does|are|is) (?:\w+ ){0,4}(?:from|located|based)\b"),
    (
        "pricing",
        2,
        r"\b(?:cheaper|cheap|expensive|pricier|price\w*|cost\w*)\b(?: \w+){0,6} (?:used|use|usage|demand)\b",
    ),
    ("pricing", 2, r"\b(?:used|use|usage|demand)\b(?: \w+){0,6} (?:cheaper|price\w*|cost\w*)\b"),
    ("retention", 3, r"\b(?:keep|kept|still|continue|stop|stopped) (?:using|use)\b"),
    ("retention", 2, r"\bafter (?:\d+|a few|few|some|several) (?:months?|weeks?)\b"),
    ("chinese", 3, rf"\b{_ORIGIN_WORDS} (?:labs?|models?|compan\w*|vendors?|makers?|providers?|developers?|ai)\b"),
    ("chinese", 2, r"\bmade in\b|\bfrom (?:china|the us|europe|america)\b"),
    ("vendors", 2, r"\bwhich (?:labs?|compan\w+|vendors?|providers?|developers?|makers?)\b"),
    ("vendors", 2, r"\bwho (?:makes|builds|made|built|trains|serves)\b"),
    ("vendors", 2, r"\bby (?:developer|vendor|lab|company|maker|provider|author)s?\b"),
    ("reasoning", 3, r"\bthink\w* (?:before|first|step|longer|harder)\b"),
    (
        "model-size",
        3,
        r"\b(?:small|smaller|smallest|medium|mid sized|large|larger|largest|big|bigger|biggest|tiny|huge)"
        r"(?:(?: or| and|,) \w+)?(?: sized?)?(?: open| closed)?(?: weights?| source)? (?:models?|llms?|ones)\b",
    ),
    ("top-models", 3, r"\b(?:what|whats|who|whos|which)(?: s| is| are)? (?:trending|hot|hottest)\b"),
    ("categories", 3, r"\bwhat (?:do|are|did) (?:people|users|devs|developers|folks|companies|teams) (?:ask|asking)\b"),
    (
        "regions",
        2,
        r"\b(?:usage|users?|traffic|demand|spend\w*|requests?) (?:\w+ ){0,2}(?:american|european|asian|african)\b",
    ),
    ("retention", 3, r"\b(?:keep|keeps|kept|retain|retains|lose|loses) (?:their |its |the )?users\b"),
    (
        "model-size",
        3,
        r"\b\d{1,4}b\+?(?: and (?:up|above|over|bigger|more))? (?:open )?(?:models?|llms?|ones|params|parameters)\b",
    ),
    ("model-size", 1, r"\bby (?:size|parameters?|parameter count|model size)\b"),
    ("regions", 1, r"\bby (?:country|countries|continent|region|location|geography)\b"),
    ("languages", 1, r"\bby (?:language|prompt language)\b"),
    ("categories", 1, r"\bby (?:category|task|use case|purpose)\b"),
    ("report", 2, r"\bwhat did (?:the )?(?:\w+ ){0,3}(?:find|say|show|conclude)\b"),
    (
        "study-vs-rankings",
        4,
        r"\b(?:is|are|were) (?:the )?(?:study|report|paper|a16z)(?: s)? (?:numbers?|figures?|findings?|claims?|data)"
        r" (?:right|correct|accurate|true|wrong|real|backed)\b",
    ),
    (
        "study-vs-rankings",
        4,
        r"\b(?:study|report|paper) (?:vs|versus|against|compared (?:to|with)) (?:the )?rankings\b",
    ),
)
