"""Chart cost per topic: what drawing and rasterising an answer's chart adds to computing its numbers, and how
our rasteriser compares with matplotlib's own PNG output for the same figure.

Run: .venv/bin/python benchmarks/bench_charts.py [--runs N]
For each topic's first example, over N runs (medians, process CPU time so that other load on the machine counts
less): `answer` builds the whole answer, `numbers` the same answer with charts not drawn (the text lane), `chart`
is their difference (making the figure and its PNG); `png` rasterises the figure with bot.charts.raster and
`savefig` with matplotlib's Figure.savefig at the same pixel size. Not a test.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.analytics import snapshot  # noqa: E402
from bot.ask.routes import build_answer  # noqa: E402
from bot.ask.topics import TOPICS  # noqa: E402
from bot.ask.understand import understand  # noqa: E402
from bot.charts import raster, text_only  # noqa: E402
from bot.config import Paths, paths_from_env  # noqa: E402
from bot.store.build import ensure_built  # noqa: E402


def cpu_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def captured_figure(paths: Paths, question):
    """The figure an answer's chart is drawn from (caught on its way to the rasteriser)."""
    figures = []
    original = raster.render_png
    raster.render_png = lambda fig: figures.append(fig) or original(fig)
    try:
        build_answer(paths, question)
    finally:
        raster.render_png = original
    return figures[0]


def savefig_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return buffer.getvalue()


def numbers_only(paths: Paths, question) -> None:
    with text_only():
        build_answer(paths, question)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(paths_from_env().data_dir, Path(tmp) / "bench.db")
        ensure_built(paths)
        current = snapshot.current(paths)
        rows = []
        print(f"{'topic':18} {'answer':>8} {'numbers':>8} {'chart':>7} {'png':>7} {'savefig':>8}  (ms CPU, medians)")
        for topic in TOPICS:
            question = understand(topic.examples[0], paths, current)
            fig = captured_figure(paths, question) if topic.name != "tool-calls" else None
            whole = cpu_ms(lambda q=question: build_answer(paths, q), args.runs)
            numbers = cpu_ms(lambda q=question: numbers_only(paths, q), args.runs)
            png = cpu_ms(lambda f=fig: raster.render_png(f), args.runs) if fig else 0.0
            theirs = cpu_ms(lambda f=fig: savefig_png(f), args.runs) if fig else 0.0
            rows.append((whole - numbers, png, theirs))
            print(f"{topic.name:18} {whole:8.1f} {numbers:8.1f} {whole - numbers:7.1f} {png:7.1f} {theirs:8.1f}")
        drawn = [row for row in rows if row[1]]
        chart = statistics.median(r[0] for r in drawn)
        png = statistics.median(r[1] for r in drawn)
        theirs = statistics.median(r[2] for r in drawn)
        print(
            f"median over topics with a chart: chart {chart:.1f} ms (figure and PNG), png {png:.1f} ms, "
            f"savefig {theirs:.1f} ms ({theirs / png:.1f}x)"
        )


if __name__ == "__main__":
    main()
