"""Data-driven tags: k-means clusters on scaled RFM features (§7.2, with scikit-learn)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from .orders import require_columns
from .rfm import RFM_COLUMNS as FEATURES


def rfm_pipeline(k: int, random_state: int = 0) -> Pipeline:
    """log1p (RFM values are heavily skewed) → standardise → k-means."""
    return make_pipeline(
        FunctionTransformer(np.log1p, feature_names_out="one-to-one"),
        StandardScaler(),
        KMeans(n_clusters=k, n_init=10, random_state=random_state),
    )


def choose_k(
    rfm: pd.DataFrame, ks: range = range(2, 9), random_state: int = 0, sample_size: int = 4000
) -> pd.DataFrame:
    """Inertia (for the elbow) and silhouette score for each k.

    The silhouette is computed on a seeded sample of ``sample_size`` customers (it is
    quadratic in the number of points); inertia on all of them.
    """
    require_columns(rfm, list(FEATURES), "choose_k")
    x = rfm[list(FEATURES)]
    rows = []
    for k in ks:
        pipe = rfm_pipeline(k, random_state).fit(x)
        z = pipe[:-1].transform(x)
        labels = pipe[-1].labels_
        sil = silhouette_score(
            z, labels, sample_size=min(sample_size, len(x)), random_state=random_state
        )
        rows.append({"k": k, "inertia": pipe[-1].inertia_, "silhouette": sil})
    return pd.DataFrame(rows).set_index("k")


@dataclass
class RFMClusters:
    """k-means clusters of customers on log-scaled, standardised RFM, with readable names.

    Follows scikit-learn's conventions: ``fit(rfm)`` then ``predict(rfm)``; ``profile_`` holds
    each cluster's median days since the last purchase, orders and spend and its size; ``names_`` maps
    cluster number to a name built from that profile.
    """

    k: int = 4
    random_state: int = 0

    def fit(self, rfm: pd.DataFrame) -> RFMClusters:
        require_columns(rfm, list(FEATURES), "RFMClusters.fit")
        if len(rfm) < self.k:
            raise ValueError(f"need at least k={self.k} customers, got {len(rfm)}")
        self.pipeline_ = rfm_pipeline(self.k, self.random_state).fit(rfm[list(FEATURES)])
        labels = pd.Series(self.pipeline_[-1].labels_, index=rfm.index)
        profile = rfm[list(FEATURES)].groupby(labels).median()
        profile["customers"] = labels.value_counts()
        self.names_ = self._name(profile, rfm)
        profile["name"] = profile.index.map(self.names_)
        self.profile_ = profile
        return self

    def predict(self, rfm: pd.DataFrame) -> pd.Series:
        labels = self.pipeline_.predict(rfm[list(FEATURES)])
        return pd.Series(labels, index=rfm.index, name="cluster")

    def predict_names(self, rfm: pd.DataFrame) -> pd.Series:
        return self.predict(rfm).map(self.names_).rename("cluster_name")

    @staticmethod
    def _name(profile: pd.DataFrame, rfm: pd.DataFrame) -> dict[int, str]:
        """Name each cluster by comparing its medians with all customers' medians."""
        overall = rfm[list(FEATURES)].median()
        names = {}
        for cluster, row in profile.iterrows():
            recency = "recent" if row["days_since_last"] <= overall["days_since_last"] else "lapsed"
            frequency = "repeat" if row["orders"] >= max(2, overall["orders"]) else "one-off"
            spend = "high spend" if row["spend"] >= overall["spend"] else "low spend"
            names[cluster] = f"{recency}, {frequency}, {spend}"
        # two clusters may earn the same words: number them so names stay unique
        seen: dict[str, int] = {}
        for cluster in sorted(names):
            base = names[cluster]
            seen[base] = seen.get(base, 0) + 1
            if seen[base] > 1 or list(names.values()).count(base) > 1:
                names[cluster] = f"{base} ({seen[base]})"
        return names
