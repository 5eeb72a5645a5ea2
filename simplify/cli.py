"""The command line: a thin edge over the library, and the only place that prints or exits."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from simplify import __version__
from simplify.check import CheckResult, exit_code
from simplify.config import MIN_INLINE_WORDS, PRESENTATIONS, Settings, load_settings
from simplify.errors import SimplifyError
from simplify.model import Severity
from simplify.readability.languages import grade_source
from simplify.readability.score import SCHEMA as SCORE_SCHEMA
from simplify.readability.score import DocumentScore

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class SimplifyGroup(click.Group):
    """A click group that turns library errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SimplifyError as exc:
            click.echo(f"simplify: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=SimplifyGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="simplify")
def cli() -> None:
    """Score, check and simplify NCI cancer articles for patients."""


def _common(fn: Any) -> Any:
    """Add the options that score and check share."""
    fn = click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Settings file (default: the nearest pyproject.toml with [tool.simplify]).",
    )(fn)
    fn = click.option("--lang", help="Language of articles whose front matter names none (else detected).")(fn)
    fn = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 256),
        default=None,
        help="Worker processes (default: the number of CPUs).",
    )(fn)
    return click.argument("paths", nargs=-1, required=True)(fn)


def _run(
    paths: Sequence[str],
    config: Path | None,
    flags: dict[str, Any],
    jobs: int | None,
    explain: bool = False,
    sections: bool = True,
) -> tuple[Settings, list[CheckResult]]:
    from simplify import runner

    settings = load_settings(config)
    if flags:
        settings.merged(flags, "command line")  # reject a bad flag once, before any file is read
    return settings, runner.run(paths, settings, flags, jobs=jobs, explain=explain, sections=sections)


