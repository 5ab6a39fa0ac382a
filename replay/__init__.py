"""The replay news sites: a KDPT-like magazine and a WordPress-like "tin" site on 127.0.0.1,
serving hand-written Vietnamese articles (and generated ones) with switchable faults.

    site = ReplaySite(synthetic=0, seed=0, faults=FaultPlan())
    with site.serve() as srv:
        srv.kdpt_url, srv.tin_url, srv.articles, srv.set_clock(...), srv.set_faults(...)
"""

from replay.faults import FAULTS, FaultPlan, FaultRule, parse_fault_spec
from replay.model import ReplayArticle
from replay.server import ReplayServer
from replay.site import ReplaySite

__all__ = ["FAULTS", "FaultPlan", "FaultRule", "ReplayArticle", "ReplayServer", "ReplaySite",
           "parse_fault_spec"]
