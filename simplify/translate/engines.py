"""Translation engines: Hugging Face transformers, and CTranslate2 for speed.

Both take a model id or a local folder and translate batches of sentences. Model families name
languages differently: Marian/OPUS-MT models are one pair each and need no code; NLLB wants
FLORES codes (spa_Latn) as the source language and a forced first token; M2M100 wants ISO codes
(es) the same way; MADLAD-400 wants a "<2es>" prefix. Models load lazily, once per process.
Nothing here downloads: a model that is not on disk (or in the Hugging Face cache) is a one-line
error that says how to get it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from simplify.errors import SimplifyError
from simplify.lang import lang_root

ENGINES = ("transformers", "ctranslate2")

# FLORES-200 codes (NLLB) for the handout languages and a few more.
NLLB_CODES = {
    "en": "eng_Latn",
    "es": "spa_Latn",
    "zh-Hans": "zho_Hans",
    "zh-Hant": "zho_Hant",
    "vi": "vie_Latn",
    "ko": "kor_Hang",
    "tl": "tgl_Latn",
    "ru": "rus_Cyrl",
    "ar": "arb_Arab",
    "fr": "fra_Latn",
    "pt": "por_Latn",
    "ht": "hat_Latn",
    "de": "deu_Latn",
    "it": "ita_Latn",
    "ja": "jpn_Jpan",
    "fa": "pes_Arab",
    "hi": "hin_Deva",
    "so": "som_Latn",
}


class Engine(Protocol):
    """What the pipeline needs of an engine."""

    name: str
    model: str

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Return one translation per sentence."""
        ...


@dataclass(frozen=True, slots=True)
class Family:
    """How a model family is told the languages: a source code, a forced first token, or a prefix."""

    kind: str  # "marian", "nllb", "m2m100", "madlad", or "seq2seq" (no language handling)

    def source_code(self, lang: str) -> str | None:
        if self.kind == "nllb":
            return NLLB_CODES.get(lang) or NLLB_CODES.get(lang_root(lang))
        if self.kind == "m2m100":
            return lang_root(lang)
        return None

    def target_token(self, lang: str) -> str | None:
        if self.kind == "nllb":
            return NLLB_CODES.get(lang) or NLLB_CODES.get(lang_root(lang))
        if self.kind == "m2m100":
            return f"__{lang_root(lang)}__"
        return None

    def prefix(self, lang: str) -> str:
        return f"<2{lang_root(lang) if lang != 'zh-Hant' else 'zh_Hant'}> " if self.kind == "madlad" else ""


def family_of(config: Any, tokenizer: Any) -> Family:
    """Tell a model's family from its tokenizer (which travels with a CTranslate2 model too), then its config."""
    tokenizer_name = type(tokenizer).__name__.lower()
    kind = getattr(config, "model_type", "")
    if "nllb" in tokenizer_name:
        return Family("nllb")
    if "m2m100" in tokenizer_name:
        return Family("m2m100")
    if "marian" in tokenizer_name or kind == "marian":
        return Family("marian")
    if _has_language_tags(tokenizer):
        return Family("madlad")
    return Family("seq2seq")


def _has_language_tags(tokenizer: Any) -> bool:
    """Return True if the vocabulary holds MADLAD-400's ``<2xx>`` target tags.

    The tags are ordinary pieces of its sentencepiece vocabulary, not special tokens (and transformers 5
    no longer has ``additional_special_tokens``), so the vocabulary itself is asked.
    """
    get_vocab = getattr(tokenizer, "get_vocab", None)
    if get_vocab is None:
        return False
    vocab = get_vocab()
    return any(tag in vocab for tag in ("<2en>", "<2es>", "<2fr>", "<2zh>"))


def missing_model(model: str, engine: str, why: str, pair: tuple[str, str] | None = None) -> SimplifyError:
    """Return the one-line error for a model that cannot be loaded, saying how to get one (for ``pair``)."""
    source, target = (lang_root(pair[0]), lang_root(pair[1])) if pair else ("en", "es")
    how = (
        "convert one with `ct2-transformers-converter --model FOLDER --output_dir OUT --quantization int8 "
        "--copy_files tokenizer_config.json source.spm target.spm vocab.json` (or the files your tokenizer has)"
        if engine == "ctranslate2"
        else f"download one where there is a network (`hf download Helsinki-NLP/opus-mt-{source}-{target} "
        f"--local-dir models/opus-mt-{source}-{target}`, or another model for {source} to {target}) and set its "
        "folder as `model`"
    )
    return SimplifyError(f"translation model {model!r} ({engine}) cannot be loaded: {why}; {how}")


