"""``simplify glossary``: import, sync, show and count the glossary (data on stdout, status on stderr)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from simplify.errors import SimplifyError
from simplify.glossary.index import Glossary, ImportReport, Prefer, import_path, load_glossary
from simplify.glossary.model import Audience, Entry, GlossaryError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
SHOW_SCHEMA = "simplify.glossary.show/1"
STATS_SCHEMA = "simplify.glossary.stats/1"
_PREFER = click.option(
    "--prefer",
    type=click.Choice(["nci", "project"]),
    default=None,
    help="Whose entry wins when NCI and the project both define a term (default: glossary-prefer in the settings,"
    " else nci).",
)
_CONFIG = click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: the nearest pyproject.toml with [tool.simplify]).",
)


class GlossaryGroup(click.Group):
    """Turn library errors into one line on stderr and exit code 2, and warnings into lines on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return super().invoke(ctx)
            except SimplifyError as exc:
                click.echo(f"simplify: {exc}", err=True)
                ctx.exit(exc.exit_code)
            finally:
                for w in caught:
                    click.echo(f"simplify: warning: {w.message}", err=True)


@click.group(cls=GlossaryGroup, context_settings=CONTEXT)
def glossary() -> None:
    """Import, sync and look up the glossary (NCI's dictionaries and the project's own entries)."""


def _summary(verb: str, report: ImportReport) -> str:
    extra = [f"{report.skipped} malformed skipped"] if report.skipped else []
    extra += [f"{report.ignored} other documents ignored"] if report.ignored else []
    extra += [f"{report.withdrawn} no longer served by NCI"] if report.withdrawn else []
    tail = f" ({', '.join(extra)})" if extra else ""
    removed = f"{report.removed} removed, " if report.removed or verb == "synced" else ""
    return (
        f"{verb} {report.read} records from {report.path}: {report.added} added, {report.updated} updated, "
        f"{removed}{report.total} NCI entries in the cache{tail}"
    )


_SOURCES = {"import": "imported", "legacy": "of unrecorded source (an old cache)", "project": "project"}


def _source(name: str) -> str:
    return f"synced {name.removeprefix('sync:')}" if name.startswith("sync:") else _SOURCES.get(name, name)


@glossary.command("import", context_settings=CONTEXT)
@click.argument("path", type=click.Path(exists=True))
def import_command(path: str) -> None:
    """Import NCI glossary data: the XML export folder, API JSON files or folders, JSONL, the glossifier list."""
    click.echo(_summary("imported", import_path(path)))


def _langs(value: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))
    bad = [lang for lang in langs if lang not in ("en", "es")]
    if bad or not langs:
        raise click.BadParameter(f"{value!r}: give en, es or en,es")
    return langs


@glossary.command("sync", context_settings=CONTEXT)
@click.option("--lang", "lang", default="en,es", show_default=True, help="Languages to pull, comma-separated.")
@click.option("--base-url", default=None, help="Glossary API v1 address (default: NCI's public API).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds per request.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries per request.")
def sync_command(lang: str, base_url: str | None, timeout: float, retries: int) -> None:
    """Pull the whole dictionary from the NCI Glossary API; a failed sync leaves the cache as it was.

    What it pulls for a language replaces what earlier syncs of that language brought (terms NCI
    withdrew are dropped); imported entries and the other language are kept.
    """
    from simplify.glossary.sync import API_URL, sync

    langs = _langs(lang)
    progress: Callable[[str], None] = lambda line: click.echo(f"simplify: {line}", err=True)  # noqa: E731
    report = sync(base_url or API_URL, langs, timeout=timeout, retries=retries, progress=progress)
    click.echo(_summary("synced", report))


def _load(prefer: Prefer | None, config: Path | None) -> Glossary:
    """Load the glossary whose precedence the flag gives, else the settings, as expand, score and check do."""
    from simplify.config import load_settings

    chosen = prefer or load_settings(config).glossary_prefer
    return load_glossary(prefer="project" if chosen == "project" else "nci")


def _lookup(g: Glossary, term: str, lang: str) -> list[Entry]:
    entry = g.get(term) if term.strip().upper().removeprefix("CDR").isdigit() else None
    if entry is not None:
        return [entry]
    found = g.find(term, lang)
    if not found and (drug := g.drug(term)) is not None:
        found = [drug]
    return found


def _text(entry: Entry, lang: str, audience: Audience) -> str:
    names = entry.names_in(lang) or (entry.names[0] if entry.names else None)
    title = names.name if names else "(no name)"
    lines = [f"{title} ({entry.id}) [{entry.source}, {', '.join(entry.dictionaries) or 'no definition'}]"]
    said = entry.pronunciation(lang)
    if said and said.respelling:
        lines.append(f"pronunciation: {said.respelling}")
    if names and names.aliases:
        lines.append(f"also: {', '.join(names.aliases)}")
    if names and names.inflections:
        lines.append(f"forms: {', '.join(names.inflections)}")
    definition = entry.definition(names.lang if names else lang, audience)
    if definition:
        lines.append(f"{definition.audience} ({definition.dictionary}): {definition.text}")
    return "\n".join(lines)


@glossary.command("show", context_settings=CONTEXT)
@click.argument("term")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "es"]), help="Language.")
@click.option(
    "--audience",
    type=click.Choice(["patient", "health-professional"]),
    default="patient",
    show_default=True,
    help="Whose definition to show first (text format).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_PREFER
@_CONFIG
def show_command(term: str, lang: str, audience: str, fmt: str, prefer: Prefer | None, config: Path | None) -> None:
    """Show a glossary entry by CDR id, name, alias or drug page name."""
    g = _load(prefer, config)
    found = _lookup(g, term, lang)
    if not found:
        raise GlossaryError(
            f"no glossary entry for {term!r} in {lang}; run `simplify glossary import` or `sync` to add NCI's terms"
        )
    if fmt == "json":
        doc = {"schema": SHOW_SCHEMA, "entries": [e.to_json() for e in found]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        aud: Audience = "Patient" if audience == "patient" else "HealthProfessional"
        click.echo("\n\n".join(_text(e, lang, aud) for e in found))


@glossary.command("stats", context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_PREFER
@_CONFIG
def stats_command(fmt: str, prefer: Prefer | None, config: Path | None) -> None:
    """Count the glossary's entries, names and definitions, and say where they came from and when."""
    s = _load(prefer, config).stats()
    if fmt == "json":
        doc = {
            "schema": STATS_SCHEMA,
            "entries": s.entries,
            "nci": s.nci,
            "project": s.project,
            "drugs": s.drugs,
            "names": s.names,
            "definitions": s.definitions,
            "prefer": s.prefer,
            "index": s.index,
            "built": s.built,
            "sources": s.sources,
            "synced": s.synced,
            "imported": s.imported,
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    lines = [
        f"entries: {s.entries} ({s.nci} NCI, {s.project} project, {s.drugs} drugs; {s.prefer} preferred)",
        f"index: {s.index or 'none (run simplify glossary import or sync)'}"
        + (f", built {s.built}" if s.built else ""),
    ]
    if s.sources:
        lines.append("sources: " + ", ".join(f"{n} {_source(name)}" for name, n in s.sources.items()))
    lines += [f"last sync {lang}: {s.synced.get(lang, 'never')}" for lang in ("en", "es")]
    if s.imported:
        lines.append(f"last import: {s.imported}")
    lines += [f"names {lang}: {n}" for lang, n in s.names.items()]
    lines += [f"definitions {key}: {n}" for key, n in s.definitions.items()]
    click.echo("\n".join(lines))
