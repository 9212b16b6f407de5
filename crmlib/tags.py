"""Customer tags (打标签, §7.2.2–7.2.3): rule tags, staff notes, platform tags, crowds.

A tag turns a scattered fact into structured, reusable data. Here a tag is a named rule over
the customer archive, written as a pandas query so that anyone can read it::

    Tag("big_spender", "spend_12m >= 1000", "spent 1,000 yuan or more in the last 12 months")

:func:`tag_table` applies rule tags and adds the tags service staff typed by hand (Qianniu
备注); :func:`select` picks a crowd with an expression such as
``"big_spender AND NOT churn_risk"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .locale import Message, _, has, labels, t
from .orders import require_columns
from .segments import ACTIVE_DAYS, NEW_DAYS

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_QUERY_WORDS = {"and", "or", "not", "in", "True", "False", "None", "is"}


@dataclass(frozen=True)
class Tag:
    """A named rule: customers for whom ``rule`` (a pandas query on the archive) is true."""

    name: str
    rule: str
    description: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name) or self.name.upper() in {"AND", "OR", "NOT"}:
            raise ValueError(
                f"tag name {self.name!r} must be a word of letters, digits and _ (not AND/OR/NOT)"
            )

    @property
    def columns(self) -> tuple[str, ...]:
        """The archive columns the rule reads (its names that are not Python keywords)."""
        names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", self.rule)
        return tuple(dict.fromkeys(n for n in names if n not in _QUERY_WORDS))

    def apply(self, archive: pd.DataFrame) -> pd.Index:
        """Ids of the customers the rule selects."""
        try:
            return archive.query(self.rule).index
        except Exception as exc:  # pandas raises many kinds here; name the tag and the rule
            raise ValueError(
                f"tag {self.name!r}: cannot evaluate rule {self.rule!r}: {exc}"
            ) from exc


DEFAULT_TAGS = (
    Tag("big_spender", "spend_12m >= 1000", "spent 1,000 yuan or more in the last 12 months"),
    Tag("repeat_buyer", "orders >= 2", "bought at least twice (复购)"),
    Tag("one_time_buyer", "orders == 1", "bought exactly once"),
    Tag(
        "churn_risk",
        f"orders > 0 and days_since_last >= {ACTIVE_DAYS}",
        "no purchase for 6 months (流失风险)",
    ),
    Tag(
        "promo_lover",
        "orders >= 2 and promo_share >= 0.6",
        "most purchases used a coupon or discount",
    ),
    Tag("complainer", "complaints >= 1", "complained at least once"),
    Tag("photo_reviewer", "photo_reviews >= 1", "posted a review with photos"),
    Tag("community", "community_member", "joined the shop's customer group (§7.5)"),
    Tag("vip88", "vip88", "holds the platform's 88VIP membership"),
    Tag(
        "birthday_next_30d",
        "birthday_in_days <= 30",
        "birthday within 30 days: time for a greeting",
    ),
)


def meaning(tag: Tag) -> str:
    """What a tag means, for a reader: the default tags in the reader's language (the label
    catalogue's ``tag_meaning`` entries, :func:`crmlib.i18n.set_language`); a shop's own tags
    their ``description`` as written."""
    key = f"tag_meaning.{tag.name}"
    return t(key) if has(key) else tag.description


_RULE_TOKEN = re.compile(r"\s*(>=|<=|==|!=|>|<|\(|\)|[A-Za-z_][A-Za-z0-9_]*|[-+]?\d+(?:\.\d+)?|\S)")
_OPERATORS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}


def readable_rule(rule: str, language: str | None = None) -> str:
    """A tag's rule as a reader writes it: ``orders > 0 and days_since_last >= 182`` becomes
    ``成交订单数 > 0 且 距最近购买天数 ≥ 182``. Columns take their catalogue names, ``and``,
    ``or`` and ``not`` the reader's words, comparisons their signs; a column without a name in
    the catalogue stays as the code writes it (the rule itself is unchanged)."""
    words = []
    for token in _RULE_TOKEN.findall(rule):
        if token in _OPERATORS:
            words.append(_OPERATORS[token])
        elif token.lower() in ("and", "or", "not"):
            words.append(t(f"logic.{token.lower()}", language))
        elif token in ("True", "False"):
            words.append(t(f"value.{'yes' if token == 'True' else 'no'}", language))
        elif has(f"column.{token}"):
            words.append(t(f"column.{token}", language))
        else:
            words.append(token)
    return " ".join(words)


def describe_tags(tags: tuple[Tag, ...] | list[Tag] = DEFAULT_TAGS) -> pd.DataFrame:
    """The tags as a table: name, rule and meaning (:func:`meaning`)."""
    return pd.DataFrame(
        [{"tag": tag.name, "rule": tag.rule, "meaning": meaning(tag)} for tag in tags]
    )


def tag_table(
    archive: pd.DataFrame,
    tags: tuple[Tag, ...] | list[Tag] = DEFAULT_TAGS,
    manual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A tidy customer × tag table: one row per (customer, tag).

    Parameters
    ----------
    archive : pandas.DataFrame
        The customer archive.
    tags : sequence of Tag
        Rule tags (names must be unique).
    manual : pandas.DataFrame, optional
        Tags staff added by hand: columns ``customer_id``, ``tag`` and optionally ``note``.
        Customers not in the archive are an error (a typo in an id would silently lose a tag).

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``tag``, ``source`` (``rule`` or ``manual``), ``note``.
    """
    names = [t.name for t in tags]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"duplicate tag name(s) {dupes}")
    parts = [
        pd.DataFrame(
            {
                "customer_id": t.apply(archive),
                "tag": t.name,
                "source": "rule",
                "note": meaning(t),
            }
        )
        for t in tags
    ]
    if manual is not None:
        require_columns(manual, ["customer_id", "tag"], "tag_table (manual tags)")
        unknown = manual.loc[~manual["customer_id"].isin(archive.index), "customer_id"]
        if len(unknown):
            raise ValueError(
                f"manual tags name {len(unknown)} customer id(s) not in the archive, e.g. {list(unknown[:5])}"
            )
        bad = [t for t in manual["tag"].unique() if not _NAME.match(str(t))]
        if bad:
            raise ValueError(f"manual tag name(s) {bad} must be words of letters, digits and _")
        note = manual["note"] if "note" in manual else ""
        parts.append(
            pd.DataFrame(
                {
                    "customer_id": manual["customer_id"],
                    "tag": manual["tag"],
                    "source": "manual",
                    "note": note,
                }
            )
        )
    table = pd.concat(parts, ignore_index=True).drop_duplicates(["customer_id", "tag"])
    return table.sort_values(["customer_id", "tag"], ignore_index=True)


