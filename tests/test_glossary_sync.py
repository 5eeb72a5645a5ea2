"""``sync`` against a local stand-in for the NCI Glossary API: paging, retries, bad pages, timeouts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import need_shared

from simplify.glossary import SyncError, load_glossary
from simplify.glossary.index import INDEX_FILE
from simplify.glossary.sync import sync

# A fault decides one answer: (status, body) to send instead of the real page, or None to serve it.
Fault = Callable[[str, int], tuple[int, bytes] | None]


class FakeAPI:
    """Serve /Terms/{dictionary}/{audience}/{language}?size&from pages of real sample term objects."""

    def __init__(self, terms: dict[str, list[dict[str, Any]]]) -> None:
        self.terms = terms  # by language, for Cancer.gov/Patient
        self.faults: list[Fault] = []
        self.requests: list[str] = []

    def answer(self, path: str) -> tuple[int, bytes]:
        self.requests.append(path)
        url = urlsplit(path)
        query = parse_qs(url.query)
        start, size = int(query["from"][0]), int(query["size"][0])
        for fault in list(self.faults):
            got = fault(url.path, start)
            if got is not None:
                return got
        parts = url.path.strip("/").split("/")
        terms = self.terms.get(parts[-1], []) if parts[-3:-1] == ["Cancer.gov", "Patient"] else []
        page = {"meta": {"totalResults": len(terms), "from": start}, "results": terms[start : start + size]}
        return 200, json.dumps({**page, "links": None}).encode()


@pytest.fixture
def api() -> Iterator[tuple[FakeAPI, str]]:
    """Run a FakeAPI on 127.0.0.1 and return it with its base URL."""
    folder = need_shared("glossary", "nci-api-samples", "glossary-app-mock-data", "Terms", "Cancer.gov", "Patient")
    terms = {
        lang: [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / lang).glob("*.json"))]
        for lang in ("en", "es")
    }
    # The mock data has two versions of 44058 in English (one untranslated); the API has one per id.
    terms = {lang: list({t["termId"]: t for t in found}.values()) for lang, found in terms.items()}
    fake = FakeAPI(terms)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = fake.answer(self.path)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and hung up, as the timeout test means it to

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}/glossary/v1"
    finally:
        server.shutdown()
        server.server_close()


def _sync(base: str, cache: Path, **kw: Any) -> Any:
    kw = {"page_size": 3, "timeout": 5.0, "retries": 2, "backoff": 0.0, **kw}
    return sync(base, ("en", "es"), cache_dir=cache, collections=(("Cancer.gov", "Patient"),), **kw)


def _once(status: int, body: bytes, at: int | None = None) -> Fault:
    """Return a fault that answers ``status`` once (at page ``at``, or the first page asked for)."""
    used: list[bool] = []

    def fault(path: str, start: int) -> tuple[int, bytes] | None:
        if used or (at is not None and start != at):
            return None
        used.append(True)
        return status, body

    return fault


def test_full_sync_pages_through_everything(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    report = _sync(base, tmp_path)
    en, es = len(fake.terms["en"]), len(fake.terms["es"])
    assert report.read == en + es
    pages = [r for r in fake.requests if "/en?" in r]
    assert len(pages) == -(-en // 3)  # ceil: every page once, none past the end
    assert pages[0] == "/glossary/v1/Terms/Cancer.gov/Patient/en?size=3&from=0"
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    metastatic = g.get("44058")
    assert metastatic is not None and (metastatic.name("en"), metastatic.name("es")) == ("metastatic", "metastásico")
    assert g.find("cáncer de pulmón", "es")[0].id == "445043"


def test_a_500_is_retried(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    fake.faults.append(_once(500, b"oops", at=3))
    slept: list[float] = []
    report = _sync(base, tmp_path, backoff=0.5, sleep=slept.append)
    assert report.total > 0 and slept == [0.5]
    assert sum("from=3" in r and "/en?" in r for r in fake.requests) == 2


def test_persistent_errors_fail_and_keep_the_previous_cache(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    _sync(base, tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    fake.faults.append(lambda path, start: (503, b"down") if start == 3 else None)
    with pytest.raises(SyncError, match=r"HTTP 503 .* after 3 attempt\(s\); the previous glossary is unchanged"):
        _sync(base, tmp_path)
    assert (tmp_path / INDEX_FILE).read_bytes() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>Service Unavailable</html>", "not JSON"),
        (b'{"results": []}', "not a results page"),
        (b'{"meta": {"totalResults": 99, "from": 3}, "results": []}', "totalResults changed"),
        (b'{"meta": {"totalResults": 12, "from": 3}, "results": []}', "results where"),
        (b'{"meta": {"totalResults": 12, "from": 3}, "results": [{"termId": 1}]}', "not a glossary term"),
        (b'{"meta": {"totalResults": 12, "from": 0}, "results": []}', "starts at 0, not 3"),
    ],
)
def test_a_garbled_page_fails_and_keeps_the_previous_cache(
    api: tuple[FakeAPI, str], tmp_path: Path, body: bytes, message: str
) -> None:
    fake, base = api
    _sync(base, tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    fake.faults.append(_once(200, body, at=3))
    with pytest.raises(SyncError, match=message):
        _sync(base, tmp_path)
    assert (tmp_path / INDEX_FILE).read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_wrong_language_is_rejected(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    fake.terms["en"] = fake.terms["en"][:2] + fake.terms["es"][:1]
    with pytest.raises(SyncError, match="is in es/Patient"):
        _sync(base, tmp_path)
    assert not (tmp_path / INDEX_FILE).exists()


def test_a_timeout_is_retried_then_reported(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api

    def slow(path: str, start: int) -> None:
        time.sleep(0.6)
        return

    fake.faults.append(slow)
    started = time.perf_counter()
    with pytest.raises(SyncError, match=r"timed out after 2 attempt\(s\)"):
        _sync(base, tmp_path, timeout=0.2, retries=1)
    assert time.perf_counter() - started < 3
    assert not (tmp_path / INDEX_FILE).exists()


def test_a_404_is_not_retried(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    fake.faults.append(lambda path, start: (404, b"no"))
    with pytest.raises(SyncError, match="HTTP 404"):
        _sync(base, tmp_path)
    assert len(fake.requests) == 1


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="unsupported language 'fr'"):
        sync("http://127.0.0.1:9", ("fr",), cache_dir=tmp_path)
