-- The mentions that make vintages: at or above the confidence threshold.
-- depends on: is_accepted
create or replace view accepted_mentions as
select *
from figure_mentions
where is_accepted(confidence);
