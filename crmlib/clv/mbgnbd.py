"""The MBG/NBD model (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008 erratum)."""

from __future__ import annotations

from .beta_geometric import BetaGeometricModel


class MBGNBD(BetaGeometricModel):
    """MBG/NBD: BG/NBD where a customer may also leave right after the *first* purchase, so
    customers with no repeat purchase are not all "alive" (BG/NBD gives them P(alive) = 1)."""

    NAME = "MBG/NBD"
    K = 1
