"""The command line's progress bar (crmlib.progress)."""

from __future__ import annotations

import io

import pytest

from crmlib import i18n
from crmlib.progress import Progress


def bar_text(progress: Progress) -> str:
    return progress.bar.format_meter(**progress.bar.format_dict)


def test_a_step_is_done_when_the_next_starts_and_the_bar_is_full_only_at_the_end(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with Progress(3) as progress:
        progress.step("reading")
        assert progress.bar.n == 0  # reading has started, not ended
        progress.step("writing")
        assert progress.bar.n == 1
        assert bar_text(progress).startswith("writing")
    assert progress.bar.n == 3  # the last step has ended: full, even after two of three steps
    assert bar_text(progress).startswith("done")


def test_a_failed_step_leaves_the_bar_where_it_stopped(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with pytest.raises(RuntimeError), Progress(3) as progress:
        progress.step("reading")
        progress.step("writing")
        raise RuntimeError("disk full")
    assert progress.bar.n == 1


def test_steps_are_named_in_the_readers_language(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    step = i18n.Message(i18n._("reading {file}"), file="done.csv")
    with i18n.using("zh"), Progress(2) as progress:
        progress.step(step)
        assert bar_text(progress).startswith("正在读取 done.csv")  # a file name stays as it is
    with i18n.using("zh"):
        assert bar_text(progress).startswith("完成")


def test_quiet_shows_nothing(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    with Progress(2, quiet=True) as progress:
        progress.step("reading")
    assert err.getvalue() == ""
