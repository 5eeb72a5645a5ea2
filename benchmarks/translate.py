"""Benchmark translation engines on a model shaped like OPUS-MT en-es, and the translation memory.

The model (simplify.translate.toymodels.build_opus_shaped) has Helsinki-NLP/opus-mt-en-es's shape:
d_model 512, 6 encoder and 6 decoder layers, 8 heads, a 65,001-token vocabulary, random weights.
Both engines get the same token sequences (sentences of the seed article, tokenized once in the
parent) and generate exactly the same number of tokens greedily, so they do the same work; each runs
in its own process on the same two threads, importing only its own library, so peak memory is each
engine's own. CTranslate2 runs twice: as simplify's engine runs it on CPU, batches side by side on
one thread each (inter_threads), and one batch at a time split over both threads (intra_threads),
for comparison; transformers splits each batch over both threads. Then the seed article is
translated twice with CTranslate2 through simplify's pipeline, the second time from the translation
memory.

The bars: CTranslate2 int8 at least 3x the sentences per second of transformers; a re-run of an
unchanged article at least 100x faster than the first run.

Run: .venv/bin/python benchmarks/translate.py [--sentences 48] [--tokens 24]
Exit status: 0 when both bars are met, 1 when one is not.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / ".pytest_cache" / "simplify-models"
SEED = ROOT / "seeds" / "004_33357ef47611650a.txt"
SPEED_BAR = 3.0
MEMORY_BAR = 100.0
THREADS = 2


def sentences(limit: int) -> list[str]:
    """Return up to ``limit`` sentences of the seed's reading text."""
    from simplify import articles
    from simplify.text.sentences import split_sentences

    article = articles.load(str(SEED))
    out = [b.text[s:e] for b in article.content_blocks() for s, e in split_sentences(b.text, "en")]
    return (out * (limit // max(len(out), 1) + 1))[:limit]


def inputs(model: Path, count: int) -> dict[str, object]:
    """Return the token ids (for transformers) and pieces (for CTranslate2) of ``count`` seed sentences.

    Tokenizing is done here, in the parent, so that the CTranslate2 process never imports
    transformers (and torch with it): each child's peak memory is then its engine's own.
    """
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model))
    texts = sentences(count)
    # The toy tokenizer was trained on a dozen sentences, so it spells most words letter by letter;
    # OPUS-MT's own takes about 1.3 pieces a word. Cut each input to that length, the same for both.
    ids = [tokenizer.encode(t)[: round(1.3 * len(t.split()))] + [tokenizer.eos_token_id] for t in texts]
    pieces = [tokenizer.convert_ids_to_tokens(row) for row in ids]
    return {"ids": ids, "pieces": pieces, "pad": tokenizer.pad_token_id}


def run_engine(engine: str, model: Path, given: dict[str, Any], tokens: int) -> dict[str, float]:
    """Translate the given sentences generating exactly ``tokens`` tokens each; return timing and peak memory."""
    ids: list[list[int]] = given["ids"]
    count = len(ids)
    if engine == "transformers":
        import torch
        from transformers import AutoModelForSeq2SeqLM

        torch.set_num_threads(THREADS)
        hf = AutoModelForSeq2SeqLM.from_pretrained(str(model)).eval()
        batches = []
        for i in range(0, count, 16):
            rows = ids[i : i + 16]
            width = max(map(len, rows))
            padded = torch.tensor([row + [given["pad"]] * (width - len(row)) for row in rows])
            mask = torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in rows])
            batches.append((padded, mask))
        start = time.perf_counter()
        with torch.inference_mode():
            for input_ids, attention_mask in batches:
                hf.generate(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    num_beams=1,
                    do_sample=False,
                    min_new_tokens=tokens,
                    max_new_tokens=tokens,
                )
        seconds = time.perf_counter() - start
    else:
        import ctranslate2

        # "ctranslate2": as simplify's engine runs it, batches side by side on one core each;
        # "ctranslate2-split": one batch at a time, split over the cores.
        side_by_side = engine == "ctranslate2"
        translator = ctranslate2.Translator(
            str(model),
            device="cpu",
            compute_type="int8",
            inter_threads=THREADS if side_by_side else 1,
            intra_threads=1 if side_by_side else THREADS,
        )
        start = time.perf_counter()
        translator.translate_batch(
            given["pieces"], max_batch_size=16, beam_size=1, min_decoding_length=tokens, max_decoding_length=tokens
        )
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "per_second": count / seconds, "peak_mb": peak_memory_mb()}


