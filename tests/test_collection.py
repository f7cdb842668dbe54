"""The collector's pace while dateline links and builds views."""

import gc
import threading

from dateline.collection import YOUNG, fewer_collections


def test_collects_less_often_inside_and_as_before_after():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(YOUNG, before[0])
        assert gc.get_threshold()[1:] == before[1:]
        with fewer_collections():  # nested: still paced
            assert gc.get_threshold()[0] == max(YOUNG, before[0])
        assert gc.get_threshold()[0] == max(YOUNG, before[0])
    assert gc.get_threshold() == before


def test_the_pace_comes_back_when_the_last_thread_leaves():
    before = gc.get_threshold()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with fewer_collections():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with fewer_collections():
        pass  # this block ends first: the other thread's is still running
    assert gc.get_threshold()[0] == max(YOUNG, before[0])
    leave.set()
    thread.join(5)
    assert gc.get_threshold() == before


def test_the_pace_comes_back_after_an_error():
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_threshold() == before
