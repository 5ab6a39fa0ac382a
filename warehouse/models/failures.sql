-- URLs that failed for good, with the reason.
create or replace view failures as
select
    url,
    source,
    stage,
    error as reason,
    status,
    attempts,
    retryable,
    first_failed,
    last_failed
from retry_queue
where gave_up;
