"""The bundled demo corpus (built by tools/make_demo_corpus.py) ships complete."""

import json
import xml.etree.ElementTree as ET
from importlib.resources import files


def test_demo_corpus_is_complete():
    demo = files("dateline") / "demo" / "corpus"
    names = [
        "a380.jsonl",
        "a380-8951.txt",
        "a380-78496.txt",
        "a380-51682.html",
        "a380-82597.html",
        "tanker.rss",
    ]
    for name in names:
        assert (demo / name).is_file(), name
        assert (demo / name).read_text(encoding="utf-8").strip(), name
    lines = (demo / "a380.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    assert all({"url", "title", "text", "published", "publisher"} <= r.keys() for r in records)
    feed = ET.fromstring((demo / "tanker.rss").read_bytes())
    assert len(feed.findall("channel/item")) == 4
    assert "CC BY" in (files("dateline") / "demo" / "ATTRIBUTION.md").read_text(encoding="utf-8")
