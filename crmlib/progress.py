"""A progress bar for the command line's long steps (an import of millions of rows)."""

from __future__ import annotations

import sys

from .locale import _, shown, tr


class Progress:
    """A progress bar on stderr (tqdm): which step runs, how many are done, the time so far.

    The bar counts a step done when the next one starts, and is full only when the block
    ends (``with Progress(n) as progress: progress.step("reading")...``)."""

    def __init__(self, steps: int, quiet: bool = False):
        from tqdm import (
            tqdm,
        )  # a well-kept progress bar: elapsed time, redraws in place, any terminal

        self.bar = tqdm(
            total=steps,
            file=sys.stderr,
            disable=quiet,
            unit="step",
            bar_format="{desc} [{bar:20}] {n_fmt}/{total_fmt} steps, {elapsed}",
        )
        self.started = False

    def step(self, what: str) -> None:
        """A step starts: the one before it has ended (``what`` in the reader's language)."""
        if self.started:
            self.bar.update(1)
        self.started = True
        self.bar.set_description_str(shown(what))

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:  # the last step has ended (not just started): only now is the bar full
            self.bar.update(self.bar.total - self.bar.n)
            self.bar.set_description_str(tr(_("done")))
        self.bar.close()
