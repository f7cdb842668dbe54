"""Build the bundled demo corpus (src/dateline/demo/) that `make demo` ingests offline.

The articles are Wikinews stories (CC BY) taken from the SemEval-2015 Task 4
TimeLine corpus (FBK/VUA/EHU, CC BY 3.0), which stores them as tokenised
TimeML.  This script detokenises the sentences back into ordinary English and
writes two developing stories in a mix of the input formats dateline reads,
under corpus/, with the attribution beside it:

  a380.jsonl            4 A380 articles as JSON lines
  a380-<id>.txt         2 A380 articles as plain text
  a380-<id>.html        2 A380 articles as web pages
  tanker.rss            4 US Air Force tanker articles as an RSS 2.0 feed
  ATTRIBUTION.md        source, licence and the list of articles

Standard library only; the output is deterministic.

    python tools/make_demo_corpus.py [--src DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "../shared/eval/data/semeval2015-task4-timeline/corpus_1/corpus_trackA_TimeML"
DEFAULT_OUT = ROOT / "src/dateline/demo"

JSONL_IDS = ["3307", "25501", "62929", "82548"]  # a380.jsonl
TXT_IDS = ["8951", "78496"]  # a380-<id>.txt
HTML_IDS = ["51682", "82597"]  # a380-<id>.html
TANKER_IDS = ["1173", "100911", "102977", "108294"]  # tanker.rss
SITE = "https://en.wikinews.org/wiki/"

# Ordered (pattern, replacement) rules that undo the corpus' PTB-style tokenisation.
DETOK = [
    (r"''(?=\w)", "`` "),  # ''I' d  -> an opening quote glued to a word
    (r"(\w)' (m|d|ll|re|ve|s)\b", r"\1'\2"),  # I' m, I' ll, I' d
    (r"\bGB # ", "GB£"),
    (r"# (?=\d)", "£"),  # the tokeniser writes £ as #
    (r"((?:\b[A-Z]{2,3})?\$|£) (?=\d)", r"\1"),  # US$ 40, USD$ 23, $ 40, £ 13
    (r" (n't|'s|'m|'ll|'d|'re|'ve)\b", r"\1"),  # do n't, world 's
    (r"\bcan not\b", "cannot"),  # PTB splits "cannot"
    (r"(s) ' ", r"\1' "),  # Qantas ' 85th (plural possessive)
    (r"'s - (?=largest)", "'s-"),  # world 's - largest
    (r"([(\[]) ", r"\1"),
    (r" ([)\]])", r"\1"),  # ( EADS ), bill ]
    (r" (\.\.\.|[,.;:!?%])", r"\1"),  # punctuation attaches to the left
    (r"`` ", '"'),
    (r" ''", '"'),
    (r"``|''", '"'),  # `` quoted ''
]


def detok(sentence: str) -> str:
    s = " ".join(sentence.split())
    for pattern, repl in DETOK:
        s = re.sub(pattern, repl, s)
    return s


def load(src: Path, doc_id: str) -> dict:
    (path,) = sorted(src.glob(f"{doc_id}_*.tml"))
    root = ET.parse(path).getroot()
    sents = [detok("".join(s.itertext())) for s in root.find("TEXT").iter("s")]
    body = []
    for s in sents[2:]:
        # The dialogue in 1173 keeps Wikinews' ":" indentation ("Record:: Speaker: ..."):
        # a sentence starting ": " opens a new turn, see paragraphs().
        head, sep, tail = s.partition(":: ")
        body += [head + ":", ": " + tail] if sep else [s]
    title = sents[0]
    return {
        "id": doc_id,
        "file": path.name,
        "title": title,
        "dateline": sents[1],
        "body": body,
        "published": root.find("DCT/TIMEX3").get("value"),
        "url": SITE + quote(title.replace(" ", "_"), safe=";@$!*(),/~:'"),
    }


def paragraphs(sents: list[str], size: int = 2) -> list[str]:
    """Group sentences into paragraphs of about `size`, never splitting an open quotation."""
    marks = [s.count('"') for s in sents]
    if sum(marks) % 2:  # a quotation that is never closed (100911): ignore its last quote mark
        marks[max(i for i, m in enumerate(marks) if m)] -= 1
    paras, cur, quotes = [], [], 0
    for s, m in zip(sents, marks):
        turn = s.startswith(": ")  # an indented dialogue turn starts a paragraph
        if cur and (turn or (quotes % 2 == 0 and len(cur) >= size)):
            paras.append(" ".join(cur))
            cur = []
        cur.append(s.removeprefix(": "))
        quotes += m
        if not s.endswith((".", "!", "?", '"')):  # captions and lead-ins ("...Record:") stand alone
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {path}")


def rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC))


def write_jsonl(out: Path, docs: list[dict]) -> None:
    lines = [
        json.dumps(
            {
                "url": d["url"],
                "title": d["title"],
                "text": "\n\n".join(paragraphs(d["body"])),
                "published": d["published"],
                "publisher": "Wikinews",
            },
            ensure_ascii=False,
        )
        for d in docs
    ]
    write(out / "a380.jsonl", "\n".join(lines) + "\n")


def write_txt(out: Path, d: dict) -> None:
    write(
        out / f"a380-{d['id']}.txt",
        "\n\n".join([d["title"], d["dateline"], *paragraphs(d["body"])]) + "\n",
    )


def write_html(out: Path, d: dict) -> None:
    e = html.escape
    paras = "\n".join(f"    <p>{e(p)}</p>" for p in paragraphs(d["body"]))
    write(
        out / f"a380-{d['id']}.html",
        f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(d["title"])} - Wikinews, the free news source</title>
  <meta property="og:site_name" content="Wikinews">
  <meta property="og:title" content="{e(d["title"])}">
  <meta property="article:published_time" content="{d["published"]}">
  <link rel="canonical" href="{e(d["url"])}">
</head>
<body>
  <header>
    <a href="{SITE}Main_Page">Wikinews, the free news source</a>
    <nav>
      <a href="{SITE}Main_Page">Main page</a> |
      <a href="{SITE}Wikinews:Latest_news">Latest news</a> |
      <a href="{SITE}Wikinews:About">About Wikinews</a>
    </nav>
  </header>
  <main>
  <article>
    <h1>{e(d["title"])}</h1>
    <p><time datetime="{d["published"]}">{e(d["dateline"])}</time></p>
{paras}
  </article>
  </main>
  <footer>
    <p>Text is available under the <a href="https://creativecommons.org/licenses/by/3.0/">Creative Commons Attribution licence (CC BY)</a>.</p>
    <p><a href="{SITE}Wikinews:Privacy_policy">Privacy policy</a> | <a href="{SITE}Wikinews:About">About Wikinews</a></p>
  </footer>
</body>
</html>
""",
    )


