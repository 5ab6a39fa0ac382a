-- 006: who runs a run. A run killed with SIGKILL (the OOM killer, a reboot) never records its
-- end, so its row would say 'running' for ever. Each run now records the host and process that
-- started it (and the process's start time, so a reused PID is not taken for it); a later run
-- on the same host marks the rows of processes that no longer exist as 'interrupted'.
alter table run_log add column host varchar;
alter table run_log add column pid integer;
alter table run_log add column pid_started varchar;

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
    params,
    host,
    pid
from run_log;
