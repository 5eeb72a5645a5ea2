"""Test fixtures: where the real NCI data is, no network, and no skipping under CI."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "004_33357ef47611650a.txt"
IN_CI = os.environ.get("CI") == "true"


def need_shared(*parts: str) -> Path:
    """Return a path under ../shared; skip without it, but fail under CI=true where it must be present."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"needs {path} (the NCI data beside the repository)"
        if IN_CI:
            pytest.fail(message + ": under CI=true it must be present")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """Return ../shared (real NCI data), skipping or failing as need_shared does."""
    return need_shared()


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    """Return the 414 real cancer.gov pages."""
    return sorted(need_shared("corpus", "nci-pages").rglob("*.md"))


def pytest_configure(config: pytest.Config) -> None:
    """Keep caches out of the user's home and forbid network access for the whole session."""
    cache = Path(os.environ.setdefault("SIMPLIFY_CACHE_DIR", str(ROOT / ".pytest_cache" / "simplify-cache")))
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["HF_HUB_OFFLINE"] = "1"
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def local(address: Any) -> bool:
        host = address[0] if isinstance(address, tuple) else address
        return isinstance(host, str) and (
            host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
        )

    def guarded(self: socket.socket, address: Any) -> Any:
        if local(address):
            return real_connect(self, address)
        raise OSError(f"tests must not touch the network (tried to connect to {address!r})")

    def guarded_ex(self: socket.socket, address: Any) -> int:
        if local(address):
            return real_connect_ex(self, address)
        raise OSError(f"tests must not touch the network (tried to connect to {address!r})")

    socket.socket.connect = guarded  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_ex  # type: ignore[method-assign]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI=true a skipped test is a failed one: every component must be there and be used."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where nothing may be skipped: {report.longrepr}"


@pytest.fixture(scope="session")
def handouts() -> Any:
    """Return one Handouts maker (glossary, scorer and templates loaded once) for the session."""
    from simplify.config import Settings
    from simplify.handout import Handouts

    return Handouts(Settings())


@pytest.fixture(scope="session")
def seed_article() -> Any:
    """Return the seed article, loaded."""
    from simplify import articles

    return articles.load(str(SEED))
