-- The one definition of "accepted": a mention at or above the confidence threshold recorded in
-- warehouse_settings (migration 007; warehouse/threshold.py). Mentions loaded before 007 have
-- no confidence and count as accepted until `tradewatch reprocess` reads them again.
create or replace macro is_accepted(confidence) as
    confidence is null
    or confidence >= (select min_confidence from warehouse_settings);
