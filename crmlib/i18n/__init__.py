"""Two editions, one code: labels, tables and figures in the reader's language.

A notebook says its language once, in its first code cell::

    from crmlib import i18n
    i18n.set_language("zh")     # the English edition says "en"; nothing else differs

After that, :func:`t` gives a label (``t("fig.share_of_customers")``), :func:`show` displays a
table with its headers and category values in that language, and :func:`names` translates
category values for plots. ``crmlib``'s own column names stay English snake_case: they are the
code's API, identical in both editions. Figures use the bundled CJK font (:mod:`crmlib.fonts`).
"""

from __future__ import annotations

import calendar
import datetime
import re
import string
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Literal

import pandas as pd

from .labels import LANGUAGES, catalogue

Language = Literal["zh", "en"]

# Which label kind the values of a column (or an index) belong to.
VALUE_KINDS = {
    "purchase_model": "purchase_model",
    "value_segment": "value_segment",
    "lifecycle": "lifecycle",
    "behaviour": "behaviour",
    "customer_type": "customer_type",
    "tier": "tier",
    "next_tier": "tier",
    "from": "tier",
    "to": "tier",
    "status": "status",
    "kind": "service_kind",
    "channel": "channel",
    "acquisition_channel": "channel",
    "family": "family",
    "channel_family": "family",
    "rf_segment": "rf_segment",
    "symbol": "credit_symbol",
    "movement": "movement",
    "cn8_class": "cn8_class",
    "festival": "festival",
    "metric": "metric",
    "feature": "feature",
    "tier_a": "tier",
    "tier_b": "tier",
    "tag": "tag",
    "crowd": "crowd",
    "cluster_name": "cluster_name",
    "gender": "gender",
    "parameter": "model_parameter",
    "statistic": "statistic",
    "grade": "grade",
    "exclusion": "exclusion",
    "item": "campaign_item",
    "target": "target",
    "ranking": "ranking",
    "platform": "platform",
    "response_band": "response_band",
}
#: How a missing value is shown in a table a reader sees (not NaN, NaT or <NA>).
MISSING = "—"
# Values built from several words ("recent, repeat, high spend" from crmlib.clusters):
# kind -> (word kind, separator in the code's names, separator per language).
COMPOSITE = {"cluster_name": ("cluster_word", ", ", {"zh": "、", "en": ", "})}

_current: dict[str, Language] = {"language": "en"}


def _(message: str) -> str:
    """Mark ``message`` as shown to a reader, to be translated with :func:`tr` when shown.

    The marked English texts are the keys of :mod:`crmlib.i18n.messages`; a test finds every
    ``_("...")`` in ``crmlib`` and checks that each language has it.
    """
    return message


class MissingLabel(UserWarning):
    """A word shown to a reader has no label in the catalogue for the current language."""


@cache
def _labels() -> dict[str, dict[str, dict[str, str]]]:
    return catalogue()


