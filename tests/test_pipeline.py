from __future__ import annotations

from pathlib import Path

import pytest

from dateline.model import Extracted, Failure
from dateline.run.extract import Inputs, extract_documents
from dateline.run.ingest import ingest
from dateline.run.local import LocalRunner, map_ordered
from dateline.settings import Settings, load_settings

STORY = (
    "The regional parliament approved the budget on Thursday after two weeks of debate, "
    "with a majority of eleven votes and several abstentions from the opposition.\n\n"
    "The finance minister said the plan would cut the deficit by a third within two years.\n"
)


def _square(n: int) -> int:
    return n * n


def test_run_map_ordered_keeps_order_in_pool():
    assert list(map_ordered(_square, range(50), workers=2)) == [(n, n * n) for n in range(50)]


def test_run_map_ordered_in_process():
    assert list(map_ordered(_square, [3, 1], workers=1)) == [(3, 9), (1, 1)]


def test_settings_environment_then_overrides():
    env = {"DATELINE_DB": "env.db", "DATELINE_JOBS": "3"}
    assert load_settings(environ=env) == Settings(db="env.db", jobs=3)
    assert load_settings({"db": "flag.db", "jobs": None}, environ=env).db == "flag.db"


@pytest.mark.slow
def test_pipeline_failure_keeps_raw_document(tmp_path: Path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "menu.txt").write_text("Home\nNews\nSport\n")
    (folder / "story.txt").write_text(STORY)
    report = ingest(Inputs([str(folder)]), store, Settings(jobs=1))
    assert (report.ingested, report.skipped) == (1, 1)
    assert report.failures[0].to_json() == {
        "source": str(folder / "menu.txt"),
        "stage": "extract",
        "reason": "no article text found",
    }
    assert store.articles.counts()["raw_documents"] == 2
    assert store.articles.failures()[0].raw_id is not None


def test_pipeline_extract_results_in_input_order(tmp_path: Path):
    names = [f"{n:02d}.txt" for n in range(8)]
    for n, name in enumerate(names):
        (tmp_path / name).write_text(STORY.replace("eleven", f"{n + 20}"))
    results = list(extract_documents(Inputs([str(tmp_path)]), Settings(jobs=2), LocalRunner(2)))
    assert all(isinstance(r, Extracted) for r in results)
    assert [Path(r.article.source).name for r in results] == names


def test_pipeline_read_failure_has_no_raw(tmp_path: Path):
    results = list(
        extract_documents(Inputs([str(tmp_path / "missing.txt")]), Settings(jobs=1), LocalRunner(1))
    )
    assert results == [Failure(str(tmp_path / "missing.txt"), "read", "no such file or directory")]


@pytest.mark.slow
def test_linking_while_analysis_goes_on_leaves_the_store_linking_after_it_would(
    tmp_path: Path, monkeypatch
):
    import dateline
    import dateline.run.analyze as analyze_step
    import dateline.run.ingest as ingest_step
    from conftest import TALKS, new_db
    from dateline.run.stages import Stage

    linked_early = []
    link_ready = ingest_step.link_ready

    def watched(store):
        copies = link_ready(store)
        waiting = {stage: len(store.queue.waiting(stage)) for stage in Stage}
        if waiting[Stage.ANALYZE]:
            stored = len(list(store.articles.all()))
            linked_early.append(stored - sum(waiting.values()) + waiting[Stage.COPIES])
        return copies

    monkeypatch.setattr(analyze_step, "BATCH", 1)  # a link step after every article
    monkeypatch.setattr(ingest_step, "link_ready", watched)
    during = new_db(tmp_path, "during")
    dateline.ingest([str(TALKS)], during)
    assert max(linked_early) > 0  # stories were linked while others waited for analysis
    monkeypatch.setattr(ingest_step, "link_ready", lambda store: [])
    after = new_db(tmp_path, "after")
    dateline.ingest([str(TALKS)], after)
    with dateline.open(during) as one, dateline.open(after) as other:
        assert dateline.export_json(one) == dateline.export_json(other)
