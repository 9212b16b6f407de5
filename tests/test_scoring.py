"""The one-row-per-customer score table (crmlib.scoring) agrees with the chapters' functions."""

from __future__ import annotations

import pandas as pd
import pytest

import tinyshop as tiny
from crmlib import clv, rfm, segments, tiers
from crmlib.exercises._shop import archive, as_of, birthdays, store
from crmlib.scoring import score_customers


@pytest.fixture(scope="module")
def scores():
    s = store()
    return score_customers(
        s.customers, s.orders, as_of=as_of(), service=s.service, reviews=s.reviews
    )


def test_one_row_per_customer_and_the_same_answers_as_each_chapter(scores):
    table, a = scores.table, archive()
    assert table.index.equals(a.index)
    assert "phone" not in table and table["nickname"].str.contains(r"\*").all()  # masked
    pd.testing.assert_series_equal(
        table["value_segment"], segments.value_segments(a), check_names=False
    )
    cn8 = rfm.cn8_classes(rfm.rfm_table(a))
    assert (table.loc[cn8.index, cn8.name].astype(str) == cn8.astype(str)).all()
    s = store()
    inputs = tiers.prepare(s.orders, s.reviews, as_of(), birthdays=birthdays())
    expected = tiers.tiers_as_of(tiers.textbook_policy(), inputs)
    assert (table["tier"].dropna() == expected.reindex(table["tier"].dropna().index)).all()
    buyers = table["orders"] > 0
    assert table.loc[buyers, "clv_12m"].notna().all() and (table["clv_12m"].dropna() >= 0).all()
    assert scores.notes == []


def test_what_was_left_out_is_said():
    # the tiny shop: no service or reviews given, every buyer too few for a CLV fit
    out = score_customers(tiny.customers(), tiny.orders(), as_of=tiny.AS_OF)
    notes = " ".join(out.notes)
    assert "complainer" in notes and "photo_reviewer" in notes  # their columns are missing
    assert "repeat_buyer" in set(";".join(out.table["tags"]).split(";"))
    assert len(out.table) == 5 and "tier" in out.table


def test_a_doubtful_clv_fit_is_reported(monkeypatch):
    monkeypatch.setattr(
        clv.PurchaseModel, "warnings", lambda self: ["a parameter ran to the edge of its range"]
    )
    s = store()
    out = score_customers(
        s.customers, s.orders, as_of=as_of(), service=s.service, reviews=s.reviews
    )
    assert "BG/NBD fit: a parameter ran to the edge of its range" in out.notes
    assert out.table["clv_12m"].notna().any()  # the columns are still filled


def test_repeat_buyers_without_spend_are_left_out_of_the_spend_model_and_said():
    """A buyer whose repeat orders were paid in full by coupons (or refunded) has a mean repeat
    spend of 0, which Gamma-Gamma cannot fit: the shop is still scored, and the note says so."""
    s = store()
    orders = s.orders.copy()
    completed = orders[orders["status"] == "completed"]
    counts = completed.groupby("customer_id").size()
    buyer = int(counts[counts >= 3].index[0])
    repeat = completed[completed["customer_id"] == buyer].sort_values("created_time").index[1:]
    orders.loc[repeat, "coupon"] += orders.loc[repeat, "amount_paid"]
    orders.loc[repeat, "amount_paid"] = 0.0
    out = score_customers(s.customers, orders, as_of=as_of(), service=s.service, reviews=s.reviews)
    assert any("1 repeat buyer(s) with no spend left" in note for note in out.notes)
    buyers = out.table["orders"] > 0
    assert out.table.loc[buyers, "clv_12m"].notna().all()
    before = score_customers(
        s.customers, s.orders, as_of=as_of(), service=s.service, reviews=s.reviews
    ).table.loc[buyer, "clv_12m"]
    assert 0 <= out.table.loc[buyer, "clv_12m"] < before  # no spend: a lower value, not none
