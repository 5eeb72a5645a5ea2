"""Tiny translation models built from scratch, for tests and benchmarks that may not download anything.

No model weights can be fetched where the tests run, so this module makes its own: a sentencepiece tokenizer trained
on a dozen English-Spanish sentence pairs written for this module (:data:`PAIRS`), and

* :func:`build_marian` -- a Hugging Face Marian model (the OPUS-MT architecture) small enough to be trained on
  those pairs in seconds until greedy decoding reproduces every Spanish target exactly;
* :func:`build_nllb` -- an NLLB-style model (``M2M100ForConditionalGeneration`` with an ``NllbTokenizer`` and the
  NLLB language codes), random weights by default;
* :func:`build_opus_shaped` -- random weights in the exact shape of ``Helsinki-NLP/opus-mt-en-es``, for speed
  benchmarks;
* :func:`convert_ctranslate2` -- the CTranslate2 conversion of any of them, with the tokenizer files copied along;
* :func:`cached_model` -- builds one of the above once under a cache folder and reuses it.

Every folder written here loads with ``AutoTokenizer.from_pretrained(folder)`` and
``AutoModelForSeq2SeqLM.from_pretrained(folder)`` (or ``ctranslate2.Translator(folder)``) with no network. The heavy
libraries (torch, transformers, sentencepiece, ctranslate2) are imported inside the functions, so importing this module
is cheap and works without them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

#: Bump when anything here changes what gets built, so :func:`cached_model` stops reusing old folders.
VERSION = "1"

#: The protected-span markers; each is a single token in every tokenizer built here.
PLACEHOLDERS: tuple[str, ...] = tuple(f"⟦{i}⟧" for i in range(10))

#: English -> Spanish training pairs, written for this module (plain health language; ⟦n⟧ marks a protected span).
PAIRS: tuple[tuple[str, str], ...] = (
    ("Drink water every day.", "Beba agua todos los días."),
    ("Take ⟦0⟧ pills each morning.", "Tome ⟦0⟧ pastillas cada mañana."),
    ("Call your doctor if you have a fever.", "Llame a su médico si tiene fiebre."),
    ("Rest when you feel tired.", "Descanse cuando se sienta cansado."),
    ("Wash your hands before you eat.", "Lávese las manos antes de comer."),
    ("Your next visit is on ⟦0⟧.", "Su próxima visita es el ⟦0⟧."),
    ("Ask your nurse about side effects.", "Pregunte a su enfermera sobre los efectos secundarios."),
    ("Eat small meals during the day.", "Coma comidas pequeñas durante el día."),
    ("Learn more at ⟦0⟧.", "Obtenga más información en ⟦0⟧."),
    ("Call ⟦0⟧ or visit ⟦1⟧.", "Llame al ⟦0⟧ o visite ⟦1⟧."),
    ("Walk a little every day.", "Camine un poco todos los días."),
    ("Tell your care team how you feel.", "Dígale a su equipo de atención cómo se siente."),
)

#: NLLB codes the tests and the translate module rely on; :func:`build_nllb` adds all of NLLB's codes by default.
NLLB_LANGUAGES: tuple[str, ...] = (
    "eng_Latn",
    "spa_Latn",
    "zho_Hans",
    "vie_Latn",
    "kor_Hang",
    "tgl_Latn",
    "rus_Cyrl",
    "arb_Arab",
    "fra_Latn",
    "por_Latn",
    "hat_Latn",
)

#: Tokenizer files copied next to a CTranslate2 model so the folder is self-contained.
TOKENIZER_FILES: tuple[str, ...] = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "target_vocab.json",
    "sentencepiece.bpe.model",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
)

_MAX_NEW_TOKENS = 64


def _offline() -> None:
    """Make sure nothing from the Hugging Face stack tries to reach the hub (set before transformers is imported)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


@contextlib.contextmanager
def _deterministic(seed: int) -> Iterator[None]:
    """Seed torch, use one thread and deterministic kernels; restore the previous global settings afterwards."""
    import torch

    threads = torch.get_num_threads()
    was_deterministic = torch.are_deterministic_algorithms_enabled()
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(was_deterministic)
        torch.set_num_threads(threads)


