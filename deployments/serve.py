"""One process instead of a worker: serve the three tradewatch deployments from here.

    PREFECT_API_URL=http://127.0.0.1:4200/api TRADEWATCH_CONFIG=/etc/tradewatch/tradewatch.toml \
        python deployments/serve.py

The same deployments as prefect.yaml (monitor every 30 minutes in Asia/Ho_Chi_Minh; backfill
and reprocess on demand), run in subprocesses of this one; no work pool or worker needed.
Stopping the process does not pause the schedule (pause_on_shutdown=False), so a restart by
systemd picks it up where it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Runnable as a script from a checkout: the project root on the path, before any import of it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows import prefect_env  # noqa: E402

prefect_env.configure(quiet=False)

from prefect import serve  # noqa: E402
from prefect.schedules import Cron  # noqa: E402

from flows.prefect_flows import backfill, monitor, reprocess  # noqa: E402

TIMEZONE = "Asia/Ho_Chi_Minh"
EVERY_30_MINUTES = "*/30 * * * *"


def main() -> None:
    """Serve monitor on its schedule and backfill/reprocess on demand until stopped."""
    params = {"config": os.environ.get("TRADEWATCH_CONFIG", "tradewatch.toml")}
    limit = int(os.environ.get("TRADEWATCH_SERVE_LIMIT", "2"))  # runs at once in this process
    serve(
        monitor.to_deployment(name="every-30-minutes", parameters=params, tags=["tradewatch"],
                              schedules=[Cron(EVERY_30_MINUTES, timezone=TIMEZONE)]),
        backfill.to_deployment(name="on-demand", parameters=params, tags=["tradewatch"]),
        reprocess.to_deployment(name="on-demand", parameters=params, tags=["tradewatch"]),
        pause_on_shutdown=False,
        limit=limit,
    )


if __name__ == "__main__":
    main()
