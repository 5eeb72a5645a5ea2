"""score and check run with no network and import nothing heavy (no NLTK, no later extras)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEED

# A sitecustomize that makes any network use fail loudly in the child interpreter, before simplify loads.
NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket.connect = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""

PROBE = """
import json, sys
from simplify.cli import main
sys.argv = ["simplify", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"modules": sorted(m for m in sys.modules if "." not in m), "code": code}), file=sys.stderr)
"""

HEAVY = {"nltk", "textstat", "torch", "transformers", "ctranslate2", "weasyprint", "jinja2", "requests", "httpx"}


def run(tmp_path: Path, *args: str) -> tuple[int, set[str], str]:
    (tmp_path / "sitecustomize.py").write_text(NO_NETWORK)
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "SIMPLIFY_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"]), proc.stdout


def test_score_and_check_need_no_network_even_with_a_cold_cache(tmp_path: Path) -> None:
    code, modules, out = run(tmp_path, "score", "--format", "json", str(SEED))
    assert code == 0
    assert json.loads(out)["documents"][0]["counts"]["sentences"] in (33, 34, 35)
    assert not modules & HEAVY, modules & HEAVY
    code, modules, _ = run(tmp_path, "check", "--exit-zero", str(SEED))
    assert code == 0
    assert not modules & HEAVY, modules & HEAVY


def test_importing_simplify_loads_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(NO_NETWORK)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, simplify; print(sorted(m for m in sys.modules if m.startswith('simplify')))",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path)},
        check=True,
        cwd=ROOT,
    ).stdout
    assert out.strip() == "['simplify']"