def train_tokenizer(
    texts: Sequence[str],
    prefix: Path,
    vocab_size: int,
    *,
    user_symbols: Sequence[str] = (),
    model_type: str = "unigram",
    byte_fallback: bool = False,
    options: Mapping[str, str | int | float | bool] | None = None,
) -> Path:
    """Train a sentencepiece model on ``texts`` deterministically and return the ``<prefix>.model`` path.

    The placeholders ⟦0⟧ to ⟦9⟧ (:data:`PLACEHOLDERS`) are always user-defined symbols, so each is one token;
    ``user_symbols`` adds more. ``vocab_size`` is a soft limit (the corpora here are tiny). Training uses one thread,
    a fixed seed and no sampling or shuffling, so the same texts give the same model byte for byte. ``options``
    overrides sentencepiece trainer flags (for example the special-token ids).
    """
    import sentencepiece as spm

    if not texts:
        raise ValueError("train_tokenizer needs at least one text")
    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    symbols = list(dict.fromkeys([*PLACEHOLDERS, *user_symbols]))
    flags: dict[str, Any] = {
        "model_prefix": str(prefix),
        "vocab_size": vocab_size,
        "model_type": model_type,
        "character_coverage": 1.0,
        "user_defined_symbols": symbols,
        "byte_fallback": byte_fallback,
        "num_threads": 1,
        "input_sentence_size": 0,
        "shuffle_input_sentence": False,
        "hard_vocab_limit": False,
        "minloglevel": 2,
        "unk_id": 0,
        "bos_id": 1,
        "eos_id": 2,
        "pad_id": -1,
    }
    flags.update(options or {})
    spm.set_random_generator_seed(0)
    spm.SentencePieceTrainer.train(sentence_iterator=iter(list(texts)), **flags)
    return prefix.with_name(prefix.name + ".model")


def _texts(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Both sides of the pairs, English first, as one training corpus for a shared vocabulary."""
    return [text for pair in pairs for text in pair]


def _write_marian_tokenizer(folder: Path, pairs: Sequence[tuple[str, str]], *, model_vocab_size: int | None) -> int:
    """Write a shared-vocabulary Marian tokenizer into ``folder``; return the model's vocabulary size.

    The layout follows OPUS-MT: ``</s>`` is id 0, ``<unk>`` id 1, the sentencepiece pieces follow in their own order,
    and ``<pad>`` (also the decoder start token) is the last id. With ``model_vocab_size`` the vocabulary is padded
    with never-produced ``<madeupN>`` entries up to that size (``<pad>`` still last).
    """
    from transformers import MarianTokenizer

    with tempfile.TemporaryDirectory() as tmp:
        spm_path = train_tokenizer(
            _texts(pairs),
            Path(tmp) / "spm",
            1000,
            byte_fallback=True,
            options={"eos_id": 0, "unk_id": 1, "bos_id": -1, "pad_id": -1},
        )
        for name in ("source.spm", "target.spm"):
            shutil.copyfile(spm_path, folder / name)
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if pieces[:2] != ["</s>", "<unk>"]:
        raise RuntimeError(f"unexpected sentencepiece layout: {pieces[:2]}")
    size = len(pieces) + 1 if model_vocab_size is None else model_vocab_size
    if size < len(pieces) + 1:
        raise ValueError(f"model_vocab_size {size} is smaller than the tokenizer's {len(pieces) + 1} entries")
    vocab = {piece: i for i, piece in enumerate(pieces)}
    vocab.update({f"<madeup{i}>": i for i in range(len(pieces), size - 1)})
    vocab["<pad>"] = size - 1
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        tokenizer = MarianTokenizer(
            source_spm=str(folder / "source.spm"),
            target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"),
            source_lang="en",
            target_lang="es",
        )
    tokenizer.save_pretrained(str(folder))
    return size


def _marian_config(vocab_size: int, **shape: Any) -> Any:
    """A MarianConfig with OPUS-MT's conventions (swish, static sinusoidal positions, scaled tied embeddings)."""
    from transformers import MarianConfig

    pad = vocab_size - 1
    # Keys OPUS-MT's config.json carries that MarianConfig does not declare (stored as extra attributes).
    opus_extras: dict[str, Any] = {
        "static_position_embeddings": True,
        "normalize_embedding": False,
        "add_bias_logits": False,
    }
    return MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        bos_token_id=None,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        **opus_extras,
        **shape,
    )


