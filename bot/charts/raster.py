"""Rasterising figures to PNG, faster than a fresh Agg canvas each time and pixel for pixel the same.

Two thirds of a render was text: matplotlib lays out and rasterises every glyph of every label anew, and keeps
its text-size cache per renderer, which a fresh canvas throws away. Here each thread keeps one renderer per
figure size, and each string's layout and each glyph's bitmap (per font, size, angle and sub-pixel position) are
kept, so the labels every chart shares (ticks, legends, axis titles, the source line) are drawn from memory. A
test compares the result with matplotlib's own rendering pixel by pixel."""

from __future__ import annotations

import io
import math
import threading

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.ft2font import RenderMode

PNG_OPTIONS = {"compress_level": 1}  # a third of zlib's time at its default level, for ~3% more bytes
GLYPH_CACHE_LIMIT = 50_000  # glyph bitmaps of a few hundred bytes each: well under 50 MB at worst
_local = threading.local()


class GlyphCachingRenderer(RendererAgg):
    """RendererAgg that keeps each glyph's bitmap for reuse (matplotlib >= 3.11 draws text glyph by glyph)."""

    def __init__(self, width: float, height: float, dpi: float) -> None:
        super().__init__(width, height, dpi)
        self._glyphs: dict[tuple, tuple[np.ndarray, int, int]] = {}
        self._layouts: dict[tuple, list[tuple]] = {}

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        key = (s, prop, self.dpi, get_hinting_flag(), repr(features), repr(language))
        glyphs = self._layouts.get(key)
        if glyphs is None:  # the same string in the same font lays out the same way every time
            font = self._prepare_font(prop)
            items = font._layout(s, flags=get_hinting_flag(), features=features, language=language)
            size = prop.get_size_in_points()
            glyphs = [(item.ft_object, size, item.glyph_index, 0, 1, item.x, item.y) for item in items]
            if len(self._layouts) < GLYPH_CACHE_LIMIT:
                self._layouts[key] = glyphs
        self._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, [])

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
        if boxes:  # mathtext rules: leave them to matplotlib
            return super()._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, boxes)
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        flags, antialiased = get_hinting_flag(), gc.get_antialiased()
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:
            # FreeType positions glyphs in 1/64 pixel: the bitmap depends only on the fractional part.
            x64 = round(0x40 * (x + dx * cos - dy * sin))
            y64 = round(0x40 * (self.height - y + dx * sin + dy * cos))
            key = (
                font.fname,
                size,
                self.dpi,
                glyph_index,
                angle,
                slant,
                extend,
                x64 & 63,
                y64 & 63,
                flags,
                antialiased,
            )
            cached = self._glyphs.get(key)
            if cached is None:
                cached = self._render(font, size, glyph_index, slant, extend, cos, sin, x64, y64, flags, antialiased)
                if len(self._glyphs) < GLYPH_CACHE_LIMIT:
                    self._glyphs[key] = cached
            buffer, left, top = cached
            left, top = left + (x64 >> 6), top + (y64 >> 6)
            self._renderer.draw_text_image(buffer, left, int(self.height) - top + buffer.shape[0], 0, gc)

    def _render(self, font, size, glyph_index, slant, extend, cos, sin, x64, y64, flags, antialiased):
        """One glyph as matplotlib renders it; its offsets are kept relative to the whole-pixel position."""
        font.set_size(size, self.dpi)
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]).round()
        font._set_transform(matrix.astype(int), [x64, y64])
        bitmap = font._render_glyph(glyph_index, flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
        buffer = bitmap.buffer.copy()
        if not antialiased:
            buffer *= 0xFF
        return buffer, bitmap.left - (x64 >> 6), bitmap.top - (y64 >> 6)


# Feature check: older matplotlib draws text another way; then the plain renderer is used, unchanged.
CACHING = all(hasattr(RendererAgg, name) for name in ("_draw_text_glyphs_and_boxes", "_prepare_font")) and hasattr(
    RenderMode, "NORMAL"
)


class SharedRendererCanvas(FigureCanvasAgg):
    """An Agg canvas that borrows this thread's renderer for the figure's size instead of making a new one."""

    def get_renderer(self) -> RendererAgg:
        key = (*self.get_width_height(physical=True), self.figure.dpi)  # whole pixels, as matplotlib sizes it
        renderers = _local.__dict__.setdefault("renderers", {})
        if key not in renderers:
            renderers[key] = (GlyphCachingRenderer if CACHING else RendererAgg)(*key)
        self.renderer = renderers[key]
        return self.renderer


def render_png(fig: Figure) -> bytes:
    """Rasterise a figure to PNG bytes."""
    buffer = io.BytesIO()
    SharedRendererCanvas(fig).print_png(buffer, pil_kwargs=PNG_OPTIONS)
    return buffer.getvalue()
