-- Every run with its counts and notes, and the host and process that ran it.
create or replace view runs as
select
    run_id,
    kind,
    source,
    status,
    started_at,
    finished_at,
    date_diff('millisecond', started_at, finished_at) / 1000.0 as duration_s,
    counts,
    error,
    notes,
    params,
    host,
    pid
from run_log;
