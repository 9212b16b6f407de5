"""Two editions, one code: labels, tables and figures in the reader's language.

A notebook says its language once, in its first code cell::

    from crmlib import i18n
    i18n.set_language("zh")     # the English edition says "en"; nothing else differs

After that, :func:`t` gives a label (``t("fig.share_of_customers")``), :func:`show` displays a
table with its headers and category values in that language, and :func:`names` translates
category values for plots. ``crmlib``'s own column names stay English snake_case: they are the
code's API, identical in both editions. Figures use the bundled CJK font (:mod:`crmlib.fonts`).

The words themselves are in the gettext catalogues of :mod:`crmlib.locale` (``labels.po``,
``messages.po`` per language), which any module may use; this module adds what tables and
figures need on top and re-exports the catalogue's functions (``t``, ``tr``, ``_``) for the
notebooks.
"""

from __future__ import annotations

import calendar
import datetime
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd

from ..locale import (
    LANGUAGES,
    Language,
    Message,
    MissingLabel,
    _,
    activate,
    current,
    has,
    labels,
    message_of,
    pgettext,
    shown,
    t,
    tr,
    tr_text,
)
from ..tags import readable_rule

__all__ = [
    "LANGUAGES",
    "MISSING",
    "Language",
    "Message",
    "MissingLabel",
    "_",
    "column_label",
    "date_ticks",
    "has",
    "language",
    "message_of",
    "month_label",
    "names",
    "pgettext",
    "set_language",
    "show",
    "shown",
    "t",
    "tr",
    "tr_text",
    "using",
]

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
# kind -> (word kind, separator in the code's names); each language's separator is its label
# punctuation.list_separator.
COMPOSITE = {"cluster_name": ("cluster_word", ", ")}


def set_language(language: Language) -> None:
    """Choose the language of labels, tables and figures, and set up the CJK font for figures.

    Also lets pandas show a table cell's whole text (``display.max_colwidth``): a reader's
    tables hold sentences (what to do, why a row was excluded) that must not end in "...".
    """
    activate(language)
    pd.set_option("display.max_colwidth", None)
    from ..fonts import use_in_matplotlib

    use_in_matplotlib()


@contextmanager
def using(language: Language) -> Iterator[Language]:
    """Labels and messages in ``language`` inside a ``with`` block (tests, a second edition)."""
    before = current()
    set_language(language)
    try:
        yield language
    finally:
        activate(before)


def language() -> Language:
    """The current language (``"en"`` until :func:`set_language` is called)."""
    return current()


def names(values: Iterable, kind: str, language: Language | None = None) -> list[str]:
    """Category values (``"high"``, ``"paid"``, ...) as labels of ``kind``."""
    return [t(f"{kind}.{v}", language) if has(f"{kind}.{v}") else str(v) for v in values]


def _composite(value: object, kind: str, lang: Language) -> object:
    """ "recent, repeat, high spend (2)" -> "近期、复购、高消费 (2)" word by word."""
    words_kind, sep = COMPOSITE[kind]
    if not isinstance(value, str):
        return value
    text, bracket, number = value.partition(" (")
    words = [t(f"{words_kind}.{w}", lang) for w in text.split(sep)]
    joiner = t("punctuation.list_separator", lang)
    return joiner.join(words) + (bracket + number if bracket else "")


def _translate_values(values: pd.Index | pd.Series, kind: str, lang: Language):
    if kind == "message":  # texts written in English by crmlib (an import's reasons)
        return values.map(lambda v: tr_text(v, lang))
    if kind in COMPOSITE:
        return values.map(lambda v: _composite(v, kind, lang))
    if kind == "tag_rule":  # a rule written as code, shown in the reader's words
        return values.map(lambda v: readable_rule(v, lang) if isinstance(v, str) else v)
    mapping = labels(kind, lang)

    def one(value):
        if value in mapping:
            return mapping[value]
        if isinstance(value, str) and lang != "en":  # English falls back to the code's name
            warnings.warn(f"no {lang!r} label for '{kind}.{value}'", MissingLabel, stacklevel=4)
        return value

    if isinstance(values, pd.Index):
        return values.map(one)
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.cat.rename_categories(one)
        return values.astype(object).fillna(MISSING) if values.isna().any() else values
    return values.map(lambda v: MISSING if v is None or v is pd.NA or v != v else one(v))


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
    lang = language or current()
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
