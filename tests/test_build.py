"""Batch builds: layout, incremental re-runs, failures, interrupts, the lock, the report, and Dask."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED

from simplify.batch import build
from simplify.batch.manifest import locked
from simplify.cli import cli
from simplify.config import Settings
from simplify.errors import SimplifyError


def article(title: str, url: str, body: str) -> str:
    return f"---\ntitle: {title}\nlanguage: en\nurl: {url}\nlastReviewed: '2025-01-01'\n---\n\n# {title}\n\n{body}\n"


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    (folder / "more").mkdir(parents=True)
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "water.md").write_text(
        article(
            "Drink Water", "https://www.cancer.gov/about-cancer/treatment/side-effects/water", "Drink 8 cups a day."
        )
    )
    (folder / "more" / "walk.md").write_text(
        article("Walk Daily", "https://www.cancer.gov/about-cancer/coping/walk", "Walk 20 minutes. Rest after.")
    )
    return folder


def test_layout_is_slug_lang_handout_with_a_report(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = build(seeds, out, Settings(), langs=["en", "es"], formats=["html", "md"], jobs=1)
    assert (summary.built, summary.failed, summary.skipped) == (3, 0, 0)
    for slug in ("daratumumab-castor-pollux", "water", "walk"):
        for lang in ("en", "es"):
            assert (out / slug / lang / "handout.html").is_file() and (out / slug / lang / "handout.md").is_file()
    report = json.loads((out / "report.json").read_text())
    assert report["schema"] == "simplify.build/1" and report["summary"]["built"] == 3
    seed = next(a for a in report["articles"] if a["slug"] == "daratumumab-castor-pollux")
    assert seed["grades"]["en"]["before"] > 10 and seed["jargon"]["terms"] > 5 and seed["error"] is None
    assert "daratumumab-castor-pollux/es/handout.html" in seed["outputs"]
    html = (out / "index.html").read_text()
    assert '<svg role="img" aria-labelledby="grade-chart-title grade-chart-desc"' in html
    assert 'href="daratumumab-castor-pollux/en/handout.html"' in html and "<script" not in html


def test_a_rerun_redoes_only_what_changed(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(seeds, out, Settings(), formats=["html"], jobs=1)
    assert build(seeds, out, Settings(), formats=["html"], jobs=1).skipped == 3
    (seeds / "water.md").write_text(
        article("Drink Water", "https://www.cancer.gov/about-cancer/treatment/side-effects/water", "Drink 9 cups.")
    )
    again = build(seeds, out, Settings(), formats=["html"], jobs=1)
    assert (again.built, again.skipped) == (1, 2)
    assert "9 cups" in (out / "water" / "en" / "handout.html").read_text()
    # Settings that shape the handout (the formula of the grade) redo everything.
    assert build(seeds, out, Settings(formula="smog_index"), formats=["html"], jobs=1).built == 3
    assert build(seeds, out, Settings(formula="smog_index"), formats=["html"], jobs=1, force=True).built == 3
    # Templates too.
    mine = tmp_path / "tpl"
    mine.mkdir()
    (mine / "handout.css").write_text("/* ours */\n")
    assert build(seeds, out, Settings(formula="smog_index"), formats=["html"], jobs=1, templates=mine).built == 3


def test_outputs_of_removed_articles_are_removed(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(seeds, out, Settings(), formats=["html"], jobs=1)
    (seeds / "more" / "walk.md").unlink()
    summary = build(seeds, out, Settings(), formats=["html"], jobs=1)
    assert summary.removed == 1 and not (out / "walk").exists() and (out / "water" / "en" / "handout.html").exists()
    report = json.loads((out / "report.json").read_text())
    assert [a["slug"] for a in report["articles"]] == ["water", "daratumumab-castor-pollux"] or len(
        report["articles"]
    ) == 2


def test_outputs_no_longer_asked_for_are_removed(seeds: Path, tmp_path: Path) -> None:
    """A re-run with fewer languages or formats leaves no old file behind that the report no longer lists."""
    out = tmp_path / "out"
    build(seeds, out, Settings(), langs=["en", "es"], formats=["html", "md"], jobs=1)
    assert (out / "water" / "es" / "handout.md").is_file()
    build(seeds, out, Settings(), langs=["en"], formats=["html"], jobs=1)
    assert not (out / "water" / "es").exists() and not (out / "water" / "en" / "handout.md").exists()
    assert (out / "water" / "en" / "handout.html").is_file()
    made = {p.relative_to(out).as_posix() for p in out.rglob("handout.*")}
    listed = {o for a in json.loads((out / "report.json").read_text())["articles"] for o in a["outputs"]}
    assert made == listed


def test_an_old_output_another_article_now_owns_stays(tmp_path: Path) -> None:
    """Two articles swap addresses (so slugs): each one's old file is the other's new one, and stays."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    base = "https://www.cancer.gov/about-cancer/coping/"
    (seeds / "a.md").write_text(article("Rest", f"{base}foo", "Rest a lot."))
    (seeds / "b.md").write_text(article("Walk", f"{base}bar", "Walk a lot."))
    build(seeds, out, Settings(), langs=["en", "es"], formats=["html"], jobs=1)
    (seeds / "a.md").write_text(article("Rest", f"{base}bar", "Rest a lot."))
    (seeds / "b.md").write_text(article("Walk", f"{base}foo", "Walk a lot."))
    build(seeds, out, Settings(), langs=["en"], formats=["html"], jobs=1)
    assert "Walk a lot" in (out / "foo" / "en" / "handout.html").read_text()
    assert "Rest a lot" in (out / "bar" / "en" / "handout.html").read_text()
    assert not (out / "foo" / "es").exists() and not (out / "bar" / "es").exists()