def peak_memory_mb() -> float:
    """Return this process's own peak resident memory in MB.

    Not getrusage's ru_maxrss: Linux carries it across exec, so a child started by a parent that
    had just built the model would report the parent's peak. VmHWM belongs to this process's memory
    map, which exec makes new.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_rerun(model: Path) -> tuple[float, float, int]:
    """Translate the seed twice with CTranslate2 through the pipeline; return both times and the sentence count."""
    from simplify import articles
    from simplify.translate import translate
    from simplify.translate.engines import CTranslate2Engine
    from simplify.translate.memory import Memory

    article = articles.load(str(SEED))
    engine = CTranslate2Engine(str(model), beams=1, max_new_tokens=48)
    engine.load()
    with tempfile.TemporaryDirectory() as folder:
        memory = Memory(Path(folder) / "memory.sqlite")
        start = time.perf_counter()
        first = translate(article, "es", engine, memory=memory)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        translate(article, "es", engine, memory=memory)
        warm = time.perf_counter() - start
    return cold, warm, first.report.sentences


def main() -> int:
    """Build (or reuse) the models, time both engines in their own processes, then the memory re-run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=48)
    parser.add_argument("--tokens", type=int, default=24, help="tokens generated per sentence, by both engines")
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # a child process: run one engine, print JSON
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--inputs", help=argparse.SUPPRESS)  # the tokens, as JSON, for a child
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.engine:
        given = json.loads(Path(args.inputs).read_text(encoding="utf-8"))
        print(json.dumps(run_engine(args.engine, Path(args.model), given, args.tokens)))
        return 0
    from simplify.translate.toymodels import cached_model

    start = time.perf_counter()
    hf_model = cached_model("opus", MODELS)
    ct2_model = cached_model("opus-ct2", MODELS, quantization="int8")
    built = time.perf_counter() - start
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        tokens_file = Path(folder) / "inputs.json"
        tokens_file.write_text(json.dumps(inputs(hf_model, args.sentences)), encoding="utf-8")
        for engine, model in (("transformers", hf_model), ("ctranslate2", ct2_model), ("ctranslate2-split", ct2_model)):
            child = [sys.executable, __file__, "--engine", engine, "--model", str(model), "--inputs", str(tokens_file)]
            child += ["--tokens", str(args.tokens)]
            out = subprocess.run(child, capture_output=True, text=True, check=True)
            results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
    hf, ct2, split = results["transformers"], results["ctranslate2"], results["ctranslate2-split"]
    ratio = ct2["per_second"] / hf["per_second"]
    cold, warm, count = memory_rerun(ct2_model)
    print(f"OPUS-MT-shaped model (d_model 512, 6+6 layers, vocab 65001), ready in {built:.1f} s")
    print(
        f"{args.sentences} sentences of the seed (about 1.3 tokens a word in), {args.tokens} tokens generated each "
        f"(greedy), {THREADS} threads, each engine in its own process"
    )
    print(f"  transformers (float32): {hf['per_second']:6.1f} sentences/s  peak memory {hf['peak_mb']:.0f} MB")
    print(
        f"  ctranslate2 (int8):     {ct2['per_second']:6.1f} sentences/s  peak memory {ct2['peak_mb']:.0f} MB"
        f"  ({THREADS} batches side by side, 1 thread each: simplify's engine)"
    )
    print(
        f"  ctranslate2 (int8):     {split['per_second']:6.1f} sentences/s  peak memory {split['peak_mb']:.0f} MB"
        f"  (1 batch at a time on {THREADS} threads)"
    )
    one_at_a_time = split["per_second"] / hf["per_second"]
    print(f"  ctranslate2 / transformers: {ratio:.1f}x ({one_at_a_time:.1f}x one batch at a time)")
    print(
        f"seed article ({count} sentences) with ctranslate2: first run {cold:.2f} s, re-run {warm * 1000:.1f} ms "
        f"(translation memory): {cold / warm:.0f}x"
    )
    ok = ratio >= SPEED_BAR and cold / warm >= MEMORY_BAR
    if not ok:
        print(f"bar missed: ctranslate2 >= {SPEED_BAR:g}x transformers, re-run >= {MEMORY_BAR:g}x faster")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
