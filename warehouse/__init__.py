"""The DuckDB warehouse: numbered migrations, idempotent batch loads, dedupe, vintages, views.

    db          connect(path, read_only, wait_s, on_wait): one writer (lock file), many readers
    migrate     migrations/NNN_*.sql applied at a writable connect, recorded in schema_migrations
    load        load_batch(con, batch) -> LoadStats; replace_figures(...) -> FigureDiff;
                replace_figures_many(con, [(url, figures, checks, version), ...]) -> [FigureDiff]
    vintages    rebuild() of the observations a load touched; rebuild_all() for checks
    state       what the pipeline asks: known URLs, validators, due retries, runs, cursors, pages
    query, render, export, chart    the read-only commands (tradewatch sql/series/export/chart)
    data_tests  count(*) = 0 checks of a loaded warehouse
    errors      WarehouseError, WarehouseBusy
"""
