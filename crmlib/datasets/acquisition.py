"""How buyers arrive: each buyer's acquisition channel and first purchase time, and the daily
traffic and marketing spend per channel (a 生意参谋-style report)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .calendar import HOUR_P, Calendar
from .channels import CHANNELS
from .population import Traits, choice_rows


def draw_acquisition(
    rng: np.random.Generator, traits: Traits, channels: pd.DataFrame, calendar: Calendar
) -> tuple[np.ndarray, np.ndarray]:
    """Channel index and first-purchase time (days from the start) of each buyer.

    Loyal people lean towards referral and direct channels, price-sensitive ones towards paid
    and event traffic (the channels' tilts); festivals concentrate each channel's new buyers by
    its festival amplitude; the hour of day follows the evening peak.
    """
    n = traits.size
    logits = (
        np.log(np.maximum(channels["share"].to_numpy(), 1e-300))[None, :]
        + traits.z_loyal[:, None] * channels["loyalty_tilt"].to_numpy()[None, :]
        + traits.price_sens[:, None] * channels["price_tilt"].to_numpy()[None, :]
    )
    channel_idx = choice_rows(rng, logits)
    first_day = np.empty(n, dtype=np.int64)
    for c in range(len(channels)):
        members = np.flatnonzero(channel_idx == c)
        weights = 1.0 + channels["festival_amplitude"].iat[c] * calendar.bump
        first_day[members] = rng.choice(
            len(calendar.days), size=members.size, p=weights / weights.sum()
        )
    first_t = (
        calendar.day_offset + first_day + (rng.choice(24, size=n, p=HOUR_P) + rng.random(n)) / 24
    )
    return channel_idx, np.clip(first_t, 0.0, calendar.last_moment)


def traffic_table(
    rng: np.random.Generator,
    calendar: Calendar,
    channels: pd.DataFrame,
    channel_idx: np.ndarray,
    first_t: np.ndarray,
) -> pd.DataFrame:
    """Daily visitors and spend per channel: new buyers / conversion (+ noise), times cost."""
    days = calendar.days
    day_of_first = np.floor(first_t - calendar.day_offset).astype(np.int64)
    new_counts = np.zeros((len(days), len(CHANNELS)))
    np.add.at(new_counts, (day_of_first, channel_idx), 1)
    conv = channels["conversion"].to_numpy()
    visitors = rng.poisson(new_counts / conv[None, :] + 2.0)
    cost = (
        visitors * channels["cost_per_visitor"].to_numpy()[None, :]
        + new_counts * channels["referral_reward"].to_numpy()[None, :]
    )
    return pd.DataFrame(
        {
            "date": np.repeat(days.to_numpy(), len(CHANNELS)),
            "channel": pd.Categorical.from_codes(
                np.tile(np.arange(len(CHANNELS)), len(days)), CHANNELS
            ),
            "visitors": visitors.ravel(),
            "spend": np.round(cost.ravel(), 2),
        }
    )
