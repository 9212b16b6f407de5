"""Who the shop's customers are: hidden traits, behaviour and attitude, and the customer table.

Traits follow the BG/NBD and Gamma-Gamma models exactly; everything else is drawn *given* them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special, stats

from .calendar import DAY, Calendar
from .channels import CHANNELS

AGE_BANDS = ("18-24", "25-29", "30-34", "35-39", "40-49", "50+")
_AGE_P = np.array([0.18, 0.26, 0.22, 0.15, 0.13, 0.06])
REGIONS = ("广东", "浙江", "江苏", "上海", "北京", "山东", "四川", "福建", "河南", "湖北", "其他")
_REGION_P = np.array([0.14, 0.11, 0.10, 0.07, 0.06, 0.07, 0.06, 0.05, 0.05, 0.04, 0.25])
BEHAVIOURS = ("impulse", "comparison", "loyal_repeat")
IMPULSE, COMPARISON, LOYAL_REPEAT = range(3)
ATTITUDES = ("ordinary", "mercenary", "hostage")
ORDINARY, MERCENARY, HOSTAGE = range(3)
_IMPULSE_CHANNELS = (
    "live_video",
    "platform_events",
    "recommendation",
    "display_ads",
    "recommendation_ads",
)
_NICK_HEAD = tuple("abcdefghjkmnprstwxyz") + tuple("小大阿甜萌糖柚桃梨喵")
_NICK_TAIL = tuple("0123456789") + tuple("猫兔鱼酱呀宝")


def choice_rows(rng: np.random.Generator, logits: np.ndarray) -> np.ndarray:
    """One categorical draw per row of ``logits`` (Gumbel-max trick, vectorised)."""
    return np.argmax(logits + rng.gumbel(size=logits.shape), axis=1)


def _normal_score(u: np.ndarray) -> np.ndarray:
    return special.ndtri(np.clip(u, 1e-12, 1 - 1e-12))


@dataclass(frozen=True)
class Traits:
    """Hidden per-buyer traits: purchase rate ``lam``, ``dropout``, spend scale ``nu``; their
    normal scores; ``loyalty`` (0..1, uniform, high = loyal) and ``price_sens`` (standard normal,
    independent of the purchase process)."""

    lam: np.ndarray
    dropout: np.ndarray
    nu: np.ndarray
    z_rate: np.ndarray
    loyalty: np.ndarray
    z_loyal: np.ndarray
    price_sens: np.ndarray

    @property
    def size(self) -> int:
        return self.lam.size


def draw_traits(rng: np.random.Generator, params, n: int) -> Traits:
    """Purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b), spend scale ~ Gamma(q, gamma)."""
    lam = rng.gamma(params.r, 1.0 / params.alpha, n)
    dropout = rng.beta(params.a, params.b, n)
    nu = rng.gamma(params.q, 1.0 / params.gamma, n)
    z_rate = _normal_score(stats.gamma.cdf(lam, params.r, scale=1.0 / params.alpha))
    z_stay = _normal_score(1.0 - stats.beta.cdf(dropout, params.a, params.b))
    loyalty = special.ndtr(0.8 * z_rate + 0.6 * z_stay)
    price_sens = rng.normal(size=n)
    return Traits(lam, dropout, nu, z_rate, loyalty, _normal_score(loyalty), price_sens)


@dataclass(frozen=True)
class Temperament:
    """Per buyer: behaviour type, attitude (ordinary / mercenary / hostage), satisfaction 0..1
    and coupon habit (probability of using a coupon)."""

    behaviour: np.ndarray
    attitude: np.ndarray
    satisfaction: np.ndarray
    coupon_habit: np.ndarray


def draw_temperament(
    rng: np.random.Generator, traits: Traits, channels: pd.DataFrame, channel_idx: np.ndarray
) -> Temperament:
    """Behaviour from channel, price sensitivity and loyalty; satisfaction from loyalty, except
    mercenaries (satisfied, not loyal) and hostages (loyal, not satisfied)."""
    n = traits.size
    impulse_channels = np.isin(channels["channel"].to_numpy()[channel_idx], _IMPULSE_CHANNELS)
    beh_logits = np.column_stack(
        [
            0.3 + 1.2 * impulse_channels + 0.4 * traits.price_sens,
            0.6 - 0.3 * impulse_channels,
            -1.0 + 2.5 * traits.z_loyal,
        ]
    )
    behaviour = choice_rows(rng, beh_logits)
    attitude_draw = rng.random(n)
    mercenary = (traits.price_sens > 0.3) & (traits.loyalty < 0.45) & (attitude_draw < 0.55)
    hostage = ~mercenary & (traits.loyalty > 0.6) & (attitude_draw < 0.10)
    attitude = np.where(mercenary, MERCENARY, np.where(hostage, HOSTAGE, ORDINARY))
    satisfaction = np.clip(traits.loyalty + rng.normal(0, 0.08, n), 0, 1)
    satisfaction = np.where(mercenary, rng.uniform(0.62, 0.98, n), satisfaction)
    satisfaction = np.where(hostage, rng.uniform(0.0, 0.22, n), satisfaction)
    coupon_habit = special.expit(-1.4 + 1.3 * traits.price_sens)
    return Temperament(behaviour, attitude, satisfaction, coupon_habit)


def customers_table(
    rng: np.random.Generator,
    calendar: Calendar,
    traits: Traits,
    channel_idx: np.ndarray,
    first_t: np.ndarray,
    prospect_channel: np.ndarray,
    prospect_first: np.ndarray,
) -> pd.DataFrame:
    """Buyers and known prospects with their (masked, synthetic) profile.

    Personal fields are stored masked: a nickname keeps its first and last character (a***9), a
    phone number its (virtual-operator) prefix and last four digits.
    """
    n, prospects = traits.size, prospect_channel.size
    m = n + prospects
    all_channel = np.concatenate([channel_idx, prospect_channel])
    first_seen = np.concatenate(
        [first_t - rng.exponential(3.0, n) * (rng.random(n) < 0.4), prospect_first]
    )
    first_seen = np.clip(first_seen, 0, None)
    credit = np.round(
        np.exp(rng.normal(np.log(300), 1.3, m) + 0.4 * np.r_[traits.z_rate, np.zeros(prospects)])
    ).astype(np.int64)
    loyal_all = np.r_[traits.loyalty, np.full(prospects, 0.2)]
    vip = rng.random(m) < np.clip(
        0.03 + 0.12 * (credit > 1000) + 0.08 * (credit > 5000) + 0.06 * loyal_all, 0, 1
    )
    community = rng.random(m) < 0.03 + 0.30 * loyal_all**2
    nick_pool = np.array([h + "***" + t for h in _NICK_HEAD for t in _NICK_TAIL], dtype=object)
    nick = nick_pool[rng.integers(0, nick_pool.size, m)]
    phone_pool = np.array([f"170****{i:04d}" for i in range(10_000)], dtype=object)
    phone = phone_pool[rng.integers(0, phone_pool.size, m)]
    birthday_pool = np.asarray(
        pd.date_range("2023-01-01", periods=365).strftime("%m-%d"), dtype=object
    )
    birthday = birthday_pool[rng.integers(0, 365, m)]
    return pd.DataFrame(
        {
            "customer_id": np.arange(1, m + 1),
            "nickname": nick,
            "phone": phone,
            "gender": pd.Categorical.from_codes((rng.random(m) < 0.15).astype(np.int8), ("F", "M")),
            "age_band": pd.Categorical.from_codes(
                rng.choice(len(AGE_BANDS), size=m, p=_AGE_P), AGE_BANDS, ordered=True
            ),
            "region": pd.Categorical.from_codes(
                rng.choice(len(REGIONS), size=m, p=_REGION_P), REGIONS
            ),
            "signup_date": pd.to_datetime(
                calendar.start_s + np.floor(first_seen).astype(np.int64) * DAY, unit="s"
            ),
            "birthday": birthday,
            "acquisition_channel": pd.Categorical.from_codes(all_channel, CHANNELS),
            "credit_points": credit,
            "vip88": vip,
            "community_member": community,
            "marketing_consent": rng.random(m) < 0.7,
        }
    )