def _offline() -> None:
    """Never reach for the Hugging Face hub: models come from disk or the local cache."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@cache
def _tokenizer(model: str) -> Any:
    _offline()
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model)


@dataclass
class TransformersEngine:
    """AutoTokenizer + AutoModelForSeq2SeqLM.generate, greedy or beam search, CPU or GPU chosen automatically."""

    model: str
    device: str | None = None
    batch_size: int = 16
    beams: int = 4
    max_new_tokens: int = 256
    name: str = "transformers"
    _loaded: tuple[Any, Any, Family] | None = field(default=None, repr=False)

    def load(self, pair: tuple[str, str] | None = None) -> tuple[Any, Any, Family]:
        if self._loaded is None:
            _offline()
            try:
                import torch
                from transformers import AutoModelForSeq2SeqLM
            except ImportError as exc:
                raise SimplifyError(
                    f"translation needs the translate extra: pip install 'simplify[translate]' ({exc})"
                ) from None
            try:
                tokenizer = _tokenizer(self.model)
                model = AutoModelForSeq2SeqLM.from_pretrained(self.model)
            except (OSError, ValueError) as exc:
                raise missing_model(self.model, self.name, str(exc).splitlines()[0], pair) from None
            device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
            if device == "cpu" and _share is not None:
                torch.set_num_threads(_share)  # torch's threads are per process: this worker's share
            model.to(device).eval()
            self.device = device
            self._loaded = (tokenizer, model, family_of(model.config, tokenizer))
        return self._loaded

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        tokenizer, model, family = self.load((source, target))  # first: it says what to install if torch is not
        import torch

        code = family.source_code(source)
        if code is not None:
            tokenizer.src_lang = code
        kwargs: dict[str, Any] = {"num_beams": self.beams, "do_sample": False, "max_new_tokens": self.max_new_tokens}
        forced = family.target_token(target)
        if forced is not None:
            kwargs["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(forced)
        out: list[str] = []
        for start in range(0, len(sentences), self.batch_size):
            batch = [family.prefix(target) + s for s in sentences[start : start + self.batch_size]]
            encoded = tokenizer(batch, return_tensors="pt", padding=True, truncation=True, max_length=512)
            with torch.inference_mode():
                generated = model.generate(**encoded.to(self.device), **kwargs)
            out.extend(tokenizer.batch_decode(generated, skip_special_tokens=True))
        return out


@dataclass
class CTranslate2Engine:
    """A CTranslate2 model folder (converted from a transformers model, tokenizer files beside it).

    It computes in the type the folder was converted to (CTranslate2's "default"): int8 for an int8 conversion,
    the fast choice on CPU; float32 for a float32 one. Where int8 output matters to the last token, convert to
    float32: CPUs without VNNI add int8 products in pairs that saturate at 16 bits, so the same int8 folder can
    translate differently there than on a CPU with VNNI, while float32 translates alike everywhere.
    """

    model: str
    device: str = "auto"
    compute_type: str = "default"
    batch_size: int = 16
    beams: int = 4
    max_new_tokens: int = 256
    threads: int = 0  # on CPU, batches translated side by side: 0 for every core this process may use
    name: str = "ctranslate2"
    _loaded: tuple[Any, Any, Family] | None = field(default=None, repr=False)

    def load(self, pair: tuple[str, str] | None = None) -> tuple[Any, Any, Family]:
        if self._loaded is None:
            try:
                import ctranslate2
            except ImportError as exc:
                raise SimplifyError(
                    f"translation needs the translate extra: pip install 'simplify[translate]' ({exc})"
                ) from None
            if not (Path(self.model) / "model.bin").is_file():
                raise missing_model(self.model, self.name, "no model.bin in that folder", pair)
            try:
                tokenizer = _tokenizer(self.model)
            except (OSError, ValueError) as exc:
                raise missing_model(
                    self.model, self.name, f"no tokenizer files beside the model ({exc})", pair
                ) from None
            device = "cuda" if self.device == "auto" and ctranslate2.get_cuda_device_count() else "cpu"
            if device == "cpu":
                # Batches side by side, one core each (CTranslate2's inter_threads), rather than one batch
                # split over the cores (intra_threads): the small matrices of one decoding step split
                # badly, and on a 2-core machine two one-core batches translated 2.4x as many sentences
                # a second as one batch on both cores (benchmarks/translate.py prints both).
                translator = ctranslate2.Translator(
                    self.model,
                    device="cpu",
                    compute_type=self.compute_type,
                    inter_threads=self.threads or _cores(),
                    intra_threads=1,
                )
            else:
                translator = ctranslate2.Translator(self.model, device=device, compute_type=self.compute_type)
            self._loaded = (tokenizer, translator, family_of(None, tokenizer))
        return self._loaded

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        tokenizer, translator, family = self.load((source, target))
        code = family.source_code(source)
        if code is not None:
            tokenizer.src_lang = code
        forced = family.target_token(target)
        tokens = [tokenizer.convert_ids_to_tokens(tokenizer.encode(family.prefix(target) + s)) for s in sentences]
        results = translator.translate_batch(
            tokens,
            target_prefix=[[forced]] * len(tokens) if forced else None,
            beam_size=self.beams,
            # at most batch_size sentences a batch, and as many batches as the translator runs at once
            max_batch_size=min(self.batch_size, max(1, -(-len(tokens) // translator.num_translators))),
            max_decoding_length=self.max_new_tokens,
        )
        out = []
        for result in results:
            hypothesis = result.hypotheses[0]
            if forced and hypothesis[:1] == [forced]:
                hypothesis = hypothesis[1:]
            out.append(tokenizer.decode(tokenizer.convert_tokens_to_ids(hypothesis), skip_special_tokens=True))
        return out


_share: int | None = None  # cores for this process's engines, when processes translate side by side


def share_cores(processes: int) -> None:
    """Give this process's engines their share of the cores when ``processes`` processes translate at once.

    A build's workers each call it: without it each would use every core, and two workers on two cores
    would run four threads, each waiting for the others.
    """
    global _share
    _share = max(1, _machine_cores() // max(1, processes))


def _cores() -> int:
    """Return how many cores this process's engines may use."""
    return _share or _machine_cores()


def _machine_cores() -> int:
    """Return how many cores this process may run on (its affinity, where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@cache
def engine(name: str, model: str, beams: int = 4) -> Engine:
    """Return the engine ``name`` for ``model``, one per process (models are large: load each once)."""
    if name == "transformers":
        return TransformersEngine(model, beams=beams)
    if name == "ctranslate2":
        return CTranslate2Engine(model, beams=beams)
    raise SimplifyError(f"unknown translation engine {name!r}; choose one of: {', '.join(ENGINES)}")