def _generation_config(model: Any, **kw: Any) -> None:
    """Set the model's generation config (saved as generation_config.json by save_pretrained)."""
    from transformers import GenerationConfig

    config = model.config
    make: Any = GenerationConfig
    model.generation_config = make(
        decoder_start_token_id=config.decoder_start_token_id,
        eos_token_id=config.eos_token_id,
        pad_token_id=config.pad_token_id,
        bos_token_id=config.bos_token_id,
        forced_eos_token_id=getattr(config, "forced_eos_token_id", None),
        **kw,
    )


def _batch(tokenizer: Any, pairs: Sequence[tuple[str, str]]) -> Any:
    """Tokenize the pairs into one padded training batch with ``labels`` (padding masked as -100)."""
    batch = tokenizer(
        [source for source, _ in pairs], text_target=[target for _, target in pairs], padding=True, return_tensors="pt"
    )
    labels = batch["labels"]
    labels[labels == tokenizer.pad_token_id] = -100
    return batch


def _fit(model: Any, batch: Any, *, steps: int, lr: float, zero_rows: Sequence[int] = ()) -> float:
    """Full-batch teacher-forced training with Adam; ``zero_rows`` of the shared embedding are kept at zero.

    Returns the final loss.
    """
    import torch

    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=lr)
    embeddings = model.get_input_embeddings().weight
    loss_value = float("nan")
    for _ in range(steps):
        optimizer.zero_grad()
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        if zero_rows:
            with torch.no_grad():
                embeddings[list(zero_rows)] = 0.0
        loss_value = float(loss.detach())
    model.eval()
    return loss_value


def _hf_translate(model: Any, tokenizer: Any, sources: Sequence[str], **generate: Any) -> list[str]:
    """Greedy-translate ``sources`` one at a time (no padding effects) with a transformers model."""
    import torch

    outputs: list[str] = []
    model.eval()
    with torch.no_grad():
        for source in sources:
            encoded = tokenizer(source, return_tensors="pt")
            ids = model.generate(**encoded, num_beams=1, do_sample=False, max_new_tokens=_MAX_NEW_TOKENS, **generate)
            outputs.append(str(tokenizer.decode(ids[0], skip_special_tokens=True)))
    return outputs


