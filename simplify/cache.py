"""simplify's on-disk cache: tables derived from installed packages, built once and loaded fast."""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Return the folder for simplify's caches: $SIMPLIFY_CACHE_DIR, else the user cache folder."""
    configured = os.environ.get("SIMPLIFY_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("simplify"))


def package_version(name: str) -> str:
    """Return an installed package's version, from its dist-info folder's name when there is one."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"the {name} package is not installed; pip install {name}", name=name)
    # importlib.metadata finds every kind of install but takes longer to import than a table takes to load.
    for info in Path(spec.origin).parents[1].glob(f"{name}-*.dist-info"):
        return info.name.removeprefix(f"{name}-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version(name)


def load_or_build(name: str, build: Callable[[], T], folder: Path | None = None) -> T:
    """Return the marshal-able value cached as ``name``, building and caching it when missing or unreadable.

    ``name`` must change whenever what ``build`` returns would (put package versions and a
    format number in it). The file is written to a private name and renamed, so a reader
    never sees half a table, and a read-only cache folder costs speed, not correctness.
    """
    path = (folder or cache_dir()) / name
    try:
        with path.open("rb") as f:
            value: T = marshal.load(f)
        return value
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing, truncated or from another layout: rebuild it below
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump(value, f)  # type: ignore[arg-type]  # T is marshal-able by contract
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink()
            raise
    except OSError:
        pass
    return value
