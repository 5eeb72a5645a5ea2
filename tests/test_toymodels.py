"""The self-made translation models: tiny Marian and NLLB models, their CTranslate2 conversions, and the cache."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch", reason="toy translation models need torch (pip install torch)")
pytest.importorskip("transformers", reason="toy translation models need transformers")
pytest.importorskip("sentencepiece", reason="toy translation models need sentencepiece")
pytest.importorskip("ctranslate2", reason="toy translation models need ctranslate2")

from simplify.translate import toymodels  # noqa: E402
from simplify.translate.toymodels import PAIRS, PLACEHOLDERS  # noqa: E402

# MarianTokenizer suggests sacremoses (Moses punctuation normalization); the toy models do not need it.
pytestmark = pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses:UserWarning")

SOURCES = [source for source, _ in PAIRS]
TARGETS = [target for _, target in PAIRS]
#: Inputs the models never saw: their outputs are garbage, but must still be repeatable.
UNSEEN = ["Drink water.", "Call your nurse every day.", "Take ⟦0⟧ pills or visit ⟦1⟧ ⟦2⟧."]

BUILD_SECONDS: dict[str, float] = {}


def timed(name: str, build: Callable[[], Path]) -> Path:
    """Run a build, remembering how long it took (reported, never asserted)."""
    start = time.perf_counter()
    folder = build()
    BUILD_SECONDS[name] = time.perf_counter() - start
    return folder


@pytest.fixture(scope="session")
def toy_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every model built in this session."""
    return tmp_path_factory.mktemp("toymodels")


@pytest.fixture(scope="session")
def marian(toy_root: Path) -> Path:
    """The trained toy Marian model (build_marian checks it learned every pair, or raises)."""
    return timed("marian", lambda: toymodels.build_marian(toy_root / "marian"))


@pytest.fixture(scope="session")
def marian_again(toy_root: Path) -> Path:
    """A second, independent build with the same arguments and seed."""
    return timed("marian (again)", lambda: toymodels.build_marian(toy_root / "marian-again"))


@pytest.fixture(scope="session")
def nllb(toy_root: Path) -> Path:
    """The NLLB-style model with random weights."""
    return timed("nllb", lambda: toymodels.build_nllb(toy_root / "nllb"))


@pytest.fixture(scope="session")
def nllb_trained(toy_root: Path) -> Path:
    """The NLLB-style model trained eng_Latn -> spa_Latn on the pairs."""
    return timed("nllb (trained)", lambda: toymodels.build_nllb(toy_root / "nllb-trained", train=True))


@pytest.fixture(scope="session")
def marian_ct2(marian: Path, toy_root: Path) -> dict[str, Path]:
    """The trained Marian model converted to CTranslate2, int8 and float32."""
    converted: dict[str, Path] = {}
    for quantization in ("int8", "float32"):
        start = time.perf_counter()
        out = toy_root / f"marian-ct2-{quantization}"
        converted[quantization] = toymodels.convert_ctranslate2(marian, out, quantization=quantization)
        BUILD_SECONDS[f"ct2 {quantization}"] = time.perf_counter() - start
    return converted