_TOKEN = re.compile(r"\s*(\(|\)|AND\b|OR\b|NOT\b|[A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)


def select(table: pd.DataFrame, expression: str, universe: pd.Index | None = None) -> pd.Index:
    """Customers matching a tag expression with AND, OR, NOT and parentheses.

    ``NOT`` is taken against ``universe`` (default: every customer in ``table``). Precedence:
    NOT binds tighter than AND, AND tighter than OR. Unknown tag names are an error.

    >>> select(tags, "big_spender AND NOT churn_risk")   # doctest: +SKIP
    """
    require_columns(table, ["customer_id", "tag"], "select")
    members = {name: set(ids) for name, ids in table.groupby("tag")["customer_id"]}
    everyone = set(universe) if universe is not None else set(table["customer_id"])
    pos, tokens = 0, []
    while pos < len(expression):
        m = _TOKEN.match(expression, pos)
        if not m:
            raise ValueError(
                Message(_("cannot read the tag expression at {rest}"), rest=repr(expression[pos:]))
            )
        tokens.append(m.group(1))
        pos = m.end()
        if not expression[pos:].strip():
            break
    tokens = [t for t in tokens if t]
    i = 0

    def peek() -> str | None:
        return tokens[i].upper() if i < len(tokens) else None

    def take() -> str:
        nonlocal i
        i += 1
        return tokens[i - 1]

    def expr() -> set:
        result = term()
        while peek() == "OR":
            take()
            result = result | term()
        return result

    def term() -> set:
        result = factor()
        while peek() == "AND":
            take()
            result = result & factor()
        return result

    def factor() -> set:
        token = peek()
        if token is None:
            raise ValueError(
                Message(
                    _("tag expression {expression} ends too early: a tag name is missing"),
                    expression=repr(expression),
                )
            )
        if token == "NOT":
            take()
            return everyone - factor()
        if token == "(":
            take()
            inner = expr()
            if peek() != ")":
                raise ValueError(
                    Message(
                        _("missing ')' in tag expression {expression}"), expression=repr(expression)
                    )
                )
            take()
            return inner
        name = take()
        if name in {")", "AND", "OR"} or name.upper() in {"AND", "OR"}:
            raise ValueError(
                Message(
                    _("unexpected {word} in tag expression {expression}"),
                    word=repr(name),
                    expression=repr(expression),
                )
            )
        if name not in members:
            raise ValueError(
                Message(
                    _("unknown tag {name} in {expression}; known tags: {known}"),
                    name=repr(name),
                    expression=repr(expression),
                    known=sorted(members),
                )
            )
        return members[name]

    result = expr()
    if i != len(tokens):
        raise ValueError(
            Message(
                _("unexpected {word} in tag expression {expression}"),
                word=repr(tokens[i]),
                expression=repr(expression),
            )
        )
    return pd.Index(sorted(result), name="customer_id")


# Taobao buyer credit levels: (lowest points, symbol, count). 0-3 points: no level yet.
CREDIT_LEVELS = (
    [(lo, "heart", k) for k, lo in enumerate((4, 11, 41, 91, 151), start=1)]
    + [(lo, "diamond", k) for k, lo in enumerate((251, 501, 1001, 2001, 5001), start=1)]
    + [(lo, "crown", k) for k, lo in enumerate((10001, 20001, 50001, 100001, 200001), start=1)]
    + [
        (lo, "gold_crown", k)
        for k, lo in enumerate((500001, 1000001, 2000001, 5000001, 10000001), start=1)
    ]
)


def credit_level(points: pd.Series | np.ndarray | int) -> pd.DataFrame:
    """The platform buyer credit level (心/钻/冠) for credit points.

    Bands: 4–10 points one heart, 11–40 two, 41–90 three, 91–150 four, 151–250 five hearts;
    251–500 one diamond … 5,001–10,000 five diamonds; 10,001–20,000 one crown … 200,001–500,000
    five crowns; then gold crowns. Below 4 points there is no level.

    Returns
    -------
    pandas.DataFrame
        ``symbol`` (heart/diamond/crown/gold_crown or ``none``), ``count`` (1-5, 0 for none)
        and ``label`` (e.g. ``3钻``).
    """
    values = pd.Series(np.atleast_1d(points))
    if (values < 0).any() or values.isna().any():
        raise ValueError(Message(_("credit points must be numbers 0 or more")))
    lows = np.array([lo for lo, _, _ in CREDIT_LEVELS])
    idx = np.searchsorted(lows, values.to_numpy(), side="right") - 1
    symbol = np.where(idx >= 0, np.array([s for _, s, _ in CREDIT_LEVELS])[idx.clip(0)], "none")
    count = np.where(idx >= 0, np.array([k for _, _, k in CREDIT_LEVELS])[idx.clip(0)], 0)
    names = labels("credit_symbol", "zh")  # the platform writes levels in Chinese: 3心, 1金冠
    label = [
        f"{c}{names[s]}" if s != "none" else names[s] for s, c in zip(symbol, count, strict=True)
    ]
    return pd.DataFrame({"symbol": symbol, "count": count, "label": label}, index=values.index)


def qianniu_lists(archive: pd.DataFrame) -> pd.DataFrame:
    """Qianniu's customer lists: bought (成交), not bought (未成交) and inquired (询单).

    Returns one boolean column each, indexed like the archive. Inquired customers may or may
    not have bought; every customer is either bought or not bought.
    """
    require_columns(archive, ["orders", "inquiries"], "qianniu_lists")
    bought = archive["orders"] > 0
    return pd.DataFrame(
        {"bought": bought, "not_bought": ~bought, "inquired": archive["inquiries"] > 0}
    )


def crowds(
    archive: pd.DataFrame,
    visits: pd.DataFrame,
    *,
    as_of: str | pd.Timestamp,
    interest_days: int = 30,
    new_days: int = NEW_DAYS,
) -> pd.DataFrame:
    """The customer-operations platform's crowds: interest, new customers, repurchase.

    * ``interest`` (兴趣人群): visited in the last ``interest_days`` and carted or inquired,
      without buying since;
    * ``new_customer`` (新客户): first purchase within the last ``new_days``;
    * ``repurchase`` (复购人群): two or more purchases.

    ``as_of`` is the archive's date (the same one given to ``build_archive``).
    """
    as_of = pd.Timestamp(as_of)
    require_columns(archive, ["orders", "last_purchase", "days_since_first"], "crowds (archive)")
    require_columns(
        visits, ["customer_id", "start_time", "added_to_cart", "asked_service"], "crowds (visits)"
    )
    recent = visits[
        (visits["start_time"] >= as_of - pd.Timedelta(days=interest_days))
        & (visits["start_time"] < as_of)
    ]
    engaged = (
        recent[recent["added_to_cart"] | recent["asked_service"]]
        .groupby("customer_id")["start_time"]
        .max()
    )
    last_buy = archive["last_purchase"].reindex(engaged.index)
    interest = engaged.index[last_buy.isna() | (last_buy < engaged)]
    return pd.DataFrame(
        {
            "interest": archive.index.isin(interest),
            "new_customer": (archive["days_since_first"] <= new_days).fillna(False).to_numpy(bool),
            "repurchase": (archive["orders"] >= 2).to_numpy(),
        },
        index=archive.index,
    )


def joined_tags(table: pd.DataFrame, index: pd.Index, separator: str = ";") -> pd.Series:
    """Each customer's tags in one string (``"churn_risk;repeat_buyer"``), in alphabetical order
    as :func:`tag_table` lists them; ``""`` for a customer without any. Vectorised: one pass
    per tag name, and each distinct set of tags joined once (a score table has millions of
    customers and a few dozen sets)."""
    groups = table.groupby("tag", sort=True)["customer_id"]
    names = [name for name, _rows in groups]
    has = np.zeros((len(index), len(names)), dtype=bool)
    for i, (_name, rows) in enumerate(groups):
        has[:, i] = index.isin(rows.to_numpy())
    if len(names) < 63:  # each set of tags as one integer (bit i: tag i), hashed: fast
        which, codes = pd.factorize(has @ (1 << np.arange(len(names), dtype=np.int64)))
        sets = (codes[:, None] >> np.arange(len(names))) & 1
    else:
        sets, which = np.unique(has, axis=0, return_inverse=True)
    joined = [separator.join(n for n, on in zip(names, row, strict=True) if on) for row in sets]
    return pd.Series(np.array(joined, dtype=object)[which.ravel()], index=index, dtype=object)
