"""Clusters (crmlib.clusters): well-separated groups are recovered and named."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib import clusters


def _blobs(seed=0):
    rng = np.random.default_rng(seed)
    groups = [(20, 8, 2000.0), (300, 1, 80.0), (30, 1, 150.0)]  # loyal, lapsed one-off, new
    rows = [
        {
            "days_since_last": max(0, r * rng.lognormal(0, 0.1)),
            "orders": max(1, round(f * rng.lognormal(0, 0.1))),
            "spend": m * rng.lognormal(0, 0.1),
        }
        for r, f, m in groups
        for _ in range(100)
    ]
    return pd.DataFrame(rows), np.repeat([0, 1, 2], 100)


def test_clusters_recover_well_separated_groups_and_get_names():
    rfm_table, truth = _blobs()
    model = clusters.RFMClusters(k=3, random_state=0).fit(rfm_table)
    labels = model.predict(rfm_table).to_numpy()
    # each true group maps to exactly one cluster
    assert all(len(set(labels[truth == g])) == 1 for g in range(3))
    assert len(set(model.names_.values())) == 3
    loyal_cluster = labels[0]
    assert model.names_[loyal_cluster] == "recent, repeat, high spend"
    scores = clusters.choose_k(rfm_table, ks=range(2, 6))
    assert scores["silhouette"].idxmax() == 3
    assert scores["inertia"].is_monotonic_decreasing