def load(folder: Path) -> tuple[Any, Any]:
    """Load tokenizer and model from a folder, offline."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
    return tokenizer, model


def test_pairs_are_ours_and_use_placeholders() -> None:
    """About a dozen short pairs, some with protected spans that the Spanish side keeps."""
    assert 10 <= len(PAIRS) <= 16
    with_placeholders = [(en, es) for en, es in PAIRS if "⟦" in en]
    assert len(with_placeholders) >= 3
    for en, es in with_placeholders:
        assert sorted(p for p in PLACEHOLDERS if p in en) == sorted(p for p in PLACEHOLDERS if p in es)


def test_tokenizer_training_is_deterministic_and_keeps_placeholders_whole(tmp_path: Path) -> None:
    """Two trainings give the same model file; every placeholder is a single piece."""
    import sentencepiece as spm

    texts = [text for pair in PAIRS for text in pair]
    first = toymodels.train_tokenizer(texts, tmp_path / "a" / "spm", 300)
    second = toymodels.train_tokenizer(texts, tmp_path / "b" / "spm", 300)
    assert first.name == "spm.model"
    processor, again = (spm.SentencePieceProcessor(model_file=str(path)) for path in (first, second))
    pieces = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    assert pieces == [(again.id_to_piece(i), again.get_score(i)) for i in range(again.get_piece_size())]
    for placeholder in PLACEHOLDERS:
        assert placeholder in processor.encode(f"Call {placeholder} today.", out_type=str)
        assert processor.piece_to_id(placeholder) != processor.unk_id()


def test_marian_folder_has_the_hugging_face_files(marian: Path) -> None:
    """The files MarianTokenizer and MarianMTModel need, with OPUS-MT's vocabulary layout."""
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "config.json"):
        assert (marian / name).is_file(), name
    assert list(marian.glob("*.safetensors"))
    tokenizer, model = load(marian)
    assert type(tokenizer).__name__ == "MarianTokenizer"
    assert type(model).__name__ == "MarianMTModel"
    vocab = json.loads((marian / "vocab.json").read_text(encoding="utf-8"))
    assert vocab["</s>"] == 0
    assert vocab["<pad>"] == len(vocab) - 1 == model.config.pad_token_id == model.config.decoder_start_token_id
    for placeholder in PLACEHOLDERS:
        assert tokenizer.convert_ids_to_tokens(tokenizer(f"Call {placeholder}.")["input_ids"]).count(placeholder) == 1


def test_marian_translates_every_training_pair_exactly(marian: Path) -> None:
    """Greedy generation reproduces each Spanish target, and does so again on a second run."""
    first = toymodels.hf_translate(marian, SOURCES)
    assert first == TARGETS
    assert toymodels.hf_translate(marian, SOURCES) == first


def test_marian_is_repeatable_across_builds(marian: Path, marian_again: Path) -> None:
    """Same seed, same arguments: same weights, same output, even on inputs it never saw."""
    weights = [(folder / "model.safetensors").read_bytes() for folder in (marian, marian_again)]
    assert weights[0] == weights[1]
    assert toymodels.hf_translate(marian_again, SOURCES) == TARGETS
    assert toymodels.hf_translate(marian_again, UNSEEN) == toymodels.hf_translate(marian, UNSEEN)


def test_the_seed_matters(toy_root: Path, nllb: Path) -> None:
    """Another seed gives other weights (checked on the cheap random NLLB model; the tokenizer stays the same)."""
    other = toymodels.build_nllb(toy_root / "nllb-seed1", seed=1)
    assert (other / "tokenizer.json").read_bytes() == (nllb / "tokenizer.json").read_bytes()
    assert (other / "model.safetensors").read_bytes() != (nllb / "model.safetensors").read_bytes()
    same = toymodels.build_nllb(toy_root / "nllb-seed0", seed=0)
    assert (same / "model.safetensors").read_bytes() == (nllb / "model.safetensors").read_bytes()


def test_marian_build_raises_when_training_is_too_short(tmp_path: Path) -> None:
    """Too few steps to memorize: the build says so instead of returning a model that does not translate."""
    with pytest.raises(RuntimeError, match="did not learn"):
        toymodels.build_marian(tmp_path / "short", pairs=PAIRS[:2], steps=1)


def test_nllb_loads_and_generates_deterministically_with_the_forced_language(nllb: Path) -> None:
    """NllbTokenizer + M2M100: src_lang prefix, forced spa_Latn first token, the same garbage every time."""
    import torch

    tokenizer, model = load(nllb)
    assert type(tokenizer).__name__ == "NllbTokenizer"
    assert type(model).__name__ == "M2M100ForConditionalGeneration"
    for code in toymodels.NLLB_LANGUAGES:
        assert tokenizer.convert_tokens_to_ids(code) != tokenizer.unk_token_id, code
        assert code in tokenizer.all_special_tokens
    tokenizer.src_lang = "eng_Latn"
    encoded = tokenizer("Call ⟦0⟧ or visit ⟦1⟧.", return_tensors="pt")
    pieces = tokenizer.convert_ids_to_tokens(encoded["input_ids"][0])
    assert pieces[0] == "eng_Latn"
    assert pieces[-1] == "</s>"
    assert "⟦0⟧" in pieces
    assert "⟦1⟧" in pieces
    spa = tokenizer.convert_tokens_to_ids("spa_Latn")
    runs = []
    for _ in range(2):
        with torch.no_grad():
            output = model.generate(**encoded, forced_bos_token_id=spa, num_beams=1, do_sample=False, max_new_tokens=12)
        runs.append(output[0].tolist())
    assert runs[0] == runs[1]
    assert runs[0][:2] == [model.config.decoder_start_token_id, spa]
    reloaded = toymodels.hf_translate(nllb, ["Call ⟦0⟧ or visit ⟦1⟧."], src_lang="eng_Latn", tgt_lang="spa_Latn")
    assert reloaded == toymodels.hf_translate(
        nllb, ["Call ⟦0⟧ or visit ⟦1⟧."], src_lang="eng_Latn", tgt_lang="spa_Latn"
    )


