"""Pull the whole NCI dictionary from the public Glossary API v1 into the local index.

Pages of ``GET {base}/Terms/{dictionary}/{audience}/{language}?size=N&from=K`` are fetched with a
timeout, retried with exponential backoff on network errors, timeouts and 429/5xx answers, and
checked: the page must be ``{meta: {totalResults, from}, results: [...]}`` with ``from`` as asked,
the same total on every page, results that are well-formed terms of the dictionary, audience and
language asked for, and in the end as many distinct terms as the total says. Nothing is written
until every page of every language has passed; then the new index replaces the old one atomically,
so a failed or garbled sync leaves the previous glossary as it was.

A complete sync of a language replaces everything earlier syncs of that language brought: a term
NCI no longer serves is dropped (unless ``glossary import`` or the other language still has it).
What imports brought, the other language's synced terms and the project's own entries are kept.
"""

from __future__ import annotations

import datetime as dt
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from simplify import __version__
from simplify.glossary.index import SYNC, ImportReport, update
from simplify.glossary.loaders import Tally, api_term, norm_keys, parse_json
from simplify.glossary.model import Entry, SyncError

API_URL = "https://webapis.cancer.gov/glossary/v1"
# The dictionary/audience pairs cancer.gov publishes; NCI's app reads exactly these.
COLLECTIONS: tuple[tuple[str, str], ...] = (
    ("Cancer.gov", "Patient"),
    ("Cancer.gov", "HealthProfessional"),
    ("Genetics", "HealthProfessional"),
)
_RETRY_STATUS = {429, 500, 502, 503, 504}
_MAX_PAGE = 64 * 2**20  # bytes; a page of 500 terms is well under 1 MB


