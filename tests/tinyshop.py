"""A hand-made five-customer shop whose every figure can be worked out on paper.

As of 2025-01-01 (all times midnight):
  c1 (referral):    completed 2024-03-01 100; completed 2024-09-01 200 with a 10 coupon;
                    refunded 2024-09-10 50.
  c2 (keyword_ads): completed 2024-12-20 300.
  c3 (keyword_ads): completed 2024-02-01 40; closed (unpaid) 2024-02-02.
  c4 (direct):      completed 2024-06-15 60, 2024-06-20 80, 2024-11-01 500 with a 20 discount.
  c5 (referral):    never bought; one visit with an inquiry.
"""

from __future__ import annotations

import pandas as pd

AS_OF = pd.Timestamp("2025-01-01")


def customers() -> pd.DataFrame:
    ids = [1, 2, 3, 4, 5]
    return pd.DataFrame(
        {
            "customer_id": ids,
            "nickname": ["张小明", "lily", "李雷", "a***b", "王芳"],
            "phone": ["13812345678", "13900001111", "13700002222", "170****3333", "13600004444"],
            "gender": "F",
            "age_band": "25-29",
            "region": "浙江",
            "signup_date": pd.Timestamp("2024-01-01"),
            "birthday": ["01-05", "12-31", "02-28", "07-01", "01-31"],
            "acquisition_channel": ["referral", "keyword_ads", "keyword_ads", "direct", "referral"],
            "credit_points": [3, 4, 250, 251, 10001],
            "vip88": [False, False, False, True, False],
            "community_member": [True, False, False, True, False],
            "marketing_consent": True,
        }
    )


def orders() -> pd.DataFrame:
    rows = [
        # id, customer, time, amount_paid, discount, coupon, status, refund
        (1, 1, "2024-03-01", 100.0, 0.0, 0.0, "completed", 0.0),
        (2, 1, "2024-09-01", 200.0, 0.0, 10.0, "completed", 0.0),
        (3, 1, "2024-09-10", 50.0, 0.0, 0.0, "refunded", 50.0),
        (4, 2, "2024-12-20", 300.0, 0.0, 0.0, "completed", 0.0),
        (5, 3, "2024-02-01", 40.0, 0.0, 0.0, "completed", 0.0),
        (6, 3, "2024-02-02", 0.0, 0.0, 0.0, "closed", 0.0),
        (7, 4, "2024-06-15", 60.0, 0.0, 0.0, "completed", 0.0),
        (8, 4, "2024-06-20", 80.0, 0.0, 0.0, "completed", 0.0),
        (9, 4, "2024-11-01", 500.0, 20.0, 0.0, "completed", 0.0),
    ]
    o = pd.DataFrame(
        rows,
        columns=[
            "order_id",
            "customer_id",
            "t",
            "amount_paid",
            "discount",
            "coupon",
            "status",
            "refund_amount",
        ],
    )
    o["created_time"] = pd.to_datetime(o.pop("t"))
    o["paid_time"] = o["created_time"].where(o["status"] != "closed")
    o["list_amount"] = o["amount_paid"] + o["discount"] + o["coupon"]
    return o


def service() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contact_id": [1, 2, 3],
            "customer_id": [1, 1, 5],
            "contact_time": pd.to_datetime(["2024-09-12", "2024-09-13", "2024-10-01"]),
            "kind": ["return", "complaint", "pre_sale"],
        }
    )


def reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [1, 7, 8],
            "customer_id": [1, 4, 4],
            "review_time": pd.to_datetime(["2024-03-10", "2024-06-25", "2024-06-30"]),
            "rating": [5, 4, 2],
            "has_photo": [True, False, True],
        }
    )


def visits() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 4, 4, 4, 5],
            "start_time": pd.to_datetime(
                [
                    "2024-03-01",
                    "2024-09-01",
                    "2024-12-20",
                    "2024-02-01",
                    "2024-06-15",
                    "2024-06-20",
                    "2024-11-01",
                    "2024-12-25",
                ]
            ),
            "channel": [
                "referral",
                "direct",
                "keyword_ads",
                "keyword_ads",
                "direct",
                "direct",
                "search_precise",
                "referral",
            ],
            "pages_viewed": [3, 2, 20, 2, 4, 3, 5, 6],
            "viewed_reviews": [False, False, True, False, False, True, False, True],
            "added_to_cart": [True, True, True, True, True, True, True, True],
            "asked_service": [False, False, True, False, False, False, False, True],
        }
    )


def traffic() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01"] * 3),
            "channel": ["referral", "keyword_ads", "direct"],
            "visitors": [10, 100, 20],
            "spend": [30.0, 120.0, 0.0],
        }
    )
