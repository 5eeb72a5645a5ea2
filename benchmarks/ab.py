"""Run a benchmark on two revisions in turns, so that a shared machine's noise falls on both alike.

    .venv/bin/python benchmarks/ab.py OLD [NEW] [--turns 3] [--metric REGEX]... -- benchmarks/handout.py [ARGS]

OLD and NEW are git revisions (NEW defaults to HEAD); each is checked out into a temporary worktree
beside a link to ../shared, so the benchmark finds its data as it does here, and runs with that
tree's code first on the path (also in the processes it starts). The turns alternate the order
(old then new, new then old) and each run's output is printed. Each ``--metric`` is a regex with one
group, a number: its value in every run, the median of each side and the ratio new/old are printed
at the end. Nothing of this repository changes; the worktrees are removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    """Check out both revisions, run the benchmark on each in turns, and print the medians."""
    argv = sys.argv[1:]
    command = argv[argv.index("--") + 1 :] if "--" in argv else []
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the revision to compare against")
    parser.add_argument("new", nargs="?", default="HEAD", help="the revision measured (default: HEAD)")
    parser.add_argument("--turns", type=int, default=3, help="runs of each revision")
    parser.add_argument("--metric", action="append", default=[], help="regex with one number group to compare")
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    if not command:
        parser.error("give the benchmark to run after --")
    metrics = [re.compile(m) for m in args.metric]
    for m in metrics:
        if m.groups != 1:
            parser.error(f"--metric {m.pattern!r} must have exactly one group")
    values: dict[str, list[list[float]]] = {"old": [[] for _ in metrics], "new": [[] for _ in metrics]}
    with tempfile.TemporaryDirectory(prefix="simplify-ab-") as tmp:
        base = Path(tmp)
        if SHARED.is_dir():
            (base / "shared").symlink_to(SHARED)
        trees = {}
        for side, rev in (("old", args.old), ("new", args.new)):
            trees[side] = base / side
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(trees[side]), rev], check=True
            )
        try:
            for turn in range(args.turns):
                for side in ("old", "new") if turn % 2 == 0 else ("new", "old"):
                    tree = trees[side]
                    env = {**os.environ, "PYTHONPATH": str(tree)}
                    print(f"--- turn {turn + 1}, {side} ({getattr(args, side)})", flush=True)
                    run = subprocess.run(
                        [sys.executable, *command], cwd=tree, env=env, capture_output=True, text=True, check=False
                    )
                    output = run.stdout + run.stderr
                    print(output.rstrip(), flush=True)
                    for k, m in enumerate(metrics):
                        found = m.search(output)
                        if found:
                            values[side][k].append(float(found.group(1)))
        finally:
            for tree in trees.values():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
            shutil.rmtree(base, ignore_errors=True)
    for k, m in enumerate(metrics):
        old, new = values["old"][k], values["new"][k]
        if not old or not new:
            print(f"{m.pattern}: not found in every run (old {old}, new {new})")
            continue
        a, b = statistics.median(old), statistics.median(new)
        ratio = f"new/old x{b / a:.2f}" if a else "old is 0"
        print(f"{m.pattern}: old {old} median {a:g}; new {new} median {b:g}; {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
