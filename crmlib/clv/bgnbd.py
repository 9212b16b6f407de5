"""The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way")."""

from __future__ import annotations

from .beta_geometric import BetaGeometricModel


class BGNBD(BetaGeometricModel):
    """BG/NBD: while alive a customer buys at rate λ ~ Gamma(r, α); after each repeat purchase
    they leave for good with probability p ~ Beta(a, b). The mathematics is in
    :mod:`crmlib.clv.beta_geometric`; CDNOW figures are reproduced in the tests."""

    NAME = "BG/NBD"
    K = 0