def test_nllb_tokenizer_round_trips_placeholders(nllb: Path) -> None:
    """Decoding the encoded training text gives it back, spacing around placeholders included."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(nllb), local_files_only=True)
    tokenizer.src_lang = "eng_Latn"
    for text in [*SOURCES, *TARGETS]:
        assert tokenizer.decode(tokenizer(text)["input_ids"], skip_special_tokens=True) == text


def test_trained_nllb_translates_every_pair_in_both_engines(nllb_trained: Path, toy_root: Path) -> None:
    """train=True works for NLLB too; CTranslate2 with target_prefix spa_Latn agrees with transformers."""
    assert toymodels.hf_translate(nllb_trained, SOURCES, src_lang="eng_Latn", tgt_lang="spa_Latn") == TARGETS
    ct2 = toymodels.convert_ctranslate2(nllb_trained, toy_root / "nllb-trained-ct2", quantization="float32")
    assert toymodels.ct2_translate(ct2, SOURCES, target_prefix=["spa_Latn"]) == TARGETS


@pytest.mark.parametrize("quantization", ["int8", "float32"])
def test_ctranslate2_matches_transformers_on_the_trained_marian(
    marian: Path, marian_ct2: dict[str, Path], quantization: str
) -> None:
    """Greedy CTranslate2 output equals the transformers output (the targets) on every training pair.

    Computed in float32, so that the int8 case checks the conversion's weights on every CPU (int8 arithmetic
    is the next test's).
    """
    folder = marian_ct2[quantization]
    assert (folder / "model.bin").is_file()
    ct2 = toymodels.ct2_translate(folder, SOURCES, compute_type="float32")
    assert ct2 == toymodels.hf_translate(marian, SOURCES) == TARGETS


def _cpu_has_vnni() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8").split()
    except OSError:
        return False
    return "avx512_vnni" in flags or "avx_vnni" in flags


@pytest.mark.skipif(
    not _cpu_has_vnni(),
    reason="int8 arithmetic without VNNI adds u8*s8 products in pairs that saturate at 16 bits; the toy model is "
    "too small to survive it (on this CPU only float32 arithmetic is exact: the test above)",
)
def test_ctranslate2_int8_arithmetic_matches_where_the_cpu_has_vnni(marian_ct2: dict[str, Path]) -> None:
    """With VNNI (no 16-bit saturation), int8 arithmetic still gives every target exactly."""
    assert toymodels.ct2_translate(marian_ct2["int8"], SOURCES, compute_type="int8") == TARGETS


def test_ctranslate2_folder_is_self_contained(marian_ct2: dict[str, Path], marian: Path) -> None:
    """The tokenizer loads from the CTranslate2 folder alone and tokenizes as the original."""
    from transformers import AutoTokenizer

    for folder in marian_ct2.values():
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        original = AutoTokenizer.from_pretrained(str(marian), local_files_only=True)
        assert tokenizer(SOURCES)["input_ids"] == original(SOURCES)["input_ids"]


def test_opus_shaped_model_has_opus_mt_en_es_shape(tmp_path: Path) -> None:
    """Random weights in OPUS-MT en-es's shape; converts to CTranslate2 int8 and runs."""
    folder = timed("opus-shaped", lambda: toymodels.build_opus_shaped(tmp_path / "opus"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    expected = {
        "model_type": "marian",
        "d_model": 512,
        "encoder_layers": 6,
        "decoder_layers": 6,
        "encoder_attention_heads": 8,
        "decoder_attention_heads": 8,
        "encoder_ffn_dim": 2048,
        "decoder_ffn_dim": 2048,
        "vocab_size": 65001,
        "max_position_embeddings": 512,
        "activation_function": "swish",
        "static_position_embeddings": True,
        "scale_embedding": True,
        "pad_token_id": 65000,
        "decoder_start_token_id": 65000,
        "eos_token_id": 0,
    }
    assert {key: config.get(key) for key in expected} == expected
    assert len(json.loads((folder / "vocab.json").read_text(encoding="utf-8"))) == 65001
    ct2 = timed("opus-shaped ct2 int8", lambda: toymodels.convert_ctranslate2(folder, tmp_path / "opus-ct2"))
    import ctranslate2

    translator = ctranslate2.Translator(str(ct2), device="cpu", intra_threads=1)
    result = translator.translate_batch([["▁Drink", "</s>"]], beam_size=1, max_decoding_length=4)
    assert len(result[0].hypotheses[0]) <= 4
    for built in (folder, ct2):  # ~400 MB: do not keep it among pytest's retained temporary folders
        shutil.rmtree(built)


def test_cached_model_builds_once_and_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same kind and arguments: one build, same folder; other arguments: another folder; no temporary leftovers."""
    calls: list[dict[str, Any]] = []

    def fake_build(folder: Path, **kw: Any) -> Path:
        calls.append(kw)
        (folder / "config.json").write_text(json.dumps(kw), encoding="utf-8")
        return folder

    monkeypatch.setitem(toymodels._BUILDERS, "marian", fake_build)
    first = toymodels.cached_model("marian", tmp_path, seed=0, steps=10)
    again = toymodels.cached_model("marian", tmp_path, steps=10, seed=0)
    other = toymodels.cached_model("marian", tmp_path, seed=1, steps=10)
    assert first == again != other
    assert first.name.startswith("marian-")
    assert calls == [{"seed": 0, "steps": 10}, {"seed": 1, "steps": 10}]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([first.name, other.name])
    with pytest.raises(ValueError, match="unknown toy model kind"):
        toymodels.cached_model("gpt", tmp_path)


def test_cached_model_leaves_nothing_behind_when_a_build_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing build leaves neither a final folder nor a temporary one."""

    def failing_build(folder: Path, **kw: Any) -> Path:
        (folder / "half-written").write_text("x", encoding="utf-8")
        raise RuntimeError("boom")

    monkeypatch.setitem(toymodels._BUILDERS, "nllb", failing_build)
    with pytest.raises(RuntimeError, match="boom"):
        toymodels.cached_model("nllb", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_cached_ctranslate2_model_reuses_the_cached_transformers_model(tmp_path: Path) -> None:
    """'nllb-ct2' converts the cached 'nllb' model; a second call is a cache hit."""
    start = time.perf_counter()
    ct2 = toymodels.cached_model("nllb-ct2", tmp_path, quantization="float32")
    BUILD_SECONDS["cached nllb + ct2 (cold)"] = time.perf_counter() - start
    start = time.perf_counter()
    assert toymodels.cached_model("nllb-ct2", tmp_path, quantization="float32") == ct2
    BUILD_SECONDS["cached nllb + ct2 (warm)"] = time.perf_counter() - start
    assert (ct2 / "model.bin").is_file()
    assert (tmp_path / toymodels.cache_key("nllb")).is_dir()
    hf = toymodels.hf_translate(
        tmp_path / toymodels.cache_key("nllb"), UNSEEN, src_lang="eng_Latn", tgt_lang="spa_Latn"
    )
    assert toymodels.ct2_translate(ct2, UNSEEN, target_prefix=["spa_Latn"]) == hf


def test_build_times_are_reported(
    marian: Path, marian_again: Path, nllb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Print how long each build took (for the record; times are never asserted)."""
    assert BUILD_SECONDS
    with capsys.disabled():
        print("\ntoy model build times: " + ", ".join(f"{k} {v:.1f}s" for k, v in sorted(BUILD_SECONDS.items())))
