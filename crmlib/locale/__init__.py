"""The catalogues: every message and label a reader sees, per language, as gettext files.

Each language has a folder ``crmlib/locale/<language>/LC_MESSAGES/`` with two catalogues:

``messages.po``
    Sentences the code writes in English (a check's hint, an import's reason, an error), marked
    ``_("...")`` where they are written. As in gettext, the English text is the ``msgid``; the
    English edition needs no ``messages.po``. Fields (``{row}``) are filled *after* translation:
    ``tr(_("missing buyer in row {row}"), row=3)``.
``labels.po``
    The words of figures and tables. ``msgctxt`` is the label's kind (``value_segment``) and
    ``msgid`` its key (``high``): the key is the code's name, so every language has a
    ``labels.po``, English included.

Set-up compiles the catalogues to ``.mo`` with Babel (``python -m crmlib.locale compile``). A
``.mo`` that is missing or older than its ``.po`` is not used: the ``.po`` is read instead, so
an edited catalogue shows at once. Translators edit the ``.po`` files with any gettext tool
(Poedit, Weblate); ``python -m crmlib.locale extract`` adds messages new in the code.

This module is the bottom floor of ``crmlib``: it imports no other ``crmlib`` module, so any
module may use it. A new language is a new folder here and nothing else.
"""

from __future__ import annotations

import gettext
import re
import string
import warnings
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent
SOURCE_LANGUAGE = "en"  # the language of the code's messages (the msgids of messages.po)
DOMAINS = ("messages", "labels")

#: A language code: the name of a folder in ``crmlib/locale`` (``"zh"``, ``"en"``, ...).
Language = str


def _languages(folder: Path = LOCALE_DIR) -> tuple[str, ...]:
    found = [p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / "labels.po").is_file()]
    return tuple(sorted(found, key=lambda code: (code != "zh", code != SOURCE_LANGUAGE, code)))


#: Every language with a catalogue, Simplified Chinese (the first edition) first.
LANGUAGES: tuple[str, ...] = _languages()

_current: dict[str, str] = {"language": SOURCE_LANGUAGE}


class MissingLabel(UserWarning):
    """A word shown to a reader has no label or message in the catalogue for its language."""


def _(message: str) -> str:
    """Mark ``message`` as shown to a reader (gettext's ``N_``): it is translated by :func:`tr`
    when shown, so module-level constants may be marked before a language is chosen."""
    return message


class Message(str):
    """A message in the current language that remembers its template and values, so that it
    can be shown again in any other: the template is translated first and filled in after
    (:func:`tr_text`), as gettext does. For messages that travel before they are shown: an
    exception's text (a student sees it in the notebook's language), an import's note, a step
    of a long job.

    >>> note = Message(_("reading {file}"), file="orders.csv")   # English until a language is set
    >>> note, tr_text(note, "zh")
    ('reading orders.csv', '正在读取 orders.csv')
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        text = super().__new__(cls, _render(template, values, _current["language"]))
        text.template, text.values = template, values
        return text

    def __reduce__(self):  # pickled (to a worker process) with its template and values
        return _message, (self.template, self.values)

    def translated(self, language: Language) -> str:
        """The template in ``language`` (warning if it is missing), filled in with the values;
        a value that is itself a message (a :class:`Message`, an error raised with one, or a
        :class:`Filled` text) is translated too, any other (a file name) stays as given."""
        return _render(self.template, self.values, language)


def _render(template: str, values: dict[str, object], language: Language) -> str:
    shown = {key: _value_in(value, language) for key, value in values.items()}
    return tr(template, language, **shown) if shown else tr(template, language)


class Filled(str):
    """An English message that was filled in before it was kept (a quarantine reason read
    back from its file): as a :class:`Message`'s value, it is translated by matching it
    against the catalogue's templates (:func:`tr_text`)."""


def _value_in(value: object, language: Language) -> object:
    if isinstance(value, Message):
        return value.translated(language)
    if isinstance(value, BaseException):
        return _value_in(message_of(value), language)
    if isinstance(value, Filled):
        return _translated(value, language) or str(value)
    return value


def message_of(error: BaseException) -> str:
    """The message an error was raised with: its :class:`Message` when it has one (which
    ``str(error)`` would turn into plain English), else its text."""
    if error.args and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


def _message(template: str, values: dict[str, object]) -> Message:
    return Message(template, **values)


