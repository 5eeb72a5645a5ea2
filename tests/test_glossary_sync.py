"""``sync`` against a local stand-in for the NCI Glossary API: paging, retries, bad pages, timeouts,
and what a second sync keeps (imports, the other language) and drops (terms NCI withdrew)."""

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
from click.testing import CliRunner
from conftest import need_shared
from test_glossary_index import downgrade

from simplify.glossary import SyncError, import_path, load_glossary
from simplify.glossary.cli import glossary
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
        self.cut = False  # send the next answer's first half, then hang up
        self.drip = 0.0  # seconds between the first 40 bytes of the next answer: a server that barely moves

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
                drip, fake.drip = fake.drip, 0.0
                cut, fake.cut = fake.cut, False
                for i in range(40 if drip else 0):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(drip)
                self.wfile.write(body[: len(body) // 2] if cut else body[40:] if drip else body)
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
        (b'{"meta": {"totalResults": 12, "from": 3}, "results": ["\\udc00"]}', "not JSON .*lone surrogate"),
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
    _assert_times_out(base, tmp_path, attempts=2, timeout=0.2, retries=1)


def test_a_dripping_answer_times_out(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    # Every byte comes well within the socket timeout, so only a deadline for the whole answer ends it.
    fake, base = api
    fake.drip = 0.05
    _assert_times_out(base, tmp_path, attempts=1, timeout=0.3, retries=0)


def _assert_times_out(base: str, tmp_path: Path, *, attempts: int, timeout: float, retries: int) -> None:
    """The sync gives up, saying so, within seconds, and leaves no glossary behind."""
    started = time.perf_counter()
    with pytest.raises(SyncError, match=rf"timed out after {attempts} attempt\(s\)"):
        _sync(base, tmp_path, timeout=timeout, retries=retries)
    assert time.perf_counter() - started < 3
    assert not (tmp_path / INDEX_FILE).exists()


def test_a_truncated_answer_is_retried(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    fake.cut = True
    assert _sync(base, tmp_path).read == len(fake.terms["en"]) + len(fake.terms["es"])
    assert fake.requests[:2] == ["/glossary/v1/Terms/Cancer.gov/Patient/en?size=3&from=0"] * 2


def test_pages_that_repeat_are_rejected(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    # A server that serves the first page again and again, with a total that never runs out.
    fake, base = api
    _sync(base, tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    first = fake.terms["en"][:3]

    def again(path: str, start: int) -> tuple[int, bytes]:
        if len(fake.requests) > 50:  # the bug this guards against pages forever: end it, so the test fails
            return 404, b"no"
        return 200, json.dumps({"meta": {"totalResults": 10**9, "from": start}, "results": first}).encode()

    fake.faults.append(again)
    fake.requests.clear()
    with pytest.raises(SyncError, match=r"from=3: result 3 repeats term \d+ of an earlier page"):
        _sync(base, tmp_path)
    assert len(fake.requests) == 2 and (tmp_path / INDEX_FILE).read_bytes() == before


def test_a_404_is_not_retried(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    fake.faults.append(lambda path, start: (404, b"no"))
    with pytest.raises(SyncError, match="HTTP 404"):
        _sync(base, tmp_path)
    assert len(fake.requests) == 1


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="unsupported language 'fr'"):
        sync("http://127.0.0.1:9", ("fr",), cache_dir=tmp_path)


# A complete sync of a language replaces what earlier syncs of it brought; imports and the other language stay.


def _withdraw(fake: FakeAPI, lang: str, *ids: str) -> None:
    fake.terms[lang] = [t for t in fake.terms[lang] if str(t["termId"]) not in ids]


def test_a_withdrawn_term_is_dropped_by_the_next_sync(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    _sync(base, tmp_path)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert {"306486", "44179", "44386"} <= set(g.ids()) and g.find("Philadelphia chromosome")
    g.close()
    _withdraw(fake, "en", "306486", "44179", "44386")  # 306486 is English only; the others are in both
    _withdraw(fake, "es", "44386")
    report = _sync(base, tmp_path)
    assert (report.added, report.updated, report.removed, report.withdrawn) == (0, 1, 2, 4)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert g.get("306486") is None and g.get("44386") is None
    # Still served in Spanish: its English definition goes; its English name stays, from the Spanish
    # term's otherLanguages.
    philadelphia = g.get("44179")
    assert philadelphia is not None and philadelphia.definition("en") is None
    assert philadelphia.definition("es") is not None and philadelphia.name("en") == "Philadelphia chromosome"
    assert g.find("cromosoma Filadelfia", "es") == [philadelphia]
    assert len(g) == len({str(t["termId"]) for lang in ("en", "es") for t in fake.terms[lang]})
    g.close()


def test_an_unchanged_sync_changes_no_entry(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    _, base = api
    first = _sync(base, tmp_path)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    before = [g.get(i) for i in g.ids()]
    g.close()
    again = _sync(base, tmp_path)
    assert (again.added, again.updated, again.removed, again.withdrawn, again.total) == (0, 0, 0, 0, first.total)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert [g.get(i) for i in g.ids()] == before
    g.close()


def test_imported_entries_survive_a_sync_that_drops_them(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    xml = need_shared("glossary", "nci-glossary-xml-2016")
    import_path(xml / "CDR44386.xml", cache_dir=tmp_path)  # also synced, in both languages
    import_path(xml / "CDR256537.xml", cache_dir=tmp_path)  # never synced
    _sync(base, tmp_path)
    _withdraw(fake, "en", "44386")
    _withdraw(fake, "es", "44386")
    report = _sync(base, tmp_path)
    assert (report.removed, report.withdrawn) == (0, 2)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    hpv, fibromatosis = g.get("44386"), g.get("256537")
    assert hpv is not None and hpv.name("en") == "HPV" and hpv.definition("en") is not None
    assert fibromatosis is not None and fibromatosis.name("en") == "fibromatosis"
    assert g.stats().sources["import"] == 2
    g.close()
    # The project's own glossary is not in the cache at all, so no sync can touch it.
    assert load_glossary(cache_dir=tmp_path).stats().project > 0


def test_a_failed_second_sync_keeps_the_first(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    _sync(base, tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    _withdraw(fake, "en", "306486")
    # English arrives whole and would drop 306486; Spanish fails half-way, so nothing is written.
    fake.faults.append(lambda path, start: (503, b"down") if path.endswith("/es") and start == 3 else None)
    with pytest.raises(SyncError, match="HTTP 503"):
        _sync(base, tmp_path)
    assert (tmp_path / INDEX_FILE).read_bytes() == before
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert g.get("306486") is not None
    g.close()


def test_a_language_with_no_terms_is_refused(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    _sync(base, tmp_path)
    before = (tmp_path / INDEX_FILE).read_bytes()
    fake.terms["es"] = []  # a valid but empty answer must not wipe the Spanish glossary
    with pytest.raises(SyncError, match="returned no es terms at all"):
        _sync(base, tmp_path)
    assert (tmp_path / INDEX_FILE).read_bytes() == before


def test_a_sync_of_one_language_leaves_the_other(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    _sync(base, tmp_path)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    spanish = {i: g.get(i) for i in g.ids()}
    spanish = {i: e.names_in("es") for i, e in spanish.items() if e is not None and "es" in e.langs}
    synced_es = g.stats().synced["es"]
    g.close()
    _withdraw(fake, "en", "445043")
    fake.terms["es"] = []  # not asked for, so not a failure
    report = sync(base, ("en",), cache_dir=tmp_path, collections=(("Cancer.gov", "Patient"),), page_size=3)
    assert (report.read, report.removed, report.withdrawn) == (len(fake.terms["en"]), 0, 1)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    assert {i: g.get(i).names_in("es") for i in spanish} == spanish  # type: ignore[union-attr]
    lung = g.get("445043")
    assert lung is not None and lung.definition("en") is None and lung.definition("es") is not None
    assert g.find("cáncer de pulmón", "es") == [lung]
    assert g.stats().synced["es"] == synced_es
    g.close()


def test_stats_count_sources_and_last_syncs(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    import_path(need_shared("glossary", "nci-glossary-xml-2016", "CDR256537.xml"), cache_dir=tmp_path)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    s = g.stats()
    assert (s.sources, s.synced) == ({"import": 1}, {}) and s.imported is not None
    g.close()
    sync(base, ("es",), cache_dir=tmp_path, collections=(("Cancer.gov", "Patient"),), page_size=3)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    s = g.stats()
    assert s.sources == {"import": 1, "sync:es": len(fake.terms["es"])} and list(s.synced) == ["es"]
    assert s.nci == 1 + len(fake.terms["es"])
    g.close()


def test_cli_sync_and_stats(api: tuple[FakeAPI, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, base = api
    monkeypatch.setenv("SIMPLIFY_CACHE_DIR", str(tmp_path))

    def run(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(glossary, list(args))
        return result.exit_code, result.stdout, result.stderr

    en, es = len(fake.terms["en"]), len(fake.terms["es"])
    ids = len({str(t["termId"]) for lang in ("en", "es") for t in fake.terms[lang]})
    code, out, _ = run("sync", "--base-url", base)
    assert (code, out) == (
        0,
        f"synced {en + es} records from {base}: {ids} added, 0 updated, 0 removed, {ids} NCI entries in the cache\n",
    )
    _withdraw(fake, "en", "306486")
    code, out, _ = run("sync", "--base-url", base, "--lang", "en")
    assert code == 0 and out == (
        f"synced {en - 1} records from {base}: 0 added, 0 updated, 1 removed, {ids - 1} NCI entries in the cache"
        " (1 no longer served by NCI)\n"
    )
    code, out, _ = run("stats", "--format", "json")
    doc = json.loads(out)
    assert {k: v for k, v in doc["sources"].items() if k != "project"} == {"sync:en": en - 1, "sync:es": es}
    assert set(doc["synced"]) == {"en", "es"} and doc["imported"] is None
    code, out, _ = run("stats")
    lines = out.splitlines()
    assert code == 0 and f"{en - 1} synced en, {es} synced es" in lines[2] and lines[2].startswith("sources: ")
    assert lines[3].startswith("last sync en: 20") and lines[4].startswith("last sync es: 20")


def test_a_schema_1_cache_is_migrated_by_a_sync(api: tuple[FakeAPI, str], tmp_path: Path) -> None:
    fake, base = api
    _sync(base, tmp_path)
    downgrade(tmp_path / INDEX_FILE)  # as simplify wrote it before it recorded sources
    _withdraw(fake, "en", "306486")
    report = _sync(base, tmp_path)
    # Whether 306486 came from a sync or an import was never recorded, so it is kept, like an import.
    assert (report.added, report.updated, report.removed, report.withdrawn) == (0, 0, 0, 0)
    g = load_glossary(cache_dir=tmp_path, project_dir=None)
    s = g.stats()
    assert s.sources == {"legacy": s.nci, "sync:en": len(fake.terms["en"]), "sync:es": len(fake.terms["es"])}
    assert g.get("306486") is not None and set(s.synced) == {"en", "es"}
    g.close()
    # From now on sources are recorded: what the next sync drops goes, unless the legacy part has it.
    _withdraw(fake, "en", "44058")
    assert _sync(base, tmp_path).withdrawn == 1
