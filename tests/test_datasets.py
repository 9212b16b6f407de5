"""The simulated shop: determinism, structure, the chapter's mechanics, errors and loaders."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from lifetimes import BetaGeoFitter, GammaGammaFitter

from crmlib.clv import transaction_summary
from crmlib.datasets import (
    CHANNELS,
    DATA_DIR,
    TrueParameters,
    channel_table,
    default_store,
    load_cdnow,
    load_store,
    simulate_store,
    write_store,
)


def kept(orders: pd.DataFrame) -> pd.DataFrame:
    return orders[orders["status"] == "completed"]


# --- determinism and the committed files -----------------------------------------------------


def test_same_seed_same_shop_and_other_seed_other_shop():
    a, b = simulate_store(500, random_state=3), simulate_store(500, random_state=3)
    for name in a.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    c = simulate_store(500, random_state=4)
    assert not a.orders["amount_paid"].equals(c.orders["amount_paid"])


def test_committed_files_regenerate_byte_for_byte(tmp_path):
    written = write_store(default_store(), tmp_path)
    for path in written:
        committed = DATA_DIR / path.name
        assert committed.exists(), f"{committed} is not committed"
        assert path.read_bytes() == committed.read_bytes(), (
            f"{path.name} differs: run tasks.py data"
        )


def test_load_store_returns_the_simulated_tables_with_dtypes():
    loaded, fresh = load_store(), default_store()
    for name in fresh.TABLES:
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(fresh, name), check_exact=True)
    assert loaded.params == fresh.params
    orders = load_store("orders")
    assert pd.api.types.is_datetime64_any_dtype(orders["paid_time"])
    assert isinstance(orders["channel"].dtype, pd.CategoricalDtype)


def test_load_store_errors_name_the_problem(tmp_path):
    with pytest.raises(ValueError, match="unknown table 'order'"):
        load_store("order")
    with pytest.raises(FileNotFoundError, match="orders.csv is missing"):
        load_store("orders", data_dir=tmp_path)
    (tmp_path / "orders.csv").write_text("order_id,when\n1,2024-01-01\n")
    with pytest.raises(ValueError, match="columns"):
        load_store("orders", data_dir=tmp_path)


# --- structure ---------------------------------------------------------------------------------


def test_orders_are_internally_consistent(small_store):
    o = small_store.orders
    assert o["order_id"].is_unique and o["created_time"].is_monotonic_increasing is not None
    closed = o["status"] == "closed"
    assert o.loc[closed, "paid_time"].isna().all() and (o.loc[closed, "amount_paid"] == 0).all()
    assert o.loc[~closed, "paid_time"].notna().all()
    assert (o.loc[~closed, "created_time"] < o.loc[~closed, "paid_time"]).all()
    refunded = o["status"] == "refunded"
    assert (o.loc[refunded, "refund_amount"] == o.loc[refunded, "amount_paid"]).all()
    assert (o.loc[~refunded, "refund_amount"] == 0).all()
    paid = o[~closed]
    total = paid["amount_paid"] + paid["discount"] + paid["coupon"]
    np.testing.assert_allclose(total, paid["list_amount"], atol=0.011)
    assert (o["items"] >= 1).all() and (o["amount_paid"] >= 0).all()
    end = pd.Timestamp(small_store.settings["end"])
    assert (o["paid_time"].dropna() < end).all()


def test_every_buyer_has_a_first_kept_order_and_prospects_none(small_store):
    n = small_store.settings["n_customers"]
    buyers = set(kept(small_store.orders)["customer_id"])
    assert buyers == set(range(1, n + 1))
    assert small_store.orders["customer_id"].max() <= n
    prospects = small_store.customers[small_store.customers["customer_id"] > n]
    assert len(prospects) == round(0.5 * n)
    assert prospects["customer_id"].isin(small_store.visits["customer_id"]).all()


def test_kept_orders_match_the_hidden_purchase_count(small_store):
    counts = kept(small_store.orders).groupby("customer_id").size()
    truth = small_store.truth.set_index("customer_id")["repeat_purchases"] + 1
    pd.testing.assert_series_equal(counts, truth, check_names=False)


def test_each_order_has_exactly_one_visit(small_store):
    linked = small_store.visits["order_id"].dropna()
    assert linked.is_unique
    assert set(linked) == set(small_store.orders["order_id"])


def test_personal_fields_are_masked(small_store):
    c = small_store.customers
    assert c["nickname"].str.fullmatch(r".\*\*\*.").all()
    assert c["phone"].str.fullmatch(r"170\*{4}\d{4}").all()
    assert c["birthday"].str.fullmatch(r"\d\d-\d\d").all()


def test_service_and_reviews_refer_to_real_orders(small_store):
    ids = set(small_store.orders["order_id"])
    assert set(small_store.reviews["order_id"]) <= ids
    assert set(small_store.service["order_id"].dropna()) <= ids
    returns = small_store.service[small_store.service["kind"] == "return"]
    refunded = small_store.orders.loc[small_store.orders["status"] == "refunded", "order_id"]
    assert set(returns["order_id"]) == set(refunded)
    assert small_store.reviews["rating"].between(1, 5).all()
    s = small_store.surveys
    assert s["csat"].between(1, 5).all() and s["nps"].between(0, 10).all()


# --- the chapter's mechanics, checked statistically ----------------------------------------


def test_bgnbd_and_gamma_gamma_fits_recover_the_true_parameters(big_store):
    end = pd.Timestamp(big_store.settings["end"]) - pd.Timedelta(days=1)
    summary = transaction_summary(kept(big_store.orders), end, amount_col="amount_paid", unit="D")
    bg = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    truth = big_store.params
    assert bg.params_["r"] == pytest.approx(truth.r, rel=0.10)
    assert bg.params_["alpha"] == pytest.approx(truth.alpha, rel=0.10)
    assert bg.params_["a"] / (bg.params_["a"] + bg.params_["b"]) == pytest.approx(
        truth.a / (truth.a + truth.b), rel=0.10
    )
    repeat = summary[summary["frequency"] > 0]
    gg = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    assert gg.params_["p"] == pytest.approx(truth.p, rel=0.10)
    assert gg.params_["q"] == pytest.approx(truth.q, rel=0.10)
    assert gg.params_["v"] == pytest.approx(truth.gamma, rel=0.15)


def _family_of_buyer(store) -> pd.Series:
    families = channel_table().set_index("channel")["family"]
    c = store.customers.set_index("customer_id")
    return c.loc[store.truth["customer_id"], "acquisition_channel"].map(families).astype(str)


def test_paid_traffic_customers_use_coupons_more(big_store):
    o = kept(big_store.orders)
    coupon_share = (o["coupon"] > 0).groupby(o["customer_id"]).mean()
    by_family = coupon_share.groupby(_family_of_buyer(big_store)).mean()
    assert by_family["paid"] > by_family["free"] + 0.08
    assert by_family["paid"] > by_family["social"] + 0.08


def test_referred_customers_convert_and_stay_better(big_store):
    repeat = big_store.truth.set_index("customer_id")["repeat_purchases"]
    channel = big_store.customers.set_index("customer_id").loc[repeat.index, "acquisition_channel"]
    mean_repeat = repeat.groupby(channel, observed=True).mean()
    paid = channel_table().query("family == 'paid'")["channel"]
    assert mean_repeat["referral"] > 1.5 * mean_repeat[paid].mean()
    t = big_store.traffic.groupby("channel", observed=True)["visitors"].sum()
    new = channel.value_counts()
    conversion = new / t
    assert conversion["referral"] > conversion[paid].max()


def test_completely_satisfied_customers_repurchase_much_more(big_store):
    s = big_store.surveys
    end = pd.Timestamp(big_store.settings["end"])
    s = s[s["survey_time"] < end - pd.Timedelta(days=365)]
    o = kept(big_store.orders)[["customer_id", "paid_time"]].merge(s, on="customer_id")
    within = (o["paid_time"] > o["survey_time"]) & (
        o["paid_time"] <= o["survey_time"] + pd.Timedelta(days=365)
    )
    rate = s.set_index("customer_id").assign(
        rep=lambda d: d.index.isin(o.loc[within, "customer_id"])
    )
    by_csat = rate.groupby("csat")["rep"].mean()
    assert by_csat[5] > by_csat[4] + 0.12
    assert by_csat[4] > by_csat[2]
    # mercenaries: satisfied (CSAT 4-5) yet hidden-loyalty in the bottom half
    merc = big_store.truth.set_index("customer_id").loc[s["customer_id"], "attitude"] == "mercenary"
    assert (s.loc[merc.to_numpy(), "csat"] >= 4).mean() > 0.9


def test_festivals_shape_acquisition(big_store):
    first = kept(big_store.orders).groupby("customer_id")["paid_time"].min()
    per_day = first.dt.normalize().value_counts()
    double11 = per_day[pd.Timestamp("2025-11-11")]
    assert double11 > 2 * per_day.median()


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_customers": -5}, "n_customers must be at least 1, got -5"),
        ({"n_customers": 2.5}, "n_customers must be a whole number"),
        ({"start": "2025-01-01", "end": "2024-01-01"}, r"end \(2024-01-01\) must be after start"),
        ({"channel_shares": {"tiktok": 0.5}}, r"unknown channel name\(s\) \['tiktok'\]"),
        ({"channel_shares": {"referral": -1}}, "non-negative"),
        ({"survey_rate": 1.5}, "survey_rate must be between 0 and 1"),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        simulate_store(**kwargs)


def test_bad_true_parameters_name_the_field():
    with pytest.raises(ValueError, match="TrueParameters.alpha must be positive"):
        TrueParameters(alpha=0)


def test_channel_shares_override_changes_the_mix():
    store = simulate_store(3_000, channel_shares={"referral": 0.0}, random_state=1)
    assert "referral" not in set(store.customers["acquisition_channel"].iloc[:3_000])
    assert set(store.customers["acquisition_channel"].cat.categories) == set(CHANNELS)


# --- CDNOW ------------------------------------------------------------------------------------


def test_cdnow_tables_have_the_published_sizes():
    sample = load_cdnow("sample")
    assert sample["customer_id"].nunique() == 2357 and len(sample) == 6919
    master = load_cdnow("master")
    assert master["customer_id"].nunique() == 23570 and len(master) == 69659
    assert master["date"].min() == pd.Timestamp("1997-01-01")
    assert len(load_cdnow("summary")) == 2357
    with pytest.raises(ValueError, match="unknown CDNOW table"):
        load_cdnow("full")


def test_cdnow_loader_does_not_import_lifetimes_datasets():
    code = (
        "import sys; from crmlib.datasets import load_cdnow; load_cdnow('sample'); "
        "print('lifetimes.datasets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_timestamp_reaches_the_end_of_the_period(small_store):
    end = pd.Timestamp(small_store.settings["end"])
    start = pd.Timestamp(small_store.settings["start"])
    for name, table in small_store.tables().items():
        for column in table.columns:
            if pd.api.types.is_datetime64_any_dtype(table[column]):
                values = table[column].dropna()
                assert (values < end).all(), f"{name}.{column} has times at or after {end}"
                assert (values >= start - pd.Timedelta(days=31)).all(), (
                    f"{name}.{column} starts too early"
                )