def activate(language: Language) -> None:
    """Make ``language`` the language of messages and labels."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    _current["language"] = language


def current() -> Language:
    """The current language (``"en"`` until :func:`activate` is called)."""
    return _current["language"]


def catalogue_path(language: Language, domain: str, folder: Path = LOCALE_DIR) -> Path:
    return folder / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(
    language: Language, domain: str, folder: Path = LOCALE_DIR
) -> dict[tuple[str | None, str], str]:
    """``{(context, msgid): text}`` of one catalogue: from its ``.mo`` when that is at least as
    new as the ``.po``, else from the ``.po``. Fuzzy and untranslated entries are left out, as
    gettext leaves them out (a reader sees the English and a :class:`MissingLabel` warns)."""
    po = catalogue_path(language, domain, folder)
    mo = po.with_suffix(".mo")
    if not po.is_file():
        return {}
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            # GNUTranslations keeps its entries in ``_catalog``, "context\x04msgid" -> text
            # (unchanged since Python 2); the header entry's msgid is "".
            entries = gettext.GNUTranslations(handle)._catalog
        out = {}
        for key, text in entries.items():
            if isinstance(key, str) and key:
                context, sep, msgid = key.rpartition("\x04")
                out[(context if sep else None, msgid)] = text
        return out
    from babel.messages.pofile import read_po  # Babel reads and compiles gettext catalogues

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=None)
    return {
        (m.context, m.id): m.string
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


@cache
def _entries(language: Language, domain: str) -> dict[tuple[str | None, str], str]:
    return read_catalogue(language, domain)


def reload() -> None:
    """Forget the catalogues read so far (after a ``.po`` file was edited)."""
    _entries.cache_clear()
    _filled_templates.cache_clear()


def pgettext(context: str | None, message: str, language: Language | None = None) -> str | None:
    """``message`` (in ``context``) in ``language``; None when the catalogue lacks it."""
    lang = language or _current["language"]
    return _entries(lang, "messages").get((context, message))


def tr(
    message: str,
    language: Language | None = None,
    *,
    context: str | None = None,
    **values: object,
) -> str:
    """A message written in English in the code, in the current (or given) language, with its
    ``str.format`` fields filled in after translation. A message missing from the catalogue
    warns (:class:`MissingLabel`) and shows the English, as does a translation whose fields
    cannot be filled in (a catalogue edited by hand: ``{n`` or ``{count}`` for ``{n}``)."""
    lang = language or _current["language"]
    text = message
    if lang != SOURCE_LANGUAGE:
        found = pgettext(context, message, lang)
        if found is None:
            warnings.warn(f"no {lang!r} message for {message!r}", MissingLabel, stacklevel=2)
        else:
            text = found
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        if text is message:
            raise  # the code's own template: a bug to see, not to hide
        warnings.warn(f"unusable {lang!r} message for {message!r}", MissingLabel, stacklevel=2)
        return message.format(**values)


def label(kind: str, key: str, language: Language | None = None) -> str | None:
    """The label ``key`` of ``kind`` in the language, or None when there is none."""
    return _entries(language or _current["language"], "labels").get((kind, key))


def labels(kind: str, language: Language | None = None) -> dict[str, str]:
    """Every label of ``kind``: ``{key: text}``."""
    entries = _entries(language or _current["language"], "labels")
    return {key: text for (context, key), text in entries.items() if context == kind}


def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """Every label in every language: ``{kind: {key: {language: text}}}``."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for language in LANGUAGES:
        for (kind, key), text in _entries(language, "labels").items():
            out.setdefault(kind or "", {}).setdefault(key, {})[language] = text
    return out


def has(key: str) -> bool:
    """Whether the label ``kind.key`` exists (in the source language's catalogue)."""
    kind, _, name = key.partition(".")
    return label(kind, name, SOURCE_LANGUAGE) is not None


def t(key: str, language: Language | None = None, **values: object) -> str:
    """The label ``kind.key`` in the current (or given) language, with ``values`` filled in.

    Labels may hold ``str.format`` fields: ``t("fig.lorenz_title", gini=0.53)``. A missing
    label warns (:class:`MissingLabel`) and falls back to the key itself, so a notebook run
    treats it as a failure while a reader still sees something.
    """
    kind, _, name = key.partition(".")
    lang = language or _current["language"]
    text = label(kind, name, lang)
    if text is None:
        warnings.warn(f"no {lang!r} label for {key!r}", MissingLabel, stacklevel=2)
        return name or key
    return text.format(**values) if values else text


@cache
def _filled_templates(lang: str) -> list[tuple[re.Pattern, list[tuple[str, str | None]]]]:
    """Each message with fields as a pattern matching its filled-in English, and the pieces
    (literal text, field name) of its translation."""
    out = []
    formatter = string.Formatter()
    for (context, english), other in _entries(lang, "messages").items():
        parts = list(formatter.parse(english))
        if context is not None or not any(name for _, name, _, _ in parts):
            continue
        pattern = "".join(
            re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
            for literal, name, _, _ in parts
        )
        pieces = [(literal, name) for literal, name, _, _ in formatter.parse(other)]
        out.append((re.compile(pattern + r"\Z", re.S), pieces))
    return out


def tr_text(text: object, language: Language | None = None) -> object:
    """A message made before the reader's language was known, in the language.

    A :class:`Message` (or an error raised with one) is translated, then filled in. A plain
    English text, stored with its fields already filled in (the reasons in an import's
    ``quarantine.csv`` read back from the file), is looked up whole, or else matched against
    the messages' templates, a field that is itself a message being translated too. Messages
    shown at once are translated before they are filled in (:func:`tr`). Other values are
    returned as they are.
    """
    lang = language or _current["language"]
    if isinstance(text, BaseException):
        text = message_of(text)
    if isinstance(text, Message):
        return text.translated(lang)
    if lang == SOURCE_LANGUAGE or not isinstance(text, str):
        return text
    found = _translated(text, lang)
    if found is None:
        warnings.warn(f"no {lang!r} message for {text!r}", MissingLabel, stacklevel=2)
        return text
    return found


def _translated(text: str, lang: str) -> str | None:
    table = _entries(lang, "messages")
    if (None, text) in table:
        return table[(None, text)]
    for pattern, pieces in _filled_templates(lang):
        match = pattern.match(text)
        if match:
            return "".join(
                literal + ((_translated(match[name], lang) or match[name]) if name else "")
                for literal, name in pieces
            )
    return None


def shown(text: object) -> str:
    """An English message the library made (a step, a note, an error), in the reader's
    language where the catalogue has it, and as it is where not (no warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingLabel)
        return str(tr_text(text))
