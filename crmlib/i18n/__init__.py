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

import warnings
from collections.abc import Iterable
from functools import cache
from typing import Literal

import pandas as pd

from .labels import LANGUAGES, catalogue

Language = Literal["zh", "en"]

# Which label kind the values of a column (or an index) belong to.
VALUE_KINDS = {
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
}

_current: dict[str, Language] = {"language": "en"}


class MissingLabel(UserWarning):
    """A word shown to a reader has no label in the catalogue for the current language."""


@cache
def _labels() -> dict[str, dict[str, dict[str, str]]]:
    return catalogue()


def set_language(language: Language) -> Language:
    """Choose the language of labels, tables and figures, and set up the CJK font for figures."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    _current["language"] = language
    from ..fonts import use_in_matplotlib

    use_in_matplotlib()
    return language


def language() -> Language:
    """The current language (``"en"`` until :func:`set_language` is called)."""
    return _current["language"]


def t(key: str, language: Language | None = None) -> str:
    """The label ``kind.key`` in the current (or given) language.

    A missing label warns (:class:`MissingLabel`) and falls back to the key itself, so a notebook
    run treats it as a failure while a reader still sees something.
    """
    kind, _, name = key.partition(".")
    lang = language or _current["language"]
    try:
        return _labels()[kind][name][lang]
    except KeyError:
        warnings.warn(f"no {lang!r} label for {key!r}", MissingLabel, stacklevel=2)
        return name or key


def has(key: str) -> bool:
    kind, _, name = key.partition(".")
    return name in _labels().get(kind, {})


def names(values: Iterable, kind: str, language: Language | None = None) -> list[str]:
    """Category values (``"high"``, ``"paid"``, ...) as labels of ``kind``."""
    return [t(f"{kind}.{v}", language) if has(f"{kind}.{v}") else str(v) for v in values]


def _translate_values(values: pd.Index | pd.Series, kind: str, lang: Language):
    known = _labels()[kind]
    mapping = {k: v[lang] for k, v in known.items()}
    if isinstance(values, pd.Index):
        return values.map(lambda v: mapping.get(v, v))
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories(lambda v: mapping.get(v, v))
    return values.map(lambda v: mapping.get(v, v))


def column_label(name, lang: Language) -> str:
    if not isinstance(name, str) or (lang == "en" and not has(f"column.{name}")):
        return name
    return t(f"column.{name}", lang)


def show(
    frame: pd.DataFrame | pd.Series, language: Language | None = None
) -> pd.DataFrame | pd.Series:
    """A copy for display: column headers, index names and category values in the language.

    Columns and indexes named like a category kind (``tier``, ``channel``, ``value_segment``,
    ...) have their values translated; other values are left as they are. The data itself is
    not changed: use the original frame for further work.
    """
    lang = language or _current["language"]
    out = frame.copy()
    if isinstance(out, pd.Series):
        if out.name in VALUE_KINDS:
            out = _translate_values(out, VALUE_KINDS[out.name], lang)
        out.index = _index(out.index, lang)
        out.name = column_label(out.name, lang) if out.name is not None else None
        return out
    for column in out.columns:
        if column in VALUE_KINDS:
            out[column] = _translate_values(out[column], VALUE_KINDS[column], lang)
    out.index = _index(out.index, lang)
    out.columns = _index(out.columns, lang, headers=True)
    return out


def _index(index: pd.Index, lang: Language, headers: bool = False) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index
    name = index.name
    if name in VALUE_KINDS:
        index = _translate_values(index, VALUE_KINDS[name], lang)
    elif headers:
        index = index.map(lambda c: column_label(c, lang))
    index.name = column_label(name, lang) if name is not None else None
    return index
