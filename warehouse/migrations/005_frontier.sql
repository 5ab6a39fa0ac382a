-- 005: the frontier. URLs a run discovered are written here before any of them is fetched,
-- so a run killed after discovery loses nothing: the next run fetches what is still here
-- (incremental discovery stops at known URLs and would never see them again). A URL leaves
-- the frontier when a batch holding it loads (fetched, answered 304, or queued as a failure).
create table frontier (
    url varchar primary key,
    source varchar not null,
    discovered_at timestamp not null,
    run_id varchar
);
