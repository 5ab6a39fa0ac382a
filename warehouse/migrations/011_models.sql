-- 011: views and macros leave the migrations. Each is a model now, one .sql file under
-- warehouse/models/, recreated after every migrate in dependency order
-- (warehouse/build_models.py); from this migration on, migrations hold tables only. This drops
-- the views and macros that 002-010 created (their current definitions are the models) and
-- records which models a warehouse holds, and from which definition.
drop view if exists review;
drop view if exists figures;
drop view if exists accepted_mentions;
drop view if exists articles;
drop view if exists series;
drop view if exists series_history;
drop view if exists conflicts;
drop view if exists checks;
drop view if exists failures;
drop view if exists runs;
drop view if exists article_flags;
drop macro table if exists series_as_of;
drop macro if exists is_accepted;

create table warehouse_models (
    name varchar primary key,
    kind varchar not null,           -- 'view', 'macro' or 'macro table' (drop <kind>)
    checksum varchar not null,       -- sha256 of the model's file
    built_at timestamp not null default current_timestamp
);