def _emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` whole or not at all, or to standard output when there is none."""
    from simplify.files import write_output

    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, (text,))


def _formats_and_langs(formats: str, lang: str | None) -> tuple[list[str], list[str | None]]:
    """Read --format (html,pdf,md) and --lang (codes; none: each article's own language)."""
    from simplify.handout import FORMATS
    from simplify.lang import normalize_lang

    chosen = list(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))  # each once
    if not chosen or any(f not in FORMATS for f in chosen):
        raise click.UsageError(f"--format takes a comma-separated list of {', '.join(FORMATS)}, not {formats!r}")
    langs: list[str | None] = [None]
    if lang:
        langs = []
        for code in lang.split(","):
            normal = normalize_lang(code.strip())
            if normal is None:
                raise click.UsageError(f"unknown language {code.strip()!r} for --lang")
            if normal not in langs:  # "es,es" makes one handout
                langs.append(normal)
    return chosen, langs


def _report_errors(results: Sequence[CheckResult]) -> None:
    for r in results:
        if r.error:
            click.echo(f"simplify: {r.path}:{r.error_line}: {r.error}", err=True)


@cli.command(context_settings=CONTEXT)
@_common
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show how each sentence and word was counted, and from which source.")
def score(
    paths: tuple[str, ...], config: Path | None, lang: str | None, jobs: int | None, fmt: str, explain: bool
) -> None:
    """Score the readability of articles (files, directories, or - for standard input)."""
    flags = {"lang": lang} if lang else {}
    _, results = _run(paths, config, flags, jobs, explain)
    if fmt == "json":
        documents: list[dict[str, Any]] = []
        for r in results:
            if r.score is None:
                documents.append({"path": r.path, "error": r.error})
            else:
                documents.append({**r.score.to_dict(), "findings": [f.to_dict() for f in r.findings]})
        click.echo(json.dumps({"schema": SCORE_SCHEMA, "documents": documents}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r.score is not None:
                click.echo(_score_text(r.score, explain))
    _report_errors(results)
    sys.exit(2 if any(r.error for r in results) else 0)


def _score_text(s: DocumentScore, explain: bool) -> str:
    c = s.counts
    grade = f"grade {s.grade:.1f} ({grade_source(s.lang)})" if s.grade is not None else "grade: n/a"
    rare = f"{s.rare_word_rate:.1%}" if s.rare_word_rate is not None else "n/a"
    lines = [
        f"{s.path}  [{s.lang}]  {s.title}",
        f"  {grade}   sentences {c.sentences}  words {c.words}  syllables {c.syllables}  "
        f"polysyllables {c.polysyllables}",
        f"  rare words {rare} (Zipf < {s.zipf_threshold:g})  long words {s.long_word_rate:.1%}",
    ]
    if s.note:
        lines.append(f"  note: {s.note}")
    lines.extend(f"  {name}: {band}" for name, band in s.bands.items())
    if s.scores:
        lines.append("  scores:")
        lines.extend(f"    {name:<32} {value:8.2f}" for name, value in s.scores.items())
    if len(s.sections) > 1:
        lines.append("  sections:")
        for sec in s.sections:
            g = f"{sec.grade:5.1f}" if sec.grade is not None else "  n/a"
            lines.append(f"    L{sec.line:<5} grade {g}  words {sec.counts.words:<5} {'#' * sec.level} {sec.heading}")
    if s.hardest:
        lines.append("  hardest sentences:")
        english = s.lang == "en"  # the ranking key is a Flesch-Kincaid grade, meaningful as such in English
        for h in s.hardest:
            lines.append(f"    L{h.line:<5} " + (f"grade {h.grade:5.1f}  " if english else "") + f"({h.why})")
            lines.append(f"           {h.text[:160]}")
    if explain:
        lines.append("  how it was counted:")
        for sent in s.extra.get("explain", []):
            lines.append(f"    L{sent['line']} [{sent['kind']}] {sent['text'][:100]}")
            lines.append(
                "      "
                + "  ".join(
                    f"{w['word']}={w['syllables']}{'' if w['source'] == 'cmudict' else '/' + w['source']}"
                    f"{'*' if w['rare'] else ''}"
                    for w in sent["words"]
                )
            )
        lines.append("    (n = syllables from CMUdict; /glossary = NCI respelling; /rule = rules; * = rare word)")
    return "\n".join(lines) + "\n"


@cli.command(context_settings=CONTEXT)
@_common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "junit", "sarif"]),
    default="text",
    show_default=True,
)
@click.option("--max-grade", type=click.FloatRange(0), help="Highest reading grade allowed.")
@click.option("--formula", help="Formula for the grade: consensus (default) or a formula name.")
@click.option("--max-rare-word-rate", type=click.FloatRange(0, 1), help="Highest share of rare words allowed.")
@click.option(
    "--fail-on",
    type=click.Choice([str(s) for s in Severity]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: error).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here instead of standard output.",
)
def check(
    paths: tuple[str, ...],
    config: Path | None,
    lang: str | None,
    jobs: int | None,
    fmt: str,
    max_grade: float | None,
    formula: str | None,
    max_rare_word_rate: float | None,
    fail_on: str | None,
    exit_zero: bool,
    output_file: Path | None,
) -> None:
    """Check articles against reading-level thresholds; exit 1 on findings, 2 on errors."""
    from simplify.report import FORMATS

    raw = {
        "lang": lang,
        "max-grade": max_grade,
        "formula": formula,
        "max-rare-word-rate": max_rare_word_rate,
        "fail-on": fail_on,
    }
    flags = {k: v for k, v in raw.items() if v is not None}
    _, results = _run(paths, config, flags, jobs, sections=False)
    status = exit_code(results)
    if exit_zero and status == 1:
        status = 0
    _emit(FORMATS[fmt](results, status), output_file)
    _report_errors(results)
    n = sum(len(r.findings) for r in results)
    graded = [g for r in results if (g := r.grade) is not None]
    click.echo(
        f"simplify: {len(results)} file(s), {n} finding(s), {sum(1 for r in results if r.error)} error(s)"
        + (f"; grades {min(graded):.1f}–{max(graded):.1f}" if graded else ""),
        err=True,
    )
    sys.exit(status)


def _expand_options(fn: Any) -> Any:
    """Add the options of how jargon is explained, which override the settings."""
    default = Settings()
    fn = click.option(
        "--max-inline-words",
        type=click.IntRange(MIN_INLINE_WORDS),
        help="Longest definition in parentheses, in words; longer ones are shortened "
        f"(default: {default.max_inline_words}).",
    )(fn)
    fn = click.option(
        "--max-inline",
        type=click.IntRange(0),
        help=f"Definitions in parentheses per paragraph (default: {default.max_inline}).",
    )(fn)
    return click.option(
        "--presentation",
        type=click.Choice(PRESENTATIONS),
        help="Plain definitions in parentheses at first use, a 'Words to know' list, or both "
        f"(default: {default.presentation}).",
    )(fn)


def _expand_flags(presentation: str | None, max_inline: int | None, max_inline_words: int | None) -> dict[str, Any]:
    raw = {"presentation": presentation, "max-inline": max_inline, "max-inline-words": max_inline_words}
    return {k: v for k, v in raw.items() if v is not None}


@cli.command(context_settings=CONTEXT)
@click.argument("path")
@click.option("--lang", help="Language of the glossary words and definitions (default: the article's).")
@_expand_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def expand(
    path: str,
    lang: str | None,
    presentation: str | None,
    max_inline: int | None,
    max_inline_words: int | None,
    output: Path | None,
    config: Path | None,
) -> None:
    """Write the article with its jargon explained: at first use, in a word list, or both."""
    from simplify import articles
    from simplify.config import article_settings
    from simplify.expand import ExpandOptions, plan, render
    from simplify.glossary.model import GLOSSARY_LANGS
    from simplify.lang import lang_root, normalize_lang
    from simplify.runner import jargon_tools_for

    base = load_settings(config)
    target = normalize_lang(lang) if lang else None
    if lang and target is None:
        raise SimplifyError(f"unknown language {lang!r} for --lang")
    article = articles.load(path, lang=base.for_path(path).lang)
    settings = article_settings(
        base, path, article.meta.extra, _expand_flags(presentation, max_inline, max_inline_words)
    )
    tools = jargon_tools_for(settings)
    report = tools.terms(article)
    options = ExpandOptions.from_settings(settings)
    if target and lang_root(target) not in GLOSSARY_LANGS:
        # As a handout does: the glossary's words in the article's language, and the reader told so.
        click.echo(
            f"simplify: the glossary has no words in '{target}' (only {', '.join(sorted(GLOSSARY_LANGS))}); "
            f"they stay in '{article.lang}'",
            err=True,
        )
        target = None
    expansions = plan(article, report, tools.glossary, target, options)
    _emit(render(article, expansions, target, options), output)
    inline = sum(1 for e in expansions if e.inline)
    click.echo(f"simplify: {len(expansions)} term(s) explained, {inline} of them inline", err=True)
    if target and target != article.lang:
        click.echo(
            f"simplify: the body stays in '{article.lang}'; glossary words and definitions are in '{target}'",
            err=True,
        )


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True
)
@click.option("--lang", help="Handout language(s), comma-separated (default: the article's).")
@click.option("--format", "formats", default="html,pdf", show_default=True, help="Any of html, pdf, md.")
@click.option("--large-print", is_flag=True, help="Make the large-print variant (18 pt text).")
@click.option(
    "--templates", type=click.Path(file_okay=False, path_type=Path), help="A folder whose templates override ours."
)
@_expand_options
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def handout(
    paths: tuple[str, ...],
    out: Path,
    lang: str | None,
    formats: str,
    large_print: bool,
    templates: Path | None,
    presentation: str | None,
    max_inline: int | None,
    max_inline_words: int | None,
    config: Path | None,
) -> None:
    """Make patient handouts (HTML, PDF, markdown) of articles, into the output folder."""
    from simplify import articles
    from simplify.handout import Handouts, handout_slug
    from simplify.runner import freeze_loaded, return_large_blocks

    settings = load_settings(config)
    chosen, langs = _formats_and_langs(formats, lang)
    if large_print and "md" in chosen:  # markdown has no type size: its large print would be the same file
        chosen.remove("md")
        if not chosen:
            raise click.UsageError("--large-print makes HTML and PDF handouts: add html or pdf to --format")
        click.echo("simplify: markdown has no type size: --large-print makes no .large.md", err=True)
    maker = Handouts(settings, templates, _expand_flags(presentation, max_inline, max_inline_words))
    failed = 0
    try:
        found = list(articles.find_articles(paths))
    except SimplifyError as exc:  # a folder with no articles
        click.echo(f"simplify: {exc}", err=True)
        sys.exit(2)
    taken: dict[str, str] = {}  # handout name -> the article that has it in this run
    for n, path in enumerate(found):
        try:
            article = articles.load(path, lang=settings.lang)
            slug = handout_slug(article)
            if taken.setdefault(slug, path) != path:
                from simplify.batch.manifest import digest  # as `build` names a clash

                first, slug = taken[slug], f"{slug}-{digest(path)[:6]}"
                click.echo(f"simplify: {path}: {first} has its handouts' name; named {slug} instead", err=True)
            written = maker.write(article, out, langs=langs, formats=chosen, large_print=large_print, slug=slug)
        except SimplifyError as exc:
            click.echo(f"simplify: {exc}", err=True)
            failed += 1
            continue
        finally:
            if n == 0 and len(found) > 1:
                freeze_loaded()  # the first handout loaded what the rest share
                return_large_blocks()
        for w in written:
            grades = ""
            if w.grade_article is not None and w.grade_handout is not None:
                grades = f" (grade {w.grade_article:.1f} -> {w.grade_handout:.1f})"
            click.echo(f"{w.path}{grades}")
        for warning in dict.fromkeys(m for w in written for m in w.warnings):
            click.echo(f"simplify: {path}: {warning}", err=True)
    if failed:
        sys.exit(2)


@cli.command(context_settings=CONTEXT)
@click.argument("path")
@click.option("--to", "target", required=True, help="Language to translate into (es, zh-Hans, vi, ...).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option(
    "--engine", "engine_name", type=click.Choice(["transformers", "ctranslate2"]), help="Overrides the settings."
)
@click.option("--model", help="Model id or folder (overrides [tool.simplify.translate]).")
@click.option(
    "--review", type=click.Path(dir_okay=False, path_type=Path), help="Also write a side-by-side review page (HTML)."
)
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def translate(
    path: str,
    target: str,
    output: Path | None,
    engine_name: str | None,
    model: str | None,
    review: Path | None,
    config: Path | None,
) -> None:
    """Machine-translate an article's text, keeping its structure, links, numbers and drug names."""
    from simplify import articles
    from simplify.files import write_output
    from simplify.handout.templates import Templates
    from simplify.lang import lang_root, normalize_lang
    from simplify.translate import review_html, translate_with, translator_for

    settings = load_settings(config)
    lang = normalize_lang(target)
    if lang is None:
        raise click.UsageError(f"unknown language {target!r} for --to")
    article = articles.load(path, lang=settings.lang)  # first: a wrong path is the likelier mistake
    if lang_root(article.lang) == lang_root(lang):
        raise SimplifyError(f"{path} is in '{article.lang}' already: nothing to translate to '{lang}'")
    translator = translator_for(settings, lang, engine_name, model)
    if translator is None:
        raise SimplifyError(
            f"no translation model for '{lang}': pass --model, or set [tool.simplify.translate] "
            f'{lang} = {{ engine = "ctranslate2", model = "FOLDER" }} (the README lists models that fit)'
        )
    result = translate_with(settings, article, lang, translator)
    _emit(result.text, output)
    click.echo(f"simplify: {result.report.summary()} in {result.report.seconds:.1f} s", err=True)
    for fallback in result.report.fallbacks:
        click.echo(f"simplify: {path}:{fallback.line}: kept in the source language: {fallback.reason}", err=True)
    if review is not None:
        write_output(
            review, review_html(result, Templates(Path(settings.templates) if settings.templates else None)).encode()
        )


@cli.command("build", context_settings=CONTEXT)
@click.argument("seeds", required=False, default="seeds", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", help="Handout languages, comma-separated (default: each article's own).")
@click.option("--format", "formats", default="html,pdf", show_default=True, help="Any of html, pdf, md.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="Worker processes (default: the CPU count).")
@click.option("--force", is_flag=True, help="Rebuild everything, changed or not.")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), help="Templates that override ours.")
@click.option("--scheduler", help="Send the work to a Dask distributed scheduler (tcp://HOST:PORT).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def build_command(
    seeds: Path,
    out: Path,
    lang: str | None,
    formats: str,
    jobs: int | None,
    force: bool,
    templates: Path | None,
    scheduler: str | None,
    config: Path | None,
) -> None:
    """Build handouts for every article in a folder: only what changed, in parallel, with a report."""
    from simplify.batch import build, plain_progress

    settings = load_settings(config)
    chosen, langs = _formats_and_langs(formats, lang)
    if sys.stderr.isatty():
        from simplify.batch.progress import RichProgress

        with RichProgress() as progress:
            summary = build(
                seeds,
                out,
                settings,
                langs=langs,
                formats=chosen,
                jobs=jobs,
                force=force,
                templates=templates,
                scheduler=scheduler,
                progress=progress,
            )
    else:
        summary = build(
            seeds,
            out,
            settings,
            langs=langs,
            formats=chosen,
            jobs=jobs,
            force=force,
            templates=templates,
            scheduler=scheduler,
            progress=plain_progress(),
        )
    for warning in summary.warnings:
        click.echo(f"simplify: warning: {warning}", err=True)
    for key, error in summary.failures:
        click.echo(f"simplify: {key}: {error}", err=True)
    click.echo(
        f"simplify: {summary.articles} article(s): {summary.built} built, {summary.skipped} unchanged, "
        f"{summary.failed} failed, {summary.removed} removed in {summary.seconds:.1f} s; report: {out / 'index.html'}",
        err=True,
    )
    if summary.failed:
        sys.exit(1)


@cli.command("config", context_settings=CONTEXT)
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def show_config(config: Path | None) -> None:
    """Show the effective settings as JSON."""
    click.echo(json.dumps(load_settings(config).to_dict(), indent=2))


def _register_glossary() -> None:
    from simplify.glossary.cli import glossary

    cli.add_command(glossary)


_register_glossary()


def main() -> None:
    """Run the command line; no traceback ever reaches the user."""
    try:
        cli.main(prog_name="simplify")
    except KeyboardInterrupt:
        click.echo("simplify: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line, never a traceback (SIMPLIFY_DEBUG=1 shows it)
        if os.environ.get("SIMPLIFY_DEBUG"):
            raise
        click.echo(f"simplify: internal error ({type(exc).__name__}: {exc}); please report it", err=True)
        sys.exit(2)
