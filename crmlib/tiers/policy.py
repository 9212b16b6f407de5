"""A membership policy as validated data (网店会员管理, §7.2.4): tiers, benefits, growth rule.

The models are pydantic v2 models: keyword-only, frozen, unknown fields rejected. Any problem is
raised as a :class:`PolicyError` (a ``ValueError``) whose message names the tier and the field,
what was expected and what was given, e.g.::

    tier 'gold', field 'rolling': thresholds must increase with the tier (400 is not above silver's 500)
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import locale
from ..locale import _, tr

Rule = Literal["rolling", "either"]
"""How a tier is reached.

``"rolling"`` (the textbook's rule): every 12 months each member is re-judged on the growth value
of the last 12 months; a member below the bar drops a tier. ``"either"``: an alternative some shops
use, where the rolling *or* the cumulative growth value since joining qualifies (a member whose
cumulative value passed a threshold never drops below it).
"""
RULES: tuple[str, ...] = get_args(Rule)

# What each bounded field expects, in words a policy writer understands.
EXPECTED = {
    "rolling": _("a non-negative number"),
    "cumulative": _("a non-negative number or null"),
    "discount": _("a price multiplier in (0, 1], e.g. 0.95 for 9.5折"),
    "offer_min": _("a non-negative amount"),
    "offer_off": _("a non-negative amount"),
    "return_days": _("a non-negative whole number of days"),
    "points_multiplier": _("a positive multiplier"),
    "birthday_points_multiplier": _("a positive multiplier"),
    "points_per_yuan": _("a non-negative number"),
    "photo_review_bonus": _("a non-negative number"),
    "share_bonus": _("a non-negative number"),
    "category_multipliers": _("positive multipliers"),
    "tiers": _("a list of at least one tier"),
    "name": _("a non-empty name"),
}


class Problem(NamedTuple):
    """One thing wrong with a policy: the field (``None``: the model as a whole) and what, in
    the reader's language (messages are translated when raised, as with gettext)."""

    field: str | None
    text: str

    def within(self, where: str) -> str:
        """The problem as a sentence, prefixed by the model it was found in (``where``)."""
        field = _field_name(self.field) if self.field else ""
        if where and field:
            return tr(
                _("{where}, field {field}: {problem}"), where=where, field=field, problem=self.text
            )
        if field:
            return tr(_("field {field}: {problem}"), field=field, problem=self.text)
        if where:
            return tr(_("{where}: {problem}"), where=where, problem=self.text)
        return self.text


def problem(field: str | None, message: str, **values: Any) -> Problem:
    """A :class:`Problem` whose English ``message`` (marked ``_()``) is shown translated."""
    return Problem(field, tr(message, **values))


def _field_name(field: str) -> str:
    """``'rolling'`` in English; the field's Chinese name with the file's key in Chinese."""
    if locale.current() == "en" or not locale.has(f"policy_field.{field}"):
        return repr(field)
    return f"{locale.t(f'policy_field.{field}')}（{field}）"


def local_name(name: Any, name_zh: str = "") -> str:
    """A tier's name for a reader of the current language: the catalogue's label when the
    policy names the tier as the catalogue does in Chinese (the textbook's tiers, shown in
    Traditional characters to a zh_TW reader), else the policy's own ``name_zh`` (empty in
    English)."""
    if locale.current() == "en":
        return ""
    catalogue_zh = locale.label("tier", str(name), "zh")
    if catalogue_zh is not None and name_zh in ("", catalogue_zh):
        return locale.label("tier", str(name)) or name_zh
    return name_zh


def _tier_name(name: Any, name_zh: str = "") -> str:
    """How a message names a tier: ``tier 'gold'``, or ``金卡会员（gold）`` in Chinese."""
    local = local_name(name, name_zh)
    if local and local != name:
        return tr(_("tier {name}"), name=f"{local}（{name}）")
    return tr(_("tier {name}"), name=repr(name))


class PolicyError(ValueError):
    """A membership policy that cannot be used; the message names the tier and the field.

    ``problems`` holds the problems one by one, without the prefix naming the model they were
    found in, so an enclosing model can name it (``tier 'gold', field 'discount': ...``).
    Messages are in the language set with :func:`crmlib.i18n.set_language` when raised.
    """

    def __init__(self, problems: Problem | list[Problem], where: str = ""):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.where = where
        super().__init__(tr(_("; ")).join(p.within(where) for p in self.problems))


def _where(loc: list, data: Any) -> str:
    """How an enclosing model names the nested model at ``loc``."""
    if loc[:1] == ["tiers"] and len(loc) > 1 and isinstance(loc[1], int):
        try:
            tier = data["tiers"][loc[1]]
            name = tier["name"] if isinstance(tier, dict) else tier.name
            name_zh = (tier.get("name_zh") if isinstance(tier, dict) else tier.name_zh) or ""
        except (KeyError, IndexError, TypeError, AttributeError):
            name, name_zh = f"#{loc[1] + 1}", ""
        return _tier_name(name, name_zh)
    if loc[:1] == ["growth"]:
        return tr(_("growth rule"))
    return ""  # benefits are named by their own field names


def _explain(
    exc: ValidationError, data: Any, unknown_message: str, known: list[str]
) -> list[Problem]:
    """pydantic's errors as a list of problems in the policy's own words."""
    found: list[Problem] = []
    unknown: list[str] = []
    for error in exc.errors():
        loc = list(error["loc"])
        nested = (error.get("ctx") or {}).get("error")
        field = str(loc[-1]) if loc else None
        if isinstance(nested, PolicyError):  # a nested model (or a validator) has explained itself
            inner = nested.problems
            if not loc and nested.where:  # this model's own validator, naming a tier itself
                inner = [Problem(None, p.within(nested.where)) for p in inner]
            where = _where(loc, data)  # a nested model: named here, from where it sits
            found += [Problem(None, p.within(where)) if where else p for p in inner]
        elif error["type"] == "extra_forbidden":
            unknown.append(str(field))
        elif error["type"] == "literal_error" and field == "rule":
            found.append(
                problem(
                    field, _("must be one of {rules}, got {got!r}"), rules=RULES, got=error["input"]
                )
            )
        else:
            expected = tr(EXPECTED[field]) if field in EXPECTED else error["msg"].lower()
            found.append(
                problem(
                    field,
                    _("expected {expected}, got {got!r}"),
                    expected=expected,
                    got=error["input"],
                )
            )
    if unknown:
        found.insert(
            0, problem(None, unknown_message, names=sorted(unknown), known=", ".join(known))
        )
    return found


class _Model(BaseModel):
    """Frozen, keyword-only, unknown fields rejected; errors raised as :class:`PolicyError`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _unknown_message: ClassVar[str] = _("unknown field(s) {names} (known: {known})")

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            found = _explain(exc, data, self._unknown_message, list(type(self).model_fields))
            raise PolicyError(found, self._label(data)) from None

    @classmethod
    def _label(cls, data: Any) -> str:
        return cls.__name__.lower()


class Benefits(_Model):
    """What a tier gives its members (§7.2.4's table).

    Attributes
    ----------
    discount : float
        Price multiplier in (0, 1]: 0.95 is 9.5折 (5% off).
    offer_min, offer_off : float
        Spend-X-save-Y: an order of at least ``offer_min`` (after the discount) saves
        ``offer_off``; 0 and 0 for none.
    return_days : int
        Return window in days.
    free_pickup, dedicated_agent, priority_shipping : bool
        Service benefits.
    points_multiplier : float
        Growth-value multiplier on this tier's members' purchases (1.0: none).
    birthday_points_multiplier : float
        Extra multiplier on purchases in the member's birthday month (the textbook's diamond
        tier: 2.0, "double points in the birthday month").
    experiences : str
        Experience benefits in words (new-product trials, member-only sales, ...).
    """

    discount: float = Field(1.0, gt=0, le=1)
    offer_min: float = Field(0.0, ge=0)
    offer_off: float = Field(0.0, ge=0)
    return_days: int = Field(7, ge=0)
    free_pickup: bool = False
    dedicated_agent: bool = False
    priority_shipping: bool = False
    points_multiplier: float = Field(1.0, gt=0)
    birthday_points_multiplier: float = Field(1.0, gt=0)
    experiences: str = ""
    _unknown_message: ClassVar[str] = _("unknown benefit(s) {names} (known: {known})")

    @model_validator(mode="after")
    def _offer_below_its_threshold(self) -> Benefits:
        if self.offer_off > 0 and not self.offer_off < self.offer_min:
            raise PolicyError(
                problem(
                    "offer_off",
                    _("expected between 0 and offer_min ({offer_min:g}), got {got:g}"),
                    offer_min=self.offer_min,
                    got=self.offer_off,
                )
            )
        return self


class Tier(_Model):
    """One membership level: a name, thresholds in growth value points, and benefits.

    ``rolling`` is the rolling 12-month threshold; ``cumulative`` the cumulative one (``None``:
    the tier cannot be reached on cumulative growth). ``name_zh`` is the tier's Chinese name.
    """

    name: str = Field(min_length=1)
    name_zh: str = ""
    rolling: float = Field(0.0, ge=0)
    cumulative: float | None = Field(None, ge=0)
    benefits: Benefits = Field(default_factory=Benefits)

    @classmethod
    def _label(cls, data: Any) -> str:
        if not isinstance(data, dict):
            return tr(_("tier {name}"), name="?")
        return _tier_name(data.get("name", "?"), data.get("name_zh") or "")


class GrowthRule(_Model):
    """Growth value (成长值): points per yuan paid net of refunds, plus bonuses (§7.2.4).

    ``category_multipliers`` maps a category to a multiplier (e.g. ``{"手提包": 2.0}`` for
    double points on premium handbags). ``photo_review_bonus`` is added per review with photos,
    ``share_bonus`` per recorded share (our data has no shares, so it is 0 by default).
    """

    points_per_yuan: float = Field(1.0, ge=0)
    category_multipliers: dict[str, float] = Field(default_factory=dict)
    photo_review_bonus: float = Field(50.0, ge=0)
    share_bonus: float = Field(0.0, ge=0)

    @model_validator(mode="after")
    def _positive_multipliers(self) -> GrowthRule:
        bad = {k: v for k, v in self.category_multipliers.items() if not v > 0}
        if bad:
            raise PolicyError(
                problem(
                    "category_multipliers", _("expected positive multipliers, got {bad}"), bad=bad
                )
            )
        return self

    @classmethod
    def _label(cls, data: Any) -> str:
        return tr(_("growth rule"))


class Policy(_Model):
    """A membership programme: ordered tiers (lowest first), the qualification rule, growth."""

    tiers: tuple[Tier, ...] = Field(min_length=1)
    rule: Rule = "rolling"
    growth: GrowthRule = Field(default_factory=GrowthRule)
    name: str = "policy"

    @classmethod
    def _label(cls, data: Any) -> str:
        return ""  # its own checks name the policy or the tier

    @model_validator(mode="after")
    def _thresholds_increase(self) -> Policy:
        names = [t.name for t in self.tiers]
        if len(set(names)) != len(names):
            raise PolicyError(
                problem(
                    None,
                    _("policy {name!r}: tier names must be unique, got {names}"),
                    name=self.name,
                    names=names,
                )
            )
        base = self.tiers[0]
        if base.rolling != 0:
            raise PolicyError(
                problem(
                    "rolling",
                    _("the first tier is the entry tier, its threshold must be 0 (got {got:g})"),
                    got=base.rolling,
                ),
                _tier_name(base.name, base.name_zh),
            )
        for lower, upper in zip(self.tiers, self.tiers[1:], strict=False):
            for field in ("rolling", "cumulative"):
                low, high = getattr(lower, field), getattr(upper, field)
                if field == "cumulative" and (low is None or high is None):
                    continue
                if not high > low:
                    raise PolicyError(
                        problem(
                            field,
                            _(
                                "thresholds must increase with the tier ({high:g} is not above {lower}'s {low:g})"
                            ),
                            high=high,
                            lower=local_name(lower.name, lower.name_zh) or lower.name,
                            low=low,
                        ),
                        _tier_name(upper.name, upper.name_zh),
                    )
        return self

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tiers]

    def replace_tiers(self, changes: dict[str, dict[str, Any]]) -> Policy:
        """A copy with several tiers changed at once, validated once as a whole.

        ``changes`` maps a tier name to its changed fields; benefit fields (``discount``, ...)
        may be given beside tier fields (``rolling``, ``cumulative``)::

            policy.replace_tiers({"gold": {"rolling": 2500}, "silver": {"rolling": 2000}})
        """
        unknown = sorted(set(changes) - set(self.names))
        if unknown:
            raise PolicyError(
                problem(
                    None,
                    _("no tier {name!r}; tiers are {names}"),
                    name=unknown[0],
                    names=self.names,
                )
            )
        benefit_fields = set(Benefits.model_fields)
        data = self.model_dump()
        tiers = []
        for tier in data["tiers"]:
            tier = {**tier, "benefits": dict(tier["benefits"])}
            for key, value in changes.get(tier["name"], {}).items():
                (tier["benefits"] if key in benefit_fields else tier)[key] = value
            tiers.append(tier)
        return Policy(**{**data, "tiers": tiers})

    def replace_tier(self, name: str, **changes: Any) -> Policy:
        """A copy with one tier's fields (or benefit fields) changed."""
        return self.replace_tiers({name: changes})

    def with_rule(self, rule: Rule) -> Policy:
        """A copy with another qualification rule."""
        return Policy(**{**self.model_dump(), "rule": rule})

    def with_name(self, name: str) -> Policy:
        """A copy under another name (to tell versions apart when comparing them)."""
        return Policy(**{**self.model_dump(), "name": name})


def textbook_policy() -> Policy:
    """The textbook's clothing-shop programme (§7.2.4): ordinary / silver / gold / diamond.

    Thresholds in growth value (1 point per yuan): silver 500 in the last 12 months (or 800
    cumulative), gold 1500 (2500), diamond 3000 (5000); re-judged every 12 months on the last
    12 months (rule ``"rolling"``). Diamond members earn double points in their birthday month.
    """
    return Policy(
        name="textbook",
        tiers=(
            Tier(
                name="ordinary",
                name_zh="普通会员",
                benefits=Benefits(discount=0.98, return_days=7),
            ),
            Tier(
                name="silver",
                name_zh="银卡会员",
                rolling=500,
                cumulative=800,
                benefits=Benefits(
                    discount=0.95,
                    offer_min=300,
                    offer_off=50,
                    return_days=15,
                    free_pickup=True,
                    experiences="new-product trials",
                ),
            ),
            Tier(
                name="gold",
                name_zh="金卡会员",
                rolling=1500,
                cumulative=2500,
                benefits=Benefits(
                    discount=0.90,
                    offer_min=500,
                    offer_off=120,
                    return_days=30,
                    free_pickup=True,
                    dedicated_agent=True,
                    experiences="member-only sales",
                ),
            ),
            Tier(
                name="diamond",
                name_zh="钻石会员",
                rolling=3000,
                cumulative=5000,
                benefits=Benefits(
                    discount=0.85,
                    offer_min=1000,
                    offer_off=300,
                    return_days=30,
                    free_pickup=True,
                    dedicated_agent=True,
                    priority_shipping=True,
                    birthday_points_multiplier=2.0,
                    experiences="customised service; lifetime free repair on some goods",
                ),
            ),
        ),
    )
