"""`tradewatch report`: a static HTML site of the warehouse that opens from disk.

    data = report.read(con)      # every row it shows, read at once (data.py)
    report.write(data, out_dir)  # charts (PNG), pages (pages.py, html.py), style sheet

Same warehouse, same files: rows are read in a fixed order and nothing prints the time.
"""

from warehouse.report.build import Written, write
from warehouse.report.data import ReportData, read

__all__ = ["ReportData", "Written", "read", "write"]
