"""A membership policy as validated data (网店会员管理, §7.2.4): tiers, benefits, growth rule.

The models are pydantic v2 models: keyword-only, frozen, unknown fields rejected. Any problem is
raised as a :class:`PolicyError` (a ``ValueError``) whose message names the tier and the field,
what was expected and what was given, e.g.::

    tier 'gold', field 'rolling': thresholds must increase with the tier (400 is not above silver's 500)
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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
    "rolling": "a non-negative number",
    "cumulative": "a non-negative number or null",
    "discount": "a price multiplier in (0, 1], e.g. 0.95 for 9.5折",
    "offer_min": "a non-negative amount",
    "offer_off": "a non-negative amount",
    "return_days": "a non-negative whole number of days",
    "points_multiplier": "a positive multiplier",
    "birthday_points_multiplier": "a positive multiplier",
    "points_per_yuan": "a non-negative number",
    "photo_review_bonus": "a non-negative number",
    "share_bonus": "a non-negative number",
    "category_multipliers": "positive multipliers",
    "tiers": "a list of at least one tier",
    "name": "a non-empty name",
}


class PolicyError(ValueError):
    """A membership policy that cannot be used; the message names the tier and the field.

    ``parts`` holds the problems one by one, without the prefix naming the model they were
    found in, so an enclosing model can name it (``tier 'gold', field 'discount': ...``).
    """

    def __init__(self, message: str, parts: list[str] | None = None):
        super().__init__(message)
        self.parts = parts if parts is not None else [message]


def _join(label: str, part: str) -> str:
    if not label:
        return part
    return f"{label}, {part}" if part.startswith("field ") else f"{label}: {part}"


def _where(loc: list, data: Any) -> str:
    """How an enclosing model names the nested model at ``loc``."""
    if loc[:1] == ["tiers"] and len(loc) > 1 and isinstance(loc[1], int):
        try:
            tier = data["tiers"][loc[1]]
            name = tier["name"] if isinstance(tier, dict) else tier.name
        except (KeyError, IndexError, TypeError, AttributeError):
            name = f"#{loc[1] + 1}"
        return f"tier {name!r}"
    if loc[:1] == ["growth"]:
        return "growth rule"
    return ""  # benefits are named by their own field names


def _explain(exc: ValidationError, data: Any, unknown_word: str, known: list[str]) -> list[str]:
    """pydantic's errors as a list of problems in the policy's own words."""
    parts: list[str] = []
    unknown: list[str] = []
    for error in exc.errors():
        loc = list(error["loc"])
        nested = (error.get("ctx") or {}).get("error")
        field = str(loc[-1]) if loc else None
        if isinstance(nested, PolicyError):  # a nested model has explained itself
            parts += [_join(_where(loc, data), part) for part in nested.parts]
        elif error["type"] == "extra_forbidden":
            unknown.append(str(field))
        elif error["type"] == "literal_error" and field == "rule":
            parts.append(f"rule must be one of {RULES}, got {error['input']!r}")
        elif error["type"] == "value_error":  # the model's own validator, already in words
            parts.append(error["msg"].removeprefix("Value error, "))
        else:
            expected = EXPECTED.get(str(field), error["msg"].lower())
            parts.append(f"field {field!r}: expected {expected}, got {error['input']!r}")
    if unknown:
        parts.insert(0, f"unknown {unknown_word} {sorted(unknown)} (known: {', '.join(known)})")
    return parts


class _Model(BaseModel):
    """Frozen, keyword-only, unknown fields rejected; errors raised as :class:`PolicyError`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _unknown_word: ClassVar[str] = "field(s)"

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            parts = _explain(exc, data, self._unknown_word, list(type(self).model_fields))
            label = self._label(data)
            raise PolicyError("; ".join(_join(label, p) for p in parts), parts) from None

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
    _unknown_word: ClassVar[str] = "benefit(s)"

    @model_validator(mode="after")
    def _offer_below_its_threshold(self) -> Benefits:
        if self.offer_off > 0 and not self.offer_off < self.offer_min:
            raise ValueError(
                f"field 'offer_off': expected between 0 and offer_min ({self.offer_min:g}), "
                f"got {self.offer_off:g}"
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
        return f"tier {data.get('name', '?')!r}" if isinstance(data, dict) else "tier"


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
            raise ValueError(
                f"field 'category_multipliers': expected positive multipliers, got {bad}"
            )
        return self

    @classmethod
    def _label(cls, data: Any) -> str:
        return "growth rule"


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
            raise ValueError(f"policy {self.name!r}: tier names must be unique, got {names}")
        base = self.tiers[0]
        if base.rolling != 0:
            raise ValueError(
                f"tier {base.name!r}, field 'rolling': the first tier is the entry tier, "
                f"its threshold must be 0 (got {base.rolling:g})"
            )
        for lower, upper in zip(self.tiers, self.tiers[1:], strict=False):
            for field in ("rolling", "cumulative"):
                low, high = getattr(lower, field), getattr(upper, field)
                if field == "cumulative" and (low is None or high is None):
                    continue
                if not high > low:
                    raise ValueError(
                        f"tier {upper.name!r}, field {field!r}: thresholds must increase with the "
                        f"tier ({high:g} is not above {lower.name}'s {low:g})"
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
            raise PolicyError(f"no tier {unknown[0]!r}; tiers are {self.names}")
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
