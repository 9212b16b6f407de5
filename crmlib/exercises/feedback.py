"""The outcome of a check, shown as one line in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..i18n import _, tr

RIGHT, NOT_YET = _("✅ Right."), _("❌ Not yet.")
TO_ASSESS = _("📝 A written answer: your teacher reads it in the notebook you hand in.")
UNANSWERED = _("✏️ Not answered yet.")


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check; shows itself as one line in the reader's language.

    ``correct`` is ``None`` for a written answer, which a person assesses. ``answered`` is
    ``False`` while the task still holds ``...``. ``message`` is the English text (a
    ``str.format`` template filled from ``values``). ``mistake`` is true when the answer is a
    typical mistake the check recognised (the grader may give it partial credit). ``task``
    (``"ch01.q3"``) is filled in by :func:`crmlib.exercises.task`.
    """

    correct: bool | None
    message: str
    values: dict = field(default_factory=dict)
    answered: bool = True
    mistake: bool = False
    task: str = ""

    def text(self, language: str | None = None) -> str:
        """The line in ``language`` (default: the current one)."""
        if not self.answered:
            head = tr(UNANSWERED, language)
        else:
            head = tr({True: RIGHT, False: NOT_YET, None: TO_ASSESS}[self.correct], language)
        body = tr(self.message, language, **self.values) if self.message else ""
        return _join(p for p in (head, body) if p)

    def __str__(self) -> str:
        return self.text()

    __repr__ = __str__

    def __bool__(self) -> bool:
        return bool(self.correct)

    def as_dict(self) -> dict:
        """Plain data (JSON): what a sealed key stores for an answer."""
        return {"c": self.correct, "m": self.message, "v": self.values, "x": self.mistake}

    @classmethod
    def from_dict(cls, data: dict) -> Feedback:
        return cls(data["c"], data["m"], dict(data.get("v") or {}), mistake=bool(data.get("x")))


def _join(parts: Iterable[str]) -> str:
    """Join sentences: a space between English ones, none after Chinese punctuation."""
    text = ""
    for part in parts:
        glue = "" if not text or text[-1] in "。）！？" or part[0] in "（" else " "
        text += glue + part
    return text.strip()
