"""The house's rules, checked: imports run one way (handlers -> core, and inside the core from asking down to the
store), no import cycles, no Slack in the core, and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.config import PROJECT_DIR

# What each part of the core may import from the rest of bot/ (besides itself, config and errors).
ALLOWED = {
    "bot.store": set(),
    "bot.live": {"bot.store"},
    "bot.charts": set(),
    "bot.analytics": {"bot.store", "bot.live"},
    "bot.ask": {"bot.analytics", "bot.charts", "bot.store", "bot.live"},
    "bot.conversation": {"bot.ask", "bot.analytics", "bot.store"},
    "bot.digest": {"bot.ask", "bot.analytics", "bot.charts", "bot.conversation", "bot.store"},
    "bot.health": {"bot.store", "bot.live"},
    "bot.watch": {"bot.ask", "bot.analytics", "bot.charts", "bot.digest", "bot.store"},
    "bot.cli": {"bot.ask", "bot.analytics", "bot.store", "bot.live", "bot.digest", "bot.conversation", "bot.health"},
}
BASE = {"bot.config", "bot.errors"}
MAX_LINES = 250


def _modules(root: str) -> dict[str, Path]:
    out = {}
    for path in sorted((PROJECT_DIR / root).rglob("*.py")):
        parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file, function-level imports included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from bot.ask import answer` names the module bot.ask.answer; `from bot.ask.answer import ask` names
            # bot.ask.answer.
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in EVERYTHING else node.module)
    return names


CORE = _modules("bot")
EVERYTHING = CORE | _modules("handlers")


def _part(module: str) -> str:
    """bot.ask.answers.shares -> bot.ask; bot.cli -> bot.cli."""
    return ".".join(module.split(".")[:2])


def _internal(names: set[str]) -> set[str]:
    return {n for n in names if n in EVERYTHING}


@pytest.mark.parametrize("module", sorted(CORE))
def test_core_imports_only_the_layers_below_it(module):
    part = _part(module)
    allowed = set() if part in BASE or part == "bot" else ALLOWED[part] | {part}
    wrong = sorted(n for n in _internal(_imports(CORE[module])) if _part(n) not in allowed | BASE)
    assert not wrong, f"{module} imports {wrong}; {part} may import only {sorted(allowed | BASE)}"


def test_no_import_cycles():
    graph = {m: {n for n in _internal(_imports(p)) if n != m} for m, p in EVERYTHING.items()}
    done, path = set(), []

    def visit(module: str) -> None:
        if module in path:
            cycle = path[path.index(module) :] + [module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        path.append(module)
        for child in sorted(graph.get(module, ())):
            # A package's __init__ importing its own submodules is how it names what it offers, not a cycle.
            if not child.startswith(module + "."):
                visit(child)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


@pytest.mark.parametrize("module", sorted(CORE))
def test_core_knows_no_slack(module):
    text = CORE[module].read_text()
    imports = _imports(CORE[module])
    assert not {n for n in imports if n.split(".")[0] in {"slack_sdk", "slack_bolt", "handlers"}}, module
    assert "slack" not in text.lower(), f"{module} mentions Slack: the core must serve any chat platform"


@pytest.mark.parametrize("module", sorted(EVERYTHING))
def test_modules_stay_small(module):
    lines = len(EVERYTHING[module].read_text().splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by what its parts do"


def test_every_core_package_says_what_it_owns():
    for name, path in CORE.items():
        if path.name == "__init__.py" and name != "bot":
            doc = ast.get_docstring(ast.parse(path.read_text())) or ""
            assert len(doc) > 80 and "import" in doc.lower(), f"{name}/__init__.py must say what it owns and imports"