def _get(url: str, timeout: float, retries: int, backoff: float, sleep: Callable[[float], None]) -> bytes:
    """Return the body at ``url``, retrying transient failures; raise SyncError when they persist."""
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": f"simplify/{__version__}"}
    )
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return _read(response, url, time.monotonic() + timeout)
        except urllib.error.HTTPError as exc:
            if exc.code not in _RETRY_STATUS:
                raise SyncError(f"{url}: HTTP {exc.code} {exc.reason}; check --base-url") from exc
            last = f"HTTP {exc.code} {exc.reason}"
        except (urllib.error.URLError, TimeoutError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            last = "timed out" if isinstance(reason, TimeoutError) else str(reason)
    raise SyncError(
        f"{url}: {last} after {retries + 1} attempt(s); the previous glossary is unchanged, try again later"
    )


def _read(response: http.client.HTTPResponse, url: str, deadline: float) -> bytes:
    """Return the body, raising TimeoutError past ``deadline``: the socket timeout bounds each read, not all."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(2**16):
        size += len(chunk)
        if size > _MAX_PAGE:
            raise SyncError(f"{url}: the answer is over {_MAX_PAGE // 2**20} MB, no glossary page; unchanged")
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
        chunks.append(chunk)
    if response.length:  # read1, unlike read, does not tell a connection closed early from the end
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


def _page(body: bytes, url: str, start: int) -> tuple[int, list[Any]]:
    """Return (totalResults, results) of one page, or raise SyncError if it is not a valid page."""
    try:
        doc = parse_json(body.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError is one
        raise SyncError(f"{url}: the answer is not JSON ({exc}); the previous glossary is unchanged") from exc
    raw_meta = doc.get("meta") if isinstance(doc, dict) else None
    meta = norm_keys(raw_meta) if isinstance(raw_meta, dict) else None
    results = doc.get("results") if isinstance(doc, dict) else None
    total = meta.get("totalresults") if meta else None
    if not isinstance(total, int) or isinstance(total, bool) or total < 0 or not isinstance(results, list):
        raise SyncError(f"{url}: not a results page ({{meta: {{totalResults, from}}, results}}); unchanged")
    if meta is not None and meta.get("from", start) != start:
        raise SyncError(f"{url}: the page starts at {meta.get('from')}, not {start} as asked; unchanged")
    return total, results


def fetch_collection(
    base_url: str,
    dictionary: str,
    audience: str,
    lang: str,
    date: str,
    *,
    page_size: int = 500,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Entry]:
    """Return every term of one dictionary, audience and language, page by page, validated."""
    path = "/".join(urllib.parse.quote(p, safe="") for p in ("Terms", dictionary, audience, lang))
    records: list[Entry] = []
    ids: set[str] = set()
    total: int | None = None
    start = 0
    while total is None or start < total:
        url = f"{base_url.rstrip('/')}/{path}?size={page_size}&from={start}"
        page_total, results = _page(_get(url, timeout, retries, backoff, sleep), url, start)
        if total is not None and page_total != total:
            raise SyncError(f"{url}: totalResults changed from {total} to {page_total} mid-sync; try again later")
        total = page_total
        if not results and start < total or len(results) > page_size:
            raise SyncError(f"{url}: {len(results)} results where {min(page_size, total - start)} were due; unchanged")
        tally = Tally(url)
        for i, obj in enumerate(results):
            entry = api_term(norm_keys(obj), f"result {i}", date, tally) if isinstance(obj, dict) else None
            if entry is None or tally.skipped:
                raise SyncError(f"{url}: result {start + i} is not a glossary term; the previous glossary is unchanged")
            if entry.id in ids:
                # The API serves a term once per collection; a repeat means pages overlap, or never end.
                raise SyncError(f"{url}: result {start + i} repeats term {entry.id} of an earlier page; unchanged")
            got = norm_keys(obj)
            if str(got.get("language")).lower() != lang or str(got.get("audience")).lower() != audience.lower():
                raise SyncError(
                    f"{url}: result {start + i} is in {got.get('language')}/{got.get('audience')}; unchanged"
                )
            records.append(entry)
            ids.add(entry.id)
        start += len(results)
    if len(ids) != total:
        raise SyncError(f"{base_url}: {path} promised {total} terms but gave {len(ids)} distinct ones; unchanged")
    return records


def sync(
    base_url: str = API_URL,
    langs: Sequence[str] = ("en", "es"),
    *,
    cache_dir: Path | None = None,
    collections: Sequence[tuple[str, str]] = COLLECTIONS,
    page_size: int = 500,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Pull every term in ``langs`` from the NCI Glossary API and swap it into the cache atomically.

    For each language in ``langs``, what this sync got (from ``collections``) replaces what earlier
    syncs of that language brought, so terms NCI has withdrawn are dropped; imported entries and
    the other language are kept. Synced records are dated today, so they win the merge over older
    imports field by field. Any failure (or a language with no terms at all) changes nothing.
    """
    langs = tuple(dict.fromkeys(langs))
    for lang in langs:
        if lang not in ("en", "es"):
            raise SyncError(f"unsupported language {lang!r}; the NCI glossary has en and es")
    started = time.perf_counter()
    date = dt.date.today().isoformat()
    records: dict[str, list[Entry]] = {lang: [] for lang in langs}
    for dictionary, audience in collections:
        for lang in langs:
            got = fetch_collection(
                base_url,
                dictionary,
                audience,
                lang,
                date,
                page_size=page_size,
                timeout=timeout,
                retries=retries,
                backoff=backoff,
                sleep=sleep,
            )
            if progress:
                progress(f"{dictionary}/{audience}/{lang}: {len(got)} terms")
            records[lang].extend(got)
    for lang, got in records.items():
        if not got:
            # Replacing a language with nothing would wipe it: an API that answers empty is broken, not NCI.
            raise SyncError(f"{base_url}: the API returned no {lang} terms at all; the previous glossary is unchanged")
    return update(cache_dir, base_url, started, {SYNC + lang: got for lang, got in records.items()}, replace=True)
