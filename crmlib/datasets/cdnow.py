"""The CDNOW data (Fader, Hardie & Lee 2005) that ships inside the lifetimes package.

Read with :mod:`importlib.resources` straight from lifetimes' package files: lifetimes' own
``lifetimes.datasets`` module imports ``pkg_resources``, which recent setuptools removed, so it
is never imported here.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

_FILES = {
    "master": "CDNOW_master.txt",
    "sample": "CDNOW_sample.txt",
    "summary": "cdnow_customers_summary.csv",
    "summary_with_transactions": "cdnow_customers_summary_with_transactions.csv",
}


def _open(name: str):
    return resources.files("lifetimes").joinpath("datasets", name).open("r", encoding="ascii")


def load_cdnow(kind: str = "sample") -> pd.DataFrame:
    """Load one of the CDNOW tables.

    Parameters
    ----------
    kind : {"sample", "master", "summary", "summary_with_transactions"}
        ``master``: all 69,659 transactions of the 23,570 customers who first bought in the
        first quarter of 1997, to the end of June 1998. ``sample``: the 1/10 sample (2,357
        customers) used in the BG/NBD paper. ``summary``: that sample's calibration-period
        summary (39 weeks; frequency, recency and T in weeks). ``summary_with_transactions``:
        the same with the paper's names (x, t_x, T) and the mean repeat spend ``zbar``.

    Returns
    -------
    pandas.DataFrame
        Transactions (``master``, ``sample``) as ``customer_id``, ``date``, ``cds``, ``amount``
        (US dollars); summaries as shipped, indexed by ``customer_id``.
    """
    if kind not in _FILES:
        raise ValueError(f"unknown CDNOW table {kind!r}; choose one of {list(_FILES)}")
    with _open(_FILES[kind]) as handle:
        if kind == "master":
            raw = pd.read_csv(
                handle, sep=r"\s+", header=0, names=["customer_id", "date", "cds", "amount"]
            )
        elif kind == "sample":
            raw = pd.read_csv(
                handle,
                sep=r"\s+",
                header=None,
                names=["master_id", "customer_id", "date", "cds", "amount"],
            )
            raw = raw.drop(columns="master_id")
        else:
            summary = pd.read_csv(handle).rename(columns={"ID": "customer_id"})
            return summary.set_index("customer_id")
    raw["date"] = pd.to_datetime(raw["date"].astype(str), format="%Y%m%d")
    return raw[["customer_id", "date", "cds", "amount"]]