def write_rss(out: Path, docs: list[dict]) -> None:
    e = html.escape
    items = []
    for d in sorted(docs, key=lambda d: d["published"], reverse=True):
        content = "".join(f"<p>{e(p)}</p>" for p in paragraphs(d["body"]))
        assert "]]>" not in content
        items.append(f"""    <item>
      <title>{e(d["title"])}</title>
      <link>{e(d["url"])}</link>
      <guid isPermaLink="true">{e(d["url"])}</guid>
      <pubDate>{rfc822(d["published"])}</pubDate>
      <description>{e(d["body"][0])}</description>
      <content:encoded><![CDATA[{content}]]></content:encoded>
    </item>""")
    newest = max(d["published"] for d in docs)
    write(
        out / "tanker.rss",
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Wikinews — Air Force tanker contract</title>
    <link>{SITE}Main_Page</link>
    <description>Wikinews coverage of the US Air Force aerial refueling tanker contract.</description>
    <language>en</language>
    <lastBuildDate>{rfc822(newest)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
""",
    )


def write_attribution(out: Path, groups: list[tuple[str, list[dict]]]) -> None:
    rows = []
    for name, docs in groups:
        for d in docs:
            target = name.format(id=d["id"])
            rows.append(
                f"| {d['published']} | [{d['title']}]({d['url']}) | `{target}` | `{d['file']}` |"
            )
    write(
        out / "ATTRIBUTION.md",
        f"""# Demo corpus attribution

The articles in this folder are news stories from **Wikinews** (https://en.wikinews.org/),
written by Wikinews contributors and published under a Creative Commons Attribution
(CC BY) licence.

They were taken from the **SemEval-2015 Task 4 "TimeLine: Cross-Document Event Ordering"**
corpus (evaluation data, `corpus_1/corpus_trackA_TimeML`), © 2015 FBK (Fondazione Bruno
Kessler), VUA (VU University Amsterdam) and EHU (Universidad del País Vasco), distributed
under the Creative Commons Attribution 3.0 Unported licence (**CC BY 3.0**):
http://creativecommons.org/licenses/by/3.0/ — task website: http://alt.qcri.org/semeval2015/task4/

## Articles

| Published | Wikinews article (original URL) | Demo file | Corpus file |
|---|---|---|---|
{chr(10).join(rows)}

## Changes

The corpus stores each article as tokenised sentences. `tools/make_demo_corpus.py`
detokenised the text (re-attaching punctuation, quotes, brackets, currency signs and
contractions; the corpus writes £ as `#`) and arranged the articles into the formats
above: JSON lines, plain text, HTML pages and an RSS feed, with sentences grouped into
paragraphs. The page furniture (navigation, footers, feed channel) was written for the
demo. Nothing else was changed; the wording, including the originals' typos, is as in
the corpus.
""",
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="corpus_trackA_TimeML folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = ap.parse_args()
    corpus = args.out / "corpus"  # what `make demo` ingests; the attribution stays beside it
    corpus.mkdir(parents=True, exist_ok=True)
    docs = {i: load(args.src, i) for i in JSONL_IDS + TXT_IDS + HTML_IDS + TANKER_IDS}
    pick = lambda ids: [docs[i] for i in ids]  # noqa: E731
    write_jsonl(corpus, pick(JSONL_IDS))
    for d in pick(TXT_IDS):
        write_txt(corpus, d)
    for d in pick(HTML_IDS):
        write_html(corpus, d)
    write_rss(corpus, pick(TANKER_IDS))
    write_attribution(
        args.out,
        [
            ("a380.jsonl", pick(JSONL_IDS)),
            ("a380-{id}.txt", pick(TXT_IDS)),
            ("a380-{id}.html", pick(HTML_IDS)),
            ("tanker.rss", pick(TANKER_IDS)),
        ],
    )


if __name__ == "__main__":
    main()