def set_language(language: Language) -> None:
    """Choose the language of labels, tables and figures, and set up the CJK font for figures.

    Also lets pandas show a table cell's whole text (``display.max_colwidth``): a reader's
    tables hold sentences (what to do, why a row was excluded) that must not end in "...".
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    _current["language"] = language
    pd.set_option("display.max_colwidth", None)
    from ..fonts import use_in_matplotlib

    use_in_matplotlib()


@contextmanager
def using(language: Language) -> Iterator[Language]:
    """Labels and messages in ``language`` inside a ``with`` block (tests, a second edition)."""
    before = _current["language"]
    set_language(language)
    try:
        yield language
    finally:
        _current["language"] = before


def language() -> Language:
    """The current language (``"en"`` until :func:`set_language` is called)."""
    return _current["language"]


def t(key: str, language: Language | None = None, **values: object) -> str:
    """The label ``kind.key`` in the current (or given) language, with ``values`` filled in.

    Labels may hold ``str.format`` fields: ``t("fig.lorenz_title", gini=0.53)``.
    A missing label warns (:class:`MissingLabel`) and falls back to the key itself, so a notebook
    run treats it as a failure while a reader still sees something.
    """
    kind, _, name = key.partition(".")
    lang = language or _current["language"]
    try:
        text = _labels()[kind][name][lang]
    except KeyError:
        warnings.warn(f"no {lang!r} label for {key!r}", MissingLabel, stacklevel=2)
        return name or key
    return text.format(**values) if values else text


def has(key: str) -> bool:
    kind, _, name = key.partition(".")
    return name in _labels().get(kind, {})


def names(values: Iterable, kind: str, language: Language | None = None) -> list[str]:
    """Category values (``"high"``, ``"paid"``, ...) as labels of ``kind``."""
    return [t(f"{kind}.{v}", language) if has(f"{kind}.{v}") else str(v) for v in values]


def _composite(value: object, kind: str, lang: Language) -> object:
    """ "recent, repeat, high spend (2)" -> "近期、复购、高消费 (2)" word by word."""
    words_kind, sep, joiners = COMPOSITE[kind]
    if not isinstance(value, str):
        return value
    text, bracket, number = value.partition(" (")
    words = [t(f"{words_kind}.{w}", lang) for w in text.split(sep)]
    return joiners[lang].join(words) + (bracket + number if bracket else "")


def _translate_values(values: pd.Index | pd.Series, kind: str, lang: Language):
    if kind == "message":  # texts written in English by crmlib (an import's reasons)
        return values.map(lambda v: tr_text(v, lang))
    if kind in COMPOSITE:
        return values.map(lambda v: _composite(v, kind, lang))
    known = _labels().get(kind, {})
    mapping = {k: v[lang] for k, v in known.items()}

    def one(value):
        if value in mapping:
            return mapping[value]
        if isinstance(value, str) and lang != "en":  # English falls back to the code's name
            warnings.warn(f"no {lang!r} label for '{kind}.{value}'", MissingLabel, stacklevel=4)
        return value

    if isinstance(values, pd.Index):
        return values.map(one)
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories(one)
    return values.map(one)


def column_label(name, lang: Language) -> str:
    """A header in the language; numbers, dates and en headers without a label stay as they are."""
    if not isinstance(name, str) or not any(c.isalpha() for c in name):
        return name
    if lang == "en" and not has(f"column.{name}"):
        return name
    return t(f"column.{name}", lang)


def show(
    frame: pd.DataFrame | pd.Series,
    language: Language | None = None,
    *,
    kinds: dict[str, str] | None = None,
) -> pd.DataFrame | pd.Series:
    """A copy for display: column headers, index names and category values in the language.

    Columns and indexes named like a category kind (``tier``, ``channel``, ``value_segment``,
    ...) have their values translated; ``kinds`` names more (``{"truth": "behaviour"}``).
    Other values are left as they are. The data itself is not changed: use the original frame
    for further work.
    """
    lang = language or _current["language"]
    known = {**VALUE_KINDS, **(kinds or {})}
    out = frame.copy()
    if isinstance(out, pd.Series):
        if out.name in known:
            out = _translate_values(out, known[out.name], lang)
        out.index = _index(out.index, lang, known)
        out.name = column_label(out.name, lang) if out.name is not None else None
        return out
    for column in out.columns:
        if column in known:
            out[column] = _translate_values(out[column], known[column], lang)
        else:
            out[column] = _readable(out[column], lang)
    out.index = _index(out.index, lang, known)
    out.columns = _index(out.columns, lang, known, headers=True)
    return out


def month_label(when: pd.Timestamp | datetime.date, language: Language | None = None) -> str:
    """A month as a reader writes it: ``2024年1月``, ``Jan 2024`` (not the C locale's names)."""
    return t(
        "fig.month_tick",
        language,
        year=when.year,
        month=when.month,
        abbr=calendar.month_abbr[when.month],
    )


def date_ticks(ax, months: tuple[int, ...] = (1, 4, 7, 10)) -> None:
    """Label a date x-axis by month in the reader's language (matplotlib writes Jan, Apr, ...).

    For a pandas plot, draw with ``x_compat=True`` so that the axis holds matplotlib dates.
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter, NullLocator

    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=months))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: month_label(mdates.num2date(x))))
    ax.xaxis.set_minor_locator(NullLocator())


def _yes_no(lang: Language) -> dict[bool, str]:
    return {True: t("value.yes", lang), False: t("value.no", lang)}


def _readable(values: pd.Series, lang: Language) -> pd.Series:
    """Values as a reader would write them: 是/否 for True/False, dates without a midnight
    time, and :data:`MISSING` for a missing number or date (numbers keep pandas' float format)."""
    if pd.api.types.is_bool_dtype(values):
        return values.map(_yes_no(lang))
    if pd.api.types.is_datetime64_any_dtype(values):
        times = values.dropna()
        if len(times) and (times == times.dt.normalize()).all():
            return values.dt.strftime("%Y-%m-%d").fillna(MISSING)
        return values.astype(object).where(values.notna(), MISSING)
    if pd.api.types.is_float_dtype(values) and values.isna().any():
        shown = pd.get_option("display.float_format") or "{:g}".format
        return values.map(lambda v: MISSING if pd.isna(v) else shown(v))
    return values


def _index(
    index: pd.Index, lang: Language, known: dict[str, str], headers: bool = False
) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        levels = [
            _index(index.get_level_values(i), lang, known, headers) for i in range(index.nlevels)
        ]
        return pd.MultiIndex.from_arrays(levels)
    name = index.name
    if name in known:
        index = _translate_values(index, known[name], lang)
    elif pd.api.types.is_bool_dtype(index):  # a True/False split, e.g. resolved or not
        index = index.map(_yes_no(lang))
    elif headers:
        index = index.map(lambda c: column_label(c, lang))
    elif name is None and any(isinstance(v, str) and has(f"column.{v}") for v in index):
        index = index.map(lambda c: column_label(c, lang))  # row labels: a transposed table
    index.name = column_label(name, lang) if name is not None else None
    return index


@cache
def _filled_templates(lang: str) -> list[tuple[re.Pattern, list[tuple[str, str | None]]]]:
    """Each message with fields as a pattern matching its filled-in English, and the pieces
    (literal text, field name) of its translation."""
    from .messages import MESSAGES

    out = []
    formatter = string.Formatter()
    for english, other in MESSAGES[lang].items():
        parts = list(formatter.parse(english))
        if not any(name for _, name, _, _ in parts):
            continue
        pattern = "".join(
            re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
            for literal, name, _, _ in parts
        )
        pieces = [(literal, name) for literal, name, _, _ in formatter.parse(other)]
        out.append((re.compile(pattern + r"\Z", re.S), pieces))
    return out


def tr_text(text: object, language: Language | None = None) -> object:
    """An English message as it was shown, fields already filled in (a reason stored in an
    import's quarantine), in the language: a whole text by lookup, a filled-in one by matching
    it against the messages' templates. Non-text values are returned as they are."""
    from .messages import MESSAGES

    lang = language or _current["language"]
    if lang == "en" or not isinstance(text, str):
        return text
    found = _translated(text, lang, MESSAGES[lang])
    if found is None:
        warnings.warn(f"no {lang!r} message for {text!r}", MissingLabel, stacklevel=2)
        return text
    return found


def _translated(text: str, lang: str, table: dict[str, str]) -> str | None:
    """``text`` in ``lang``, or None. A filled-in field that is itself a message (a reason
    inside a strict import's error) is translated too."""
    if text in table:
        return table[text]
    for pattern, pieces in _filled_templates(lang):
        match = pattern.match(text)
        if match:
            return "".join(
                literal + ((_translated(match[name], lang, table) or match[name]) if name else "")
                for literal, name in pieces
            )
    return None


def tr(message: str, language: Language | None = None, **values: object) -> str:
    """A message written in English (a check's hint, a mistake) in the current language.

    The English text is its own key (as in gettext); other languages' texts are in
    :mod:`crmlib.i18n.messages`. ``values`` fill the ``str.format`` fields of the message.
    A missing translation warns (:class:`MissingLabel`) and shows the English.
    """
    from .messages import MESSAGES

    lang = language or _current["language"]
    text = message
    if lang != "en":
        text = MESSAGES[lang].get(message)
        if text is None:
            warnings.warn(f"no {lang!r} message for {message!r}", MissingLabel, stacklevel=2)
            text = message
    return text.format(**values) if values else text
