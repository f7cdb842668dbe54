"""The story benchmark's corpora: ECB+ documents labelled by their sub-topic."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import stories
from ecbplus_data import parse_topics


def write_doc(root: Path, name: str, words: list[str]) -> None:
    topic = name.split("_")[0]
    folder = root / "ECB+" / topic
    folder.mkdir(parents=True, exist_ok=True)
    tokens = "".join(
        f'<token t_id="{n}" sentence="0">{word}</token>' for n, word in enumerate(words, 1)
    )
    (folder / f"{name}.xml").write_text(f'<Document doc_name="{name}.xml">{tokens}</Document>')


def test_ecbplus_documents_are_labelled_by_the_half_of_their_topic(tmp_path):
    write_doc(tmp_path, "1_1ecb", ["Reid", "entered", "rehab", "."])
    write_doc(tmp_path, "1_2ecbplus", ["Lohan", "entered", "rehab", "."])
    write_doc(tmp_path, "2_1ecb", ["A", "quake", "struck", "."])
    docs = stories._ecbplus(tmp_path, "1")
    assert [(d.id, d.label) for d in docs] == [("1_1ecb", "1"), ("1_2ecbplus", "1+")]
    assert docs[0].record == {
        "url": "https://ecbplus.invalid/1_1ecb",
        "text": "Reid entered rehab.",
    }


def test_ecbplus_topics_are_runs_and_single_topics():
    assert parse_topics("1-3,7") == {1, 2, 3, 7}
    assert parse_topics(None) is None