def _check_memorized(folder: Path, pairs: Sequence[tuple[str, str]], **generate: Any) -> None:
    """Reload ``folder`` from disk and raise unless greedy decoding reproduces every target exactly."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    if "src_lang" in generate:
        tokenizer.src_lang = generate.pop("src_lang")
    model = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
    got = _hf_translate(model, tokenizer, [source for source, _ in pairs], **generate)
    wrong = [(source, want, have) for (source, want), have in zip(pairs, got, strict=True) if want != have]
    if wrong:
        lines = "\n".join(f"  {source!r}: wanted {want!r}, got {have!r}" for source, want, have in wrong)
        raise RuntimeError(f"the toy model in {folder} did not learn {len(wrong)}/{len(pairs)} pairs:\n{lines}")


def build_marian(
    folder: Path,
    *,
    pairs: Sequence[tuple[str, str]] = PAIRS,
    d_model: int = 32,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 64,
    steps: int = 300,
    lr: float = 0.01,
    seed: int = 0,
    train: bool = True,
) -> Path:
    """Write a tiny Hugging Face Marian model (MarianMTModel + MarianTokenizer) into ``folder`` and return it.

    The folder holds source.spm, target.spm, vocab.json, tokenizer_config.json, config.json, generation_config.json
    and model.safetensors, and loads offline with ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM``. The vocabulary is
    shared between source and target and laid out as in OPUS-MT (``<pad>`` last, also the decoder start token).

    With ``train`` the model is trained on ``pairs`` (full batch, teacher forcing, Adam, one CPU thread, seeded,
    deterministic kernels) for ``steps`` steps, then reloaded from disk and checked: greedy generation
    (``num_beams=1, do_sample=False``) must reproduce the target of every pair exactly, or ``RuntimeError`` is raised.
    The same arguments give the same weights and outputs on the same machine and library versions.
    """
    _offline()
    from transformers import MarianMTModel, MarianTokenizer

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab_size = _write_marian_tokenizer(folder, pairs, model_vocab_size=None)
    config = _marian_config(
        vocab_size,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=512,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
    )
    with _deterministic(seed):
        model = MarianMTModel(config)
        if train:
            tokenizer = MarianTokenizer.from_pretrained(str(folder), local_files_only=True)
            _fit(model, _batch(tokenizer, pairs), steps=steps, lr=lr, zero_rows=[config.pad_token_id])
    _generation_config(model, bad_words_ids=[[config.pad_token_id]], num_beams=1)
    model.save_pretrained(str(folder))
    if train:
        _check_memorized(folder, pairs)
    return folder


def _write_nllb_tokenizer(folder: Path, pairs: Sequence[tuple[str, str]], codes: Sequence[str]) -> None:
    """Write an NllbTokenizer (tokenizer.json etc.) and its sentencepiece.bpe.model into ``folder``.

    The BPE vocabulary and merges are read from a sentencepiece BPE model through the sentencepiece API (no protobuf
    needed) and laid out as NLLB's: ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3, then the pieces (sentencepiece
    id + 1), then the language codes and ``<mask>``. Each placeholder is a single BPE token. Unlike
    the real NLLB tokenizer there is no NFKC normalizer (its precompiled charsmap needs protobuf to extract).
    """
    import sentencepiece as spm
    from transformers import NllbTokenizer
    from transformers.tokenization_utils_base import generate_merges

    with tempfile.TemporaryDirectory() as tmp:
        spm_path = train_tokenizer(_texts(pairs), Path(tmp) / "sentencepiece.bpe", 1000, model_type="bpe")
        shutil.copyfile(spm_path, folder / "sentencepiece.bpe.model")
    processor = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.bpe.model"))
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = {token: i for i, token in enumerate(specials)}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    merges = generate_merges(vocab, skip_tokens={*specials, *PLACEHOLDERS})
    # Placeholders come from explicit first-priority merges ("⟦" + "0", then "⟦0" + "⟧") rather than added tokens:
    # NllbTokenizer's Metaspace pre-tokenizer would put a "▁" after every added token ("⟦1⟧." -> "⟦1⟧ .").
    opening, closing = PLACEHOLDERS[0][0], PLACEHOLDERS[0][-1]
    first: list[tuple[str, str]] = []
    for placeholder in PLACEHOLDERS:
        inner = placeholder[1:-1]
        for piece in (opening, closing, inner, opening + inner, placeholder):
            vocab.setdefault(piece, len(vocab))
        first += [(opening, inner), (opening + inner, closing)]
    tokenizer = NllbTokenizer(
        vocab=vocab, merges=first + merges, src_lang="eng_Latn", tgt_lang="spa_Latn", extra_special_tokens=list(codes)
    )
    tokenizer.save_pretrained(str(folder))


def build_nllb(
    folder: Path,
    *,
    d_model: int = 32,
    layers: int = 1,
    seed: int = 0,
    train: bool = False,
    pairs: Sequence[tuple[str, str]] = PAIRS,
    steps: int = 300,
    lr: float = 0.01,
    languages: Sequence[str] | None = None,
) -> Path:
    """Write a tiny NLLB-style model (M2M100ForConditionalGeneration + NllbTokenizer) into ``folder``; return it.

    The tokenizer is an ``NllbTokenizer`` (tokenizers backend) converted from a BPE sentencepiece model trained on
    ``pairs`` (sentencepiece.bpe.model is kept beside tokenizer.json), with NLLB's fairseq id layout (``<s>`` 0,
    ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3), the placeholders as single tokens, and the language codes as special
    tokens: all 202 NLLB codes by default, or ``languages`` (which must include eng_Latn and spa_Latn). Use it as
    NLLB: ``tokenizer.src_lang = "eng_Latn"`` and
    ``generate(..., forced_bos_token_id=tokenizer.convert_tokens_to_ids("spa_Latn"))``.

    Without ``train`` the weights are random (seeded): the output is deterministic garbage. With ``train`` the model
    is trained eng_Latn -> spa_Latn on ``pairs`` like :func:`build_marian` and checked the same way.
    """
    _offline()
    from transformers import AutoTokenizer, M2M100Config, M2M100ForConditionalGeneration
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    codes = list(FAIRSEQ_LANGUAGE_CODES if languages is None else languages)
    missing = {"eng_Latn", "spa_Latn"} - set(codes)
    if missing:
        raise ValueError(f"languages must include {sorted(missing)}")
    _write_nllb_tokenizer(folder, pairs, codes)
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    nllb_extras: dict[str, Any] = {"tokenizer_class": "NllbTokenizer"}
    config = M2M100Config(
        vocab_size=len(tokenizer),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=2 * d_model,
        decoder_ffn_dim=2 * d_model,
        max_position_embeddings=512,
        activation_function="relu",
        scale_embedding=True,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        encoder_layerdrop=0.0,
        decoder_layerdrop=0.0,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        tie_word_embeddings=True,
        **nllb_extras,
    )
    with _deterministic(seed):
        model = M2M100ForConditionalGeneration(config)
        if train:
            tokenizer.src_lang = "eng_Latn"
            tokenizer.tgt_lang = "spa_Latn"
            _fit(model, _batch(tokenizer, pairs), steps=steps, lr=lr)
    _generation_config(model, num_beams=1)
    model.save_pretrained(str(folder))
    if train:
        spa = tokenizer.convert_tokens_to_ids("spa_Latn")
        _check_memorized(folder, pairs, src_lang="eng_Latn", forced_bos_token_id=spa)
    return folder


def build_opus_shaped(folder: Path, *, seed: int = 0) -> Path:
    """Write random weights shaped like ``Helsinki-NLP/opus-mt-en-es`` into ``folder``; return it.

    MarianConfig as OPUS-MT en-es: d_model 512, 6 encoder and 6 decoder layers, 8 heads, ffn 2048, vocab_size 65001
    (``<pad>`` = 65000 is the decoder start token), max_position_embeddings 512, swish, static sinusoidal positions,
    scaled tied embeddings; generation_config.json mirrors OPUS's too (``num_beams`` 4, ``max_length`` 512,
    ``<pad>`` banned). The tokenizer is trained on :data:`PAIRS` (a few hundred real pieces, the rest of the 65001
    entries are never-produced fillers). Meant for speed benchmarks: the output is deterministic garbage that rarely
    ends with ``</s>``, so always pass ``max_new_tokens`` / ``max_decoding_length``.
    """
    _offline()
    from transformers import MarianMTModel

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab_size = _write_marian_tokenizer(folder, PAIRS, model_vocab_size=65001)
    config = _marian_config(
        vocab_size,
        d_model=512,
        encoder_layers=6,
        decoder_layers=6,
        encoder_attention_heads=8,
        decoder_attention_heads=8,
        encoder_ffn_dim=2048,
        decoder_ffn_dim=2048,
        max_position_embeddings=512,
        dropout=0.1,
        attention_dropout=0.0,
        activation_dropout=0.0,
    )
    with _deterministic(seed):
        model = MarianMTModel(config)
    _generation_config(model, bad_words_ids=[[config.pad_token_id]], max_length=512, num_beams=4)
    model.save_pretrained(str(folder))
    return folder


def convert_ctranslate2(hf_folder: Path, out: Path, *, quantization: str = "int8") -> Path:
    """Convert the transformers model in ``hf_folder`` to CTranslate2 in ``out`` (replaced if present); return it.

    Uses ``ctranslate2.converters.TransformersConverter`` and copies the tokenizer files (:data:`TOKENIZER_FILES`,
    whichever exist; tokenizer_config.json names the tokenizer class) into ``out``, so the folder is self-contained:
    ``AutoTokenizer.from_pretrained(out)`` loads the tokenizer (config.json there is CTranslate2's own).
    ``quantization`` is CTranslate2's weight type ("int8", "int8_float32", "float32", ...).

    On the trained toy Marian model, greedy CTranslate2 output matches transformers on every training pair with
    float32 weights, and with int8 weights computed in float32, on any CPU. Computed in int8 it matches only where
    the CPU has VNNI: without it, int8 products are added in pairs that saturate at 16 bits, and a model this small
    loses most of its pairs to that. Exact comparisons should use ``quantization="float32"``.
    """
    _offline()
    import ctranslate2

    hf_folder, out = Path(hf_folder), Path(out)
    converter = ctranslate2.converters.TransformersConverter(str(hf_folder))
    converter.convert(str(out), quantization=quantization, force=True)
    for name in TOKENIZER_FILES:
        if (hf_folder / name).is_file():
            shutil.copyfile(hf_folder / name, out / name)
    return out


def ct2_translate(
    folder: Path,
    sources: Sequence[str],
    *,
    target_prefix: Sequence[str] | None = None,
    compute_type: str = "default",
) -> list[str]:
    """Greedy-translate ``sources`` with the self-contained CTranslate2 folder written by :func:`convert_ctranslate2`.

    ``target_prefix`` (for NLLB: ``["spa_Latn"]``) is forced at the start of every output and dropped from the text.
    ``compute_type`` is CTranslate2's: "default" computes in the folder's own weight type.
    Outputs that hit the length limit can end one piece later than :func:`hf_translate`'s: transformers' Marian
    config forces ``</s>`` as the last of its ``max_new_tokens``, CTranslate2's ``max_decoding_length`` does not.
    """
    _offline()
    import ctranslate2
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    translator = ctranslate2.Translator(
        str(folder), device="cpu", compute_type=compute_type, inter_threads=1, intra_threads=1
    )
    tokens = [tokenizer.convert_ids_to_tokens(tokenizer(source)["input_ids"]) for source in sources]
    prefix = [list(target_prefix)] * len(sources) if target_prefix else None
    results = translator.translate_batch(tokens, target_prefix=prefix, beam_size=1, max_decoding_length=_MAX_NEW_TOKENS)
    outputs = []
    for result in results:
        hypothesis = result.hypotheses[0][len(target_prefix or ()) :]
        outputs.append(str(tokenizer.decode(tokenizer.convert_tokens_to_ids(hypothesis), skip_special_tokens=True)))
    return outputs


def hf_translate(
    folder: Path, sources: Sequence[str], *, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[str]:
    """Greedy-translate ``sources`` with the transformers model in ``folder`` (NLLB: pass src_lang and tgt_lang)."""
    _offline()
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
    generate: dict[str, Any] = {}
    if src_lang is not None:
        tokenizer.src_lang = src_lang
    if tgt_lang is not None:
        generate["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(tgt_lang)
    return _hf_translate(model, tokenizer, sources, **generate)


_BUILDERS: dict[str, Callable[..., Path]] = {
    "marian": build_marian,
    "nllb": build_nllb,
    "opus": build_opus_shaped,
}


def _versions() -> dict[str, str]:
    """Versions of the libraries whose output format the cached folders depend on."""
    found: dict[str, str] = {}
    for name in ("torch", "transformers", "sentencepiece", "ctranslate2", "tokenizers"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def cache_key(kind: str, **kw: Any) -> str:
    """The folder name :func:`cached_model` uses: ``<kind>-<hash of kind, kwargs, VERSION and library versions>``."""
    blob = json.dumps(
        {"kind": kind, "kw": kw, "version": VERSION, "libs": _versions()},
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return f"{kind}-{hashlib.sha256(blob.encode()).hexdigest()[:16]}"


def cached_model(kind: str, root: Path, **kw: Any) -> Path:
    """Build a model once under ``root`` and return its folder; later calls with the same arguments reuse it.

    ``kind`` is "marian", "nllb" or "opus" (:func:`build_marian`, :func:`build_nllb`, :func:`build_opus_shaped`,
    with ``kw`` passed on), or one of those plus "-ct2" (e.g. "marian-ct2"): the CTranslate2 conversion of the
    cached transformers model, taking ``quantization`` (default "int8") from ``kw`` and the rest for the model.
    The folder is ``root/<kind>-<hash>`` (:func:`cache_key`); it is built in a temporary folder beside it and renamed
    into place, so a folder that exists is complete, and concurrent builders simply race to the rename.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    final = root / cache_key(kind, **kw)
    if final.is_dir():
        return final
    base, _, suffix = kind.partition("-")
    if base not in _BUILDERS or suffix not in ("", "ct2"):
        raise ValueError(f"unknown toy model kind {kind!r}; use one of {sorted(_BUILDERS)}, optionally with '-ct2'")
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=root))
    try:
        if suffix == "ct2":
            options = dict(kw)
            quantization = str(options.pop("quantization", "int8"))
            convert_ctranslate2(cached_model(base, root, **options), tmp, quantization=quantization)
        else:
            _BUILDERS[base](tmp, **kw)
        try:
            tmp.rename(final)
        except OSError:
            if not final.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final