def test_a_missing_output_is_rebuilt(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(seeds, out, Settings(), formats=["html"], jobs=1)
    (out / "water" / "en" / "handout.html").unlink()
    assert build(seeds, out, Settings(), formats=["html"], jobs=1).built == 1


def test_one_failing_article_never_stops_the_others(seeds: Path, tmp_path: Path) -> None:
    (seeds / "broken.md").write_bytes(b"\x00\x01\x02 binary")
    (seeds / "nobody.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(seeds), "-o", str(out), "--format", "html", "-j", "2"])
    assert result.exit_code == 1
    assert "broken.md" in result.output and "nobody.md" in result.output
    assert (out / "water" / "en" / "handout.html").is_file()
    report = json.loads((out / "report.json").read_text())
    failed = {a["key"]: a["error"] for a in report["articles"] if a["error"]}
    assert set(failed) == {"broken.md", "nobody.md"} and all(failed.values())
    assert report["summary"]["failed"] == 2


def test_usage_errors_exit_2(seeds: Path, tmp_path: Path) -> None:
    bad = CliRunner().invoke(cli, ["build", str(seeds), "-o", str(tmp_path / "o"), "--format", "docx"])
    missing = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert bad.exit_code == 2 and missing.exit_code == 2


def test_a_corrupt_manifest_means_a_full_rebuild_with_a_warning(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(seeds, out, Settings(), formats=["html"], jobs=1)
    (out / ".simplify" / "manifest.sqlite").write_bytes(b"not a database" * 100)
    summary = build(seeds, out, Settings(), formats=["html"], jobs=1)
    assert summary.built == 3 and any("rebuilding everything" in w for w in summary.warnings)


def test_two_builds_on_one_output_cannot_run_at_once(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with locked(out), pytest.raises(SimplifyError, match="another build"):
        build(seeds, out, Settings(), formats=["html"], jobs=1)
    result = CliRunner().invoke(cli, ["build", str(seeds), "-o", str(out), "--format", "html"])
    assert result.exit_code == 0  # the lock is free again


def test_local_pool_and_one_process_make_the_same_files(seeds: Path, tmp_path: Path) -> None:
    build(seeds, tmp_path / "one", Settings(), formats=["html"], jobs=1)
    build(seeds, tmp_path / "two", Settings(), formats=["html"], jobs=2)
    for path in (tmp_path / "one").rglob("handout.html"):
        assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()


def test_slugs_are_stable_safe_and_unique(tmp_path: Path) -> None:
    from simplify.batch import slugs_for

    folder = tmp_path / "s"
    folder.mkdir()
    for name, url in (("a.md", "https://x.gov/types/same"), ("b.md", "https://x.gov/other/same"), ("c.md", "")):
        (folder / name).write_text(
            article("T", url, "Text.") if url else "---\ntitle: ../../etc\nlanguage: en\n---\n\nx\n"
        )
    sources = {p.name: str(p) for p in folder.iterdir()}
    slugs = slugs_for(sorted(sources), sources)
    assert slugs["c.md"] == "c" and slugs["a.md"] != slugs["b.md"] and slugs["a.md"].startswith("same-")
    assert slugs == slugs_for(sorted(sources), sources)


def test_sigterm_mid_build_leaves_no_partial_file_and_the_next_run_resumes(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(40):
        (seeds / f"copy-{i:02d}.md").write_text(text.replace("daratumumab-castor-pollux", f"copy-{i:02d}"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "simplify", "build", str(seeds), "-o", str(out), "--format", "html,pdf", "-j", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _finished(out) < 3:
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0, err
    assert list(out.rglob("*.tmp")) == []
    for pdf in out.rglob("handout.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")  # whole files only
    done_before = _finished(out)
    again = build(seeds, out, Settings(), formats=["html", "pdf"], jobs=2)
    assert again.skipped >= done_before >= 3 and again.built + again.skipped == 40 and again.failed == 0


def _finished(out: Path) -> int:
    """Return how many articles the manifest in ``out`` holds (read while a build may be writing it)."""
    import sqlite3

    path = out / ".simplify" / "manifest.sqlite"
    if not path.exists():
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the build has not made its table yet
        return 0
    finally:
        db.close()


def test_dask_cluster_builds_the_same_and_reports_failures(seeds: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="needs Dask: pip install 'simplify[dask]'")
    (seeds / "broken.md").write_bytes(b"\x00 binary")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        summary = build(seeds, tmp_path / "dask", Settings(), formats=["html"], scheduler=cluster.scheduler_address)
    assert (summary.built, summary.failed) == (3, 1)
    build(seeds, tmp_path / "local", Settings(), formats=["html"], jobs=1)
    for path in (tmp_path / "local").rglob("handout.html"):
        assert path.read_bytes() == (tmp_path / "dask" / path.relative_to(tmp_path / "local")).read_bytes()


def test_an_unreachable_scheduler_is_one_line(seeds: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="needs Dask")
    result = CliRunner().invoke(
        cli, ["build", str(seeds), "-o", str(tmp_path / "o"), "--format", "html", "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.output


def test_the_warm_up_before_forking_loads_every_shared_table(tmp_path: Path) -> None:
    """What the workers share must be loaded before the fork; each would otherwise load its own copy."""
    from simplify.batch.work import Job, warm
    from simplify.readability.counts import _easy_words
    from simplify.readability.rare import common_words
    from simplify.text.syllables_cmu import cmu_syllables

    loaders = (cmu_syllables, _easy_words, common_words)
    for loader in loaders:
        loader.cache_clear()
    warm(Job(str(SEED), "seed.md", "seed", str(tmp_path), (None,), ("html",), "x", Settings()))
    assert [loader.cache_info().currsize >= 1 for loader in loaders] == [True] * len(loaders)


def test_large_freed_blocks_go_back_to_the_system_under_glibc() -> None:
    """The build fixes glibc's mmap threshold so that a long batch stays level; elsewhere it is a no-op.

    Run in a child, since the setting lasts for the rest of the process: after a 4 MiB block is freed,
    glibc alone would serve the next blocks under 4 MiB from its heap; with the threshold fixed, a 1 MiB
    block is a mapping of its own again, and freeing it unmaps it.
    """
    import platform

    code = (
        "import sys\n"
        "from simplify.runner import return_large_blocks\n"
        "def anon(): return sum(1 for line in open('/proc/self/maps') if len(line.split()) == 5)\n"
        "del_me = bytearray(4 << 20); del del_me\n"
        "was_set = return_large_blocks()\n"
        "before = anon(); block = bytearray(1 << 20); during = anon(); del block; after = anon()\n"
        "print(was_set, during - before, after - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    if platform.libc_ver()[0] != "glibc":
        assert out[0] == "False"
        return
    assert out == ["True", "1", "0"]
