"""The fast rasteriser draws every chart pixel for pixel as matplotlib's own Agg canvas does, however many charts
it has drawn before: its glyph cache and shared renderer must never leak one chart into the next."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from bot import charts
from bot.ask.answer import ask, clear_cache
from bot.ask.topics import TOPICS
from bot.charts import raster


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _reference(fig) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def _every_topics_figure(paths, monkeypatch) -> list:
    kept = []
    monkeypatch.setattr(charts, "render_png", lambda fig: (kept.append(fig), raster.render_png(fig))[1])
    clear_cache(paths)
    for topic in TOPICS:
        answer = ask(topic.examples[0], paths)
        assert (answer.chart is not None) == (topic.name != "tool-calls")
    return kept


def test_glyph_caching_is_in_use():
    assert raster.CACHING  # on an older matplotlib the plain renderer is used, and this says so


def test_every_chart_matches_matplotlibs_own_rendering(built_paths, monkeypatch):
    figures = _every_topics_figure(built_paths, monkeypatch)
    assert len(figures) >= len(TOPICS) - 1
    for _ in range(2):  # the second round draws every label from the glyph cache
        for fig in figures:
            ours, theirs = _pixels(raster.render_png(fig)), _pixels(_reference(fig))
            assert ours.shape == (460, 800, 4) and np.array_equal(ours, theirs), fig.texts[0].get_text()
