"""Which files in data/ the store is built from, and their fingerprint (a rebuild happens when it changes).

Kept free of sqlite_utils and pandas: the command line's fast path reads it before deciding whether it needs
either."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from bot.config import Paths

_lock = threading.Lock()
_known: dict[tuple, str] = {}  # (path, size, mtime) of every bundled file -> fingerprint


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bundled_files(paths: Paths) -> list[Path]:
    """Every data file the store is built from, in a stable order."""
    rankings = sorted(paths.rankings_dir.glob("*.csv"))
    extras = [paths.catalogue_csv, paths.model_list_csv, paths.figures_csv, paths.data_dir / "rankings-sources.csv"]
    return rankings + [p for p in extras if p.exists()]


def fingerprint(paths: Paths) -> str:
    """A digest of every bundled file's name and contents; rehashed only when a file's size or mtime changes
    (asked on every question, and the files are ~2 MB)."""
    files = bundled_files(paths)
    stamp = tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    with _lock:
        if stamp in _known:
            return _known[stamp]
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}:{sha256(path)}\n".encode())
    with _lock:
        _known[stamp] = digest.hexdigest()
    return _known[stamp]
