-- Followthrough bench: open promises on the generated case desk, with their timers.
--
-- Tops the database up to :promises open promises (state OPEN or RENEGOTIATED; default 1,000,000):
-- running it again inserts only what is missing (the promises that bench/promises.sh broke in its
-- last run, or none), so it is idempotent. Needs the case desk of generate.sql (or any data with
-- active cases and agents). Run through bench/promises.sh, or by hand:
--
--   psql -h localhost -p PORT -U postgres -d followthrough -v ON_ERROR_STOP=1 \
--        -v promises=1000000 -v seed=0.7 -f bench/sql/generate-promises.sql
--
-- What it produces, like PromiseDesk.make() and Timers.set() would have:
--   * promises on active cases only (a case must be active to be promised on), uniformly over them:
--     at 1m about 150,000 active cases, so about 6.7 open promises each;
--   * customer and team of the case; owner the case owner (85%) or any active agent, made by the
--     owner, made within the last 3 days (never before the case);
--   * due times over the next 90 days: 30% within 3 days (call-backs, "by tomorrow"), 70% uniform up
--     to 90 days; never earlier than an hour from now, so nothing falls due while generating;
--   * 10% RENEGOTIATED once (first_due_at earlier, a promise_due_change row, no message entry);
--   * remind_at by ReminderPolicy.DEFAULT: 25% of the time from making (or renegotiating) to due,
--     at most 24 hours; where that moment has already passed the reminder counts as sent
--     (reminded_at = remind_at) and has no timer;
--   * timers as Timers.set() writes them: ('promise.due', id, due_at) for each, plus
--     ('promise.remind', id, remind_at) for each not yet reminded: about 2,000,000 timer rows;
--   * no timeline entries or audit rows for the making (nothing on the timer path reads them).
-- Above 100,000 missing promises the secondary indexes of promise and timer are dropped for the
-- load and rebuilt once afterwards (same definitions, from the catalog); then VACUUM ANALYZE.

\set ON_ERROR_STOP on
\timing on
\if :{?promises}
\else
    \set promises 1000000
\endif
\if :{?seed}
\else
    \set seed 0.7
\endif

select count(*) as open_before from promise where state in ('OPEN', 'RENEGOTIATED') \gset
select greatest(:promises - :open_before, 0) as missing \gset
select :missing > 0 as any_missing, :missing > 100000 as bulk \gset
\echo open promises: :open_before, target :promises, inserting :missing

\if :any_missing
select setseed(:seed);
set maintenance_work_mem = '1GB';
set work_mem = '256MB';
set synchronous_commit = off;

-- a UUIDv7 from a given instant, as the app's Ids.newId() makes them
create function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               placing substring(int8send(floor(extract(epoch from ts) * 1000)::bigint) from 3) from 1 for 6),
           52, 1), 53, 1), 'hex')::uuid
$$;

create temp table active_case as
select (row_number() over (order by id) - 1)::int as idx, id, customer_id, team_id, owner_id, created_at
from support_case where active;
create unique index on active_case (idx);
select count(*) as active_cases, count(*) > 0 as has_active_cases from active_case \gset
\if :has_active_cases
\else
    \echo 'no active cases: run bench/run.sh (generate.sql) first'
    select 1/0;
\endif

create temp table owner_pool as
select (row_number() over (order by id) - 1)::int as idx, id, display_name from agent where active;
create unique index on owner_pool (idx);
select count(*) as owners from owner_pool \gset

create temp table what (i int primary key, text text not null);
insert into what
select row_number() over () - 1, t from unnest(array[
    'Call back with the refund status', 'Send the tracking number of the replacement',
    'Confirm the credit note', 'Check with the warehouse and report back', 'Email the corrected invoice PDF',
    'Follow up on the firmware fix', 'Update on the chargeback', 'Arrange the pickup of the damaged item',
    'Confirm the repair date', 'Send the return label', 'Call to walk through the installation',
    'Confirm the cancellation in writing', 'Check the second charge with billing', 'Send the loyalty points statement',
    'Report back once the courier has answered', 'Confirm the new delivery date', 'Reset the two-factor device',
    'Send the data export', 'Confirm the price match', 'Update on the spare parts order']) t;

\if :bulk
    \echo dropping the secondary indexes of promise and timer for the load
    create temp table saved_index as
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relname in ('promise', 'timer') and t.relnamespace = 'public'::regnamespace
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
    select 'drop index ' || name from saved_index \gexec
    -- no per-row foreign-key triggers: every reference is taken from existing rows
    set session_replication_role = replica;
\endif

\echo promises, due changes and timers
with src as (
    select c.id as case_id, c.customer_id, c.team_id,
           case when c.owner_id is not null and r.r_owner < 0.85 then c.owner_id else o.id end as owner_id,
           case when c.owner_id is not null and r.r_owner < 0.85 then ca.display_name else o.display_name end as owner_name,
           w.text as description,
           m.made_at,
           r.r_reneg < 0.1 as renegotiated,
           d.due_at
    from generate_series(1, :missing) g
    cross join lateral (select g, random() as r_case, random() as r_owner, random() as r_agent, random() as r_what,
                               random() as r_made, random() as r_due, random() as r_near, random() as r_reneg
                        offset 0) r
    join active_case c on c.idx = floor(r.r_case * :active_cases)::int
    left join agent ca on ca.id = c.owner_id
    join owner_pool o on o.idx = floor(r.r_agent * :owners)::int
    join what w on w.i = floor(power(r.r_what, 1.3) * 20)::int
    cross join lateral (select greatest(c.created_at, now() - interval '3 days' * r.r_made) as made_at offset 0) m
    cross join lateral (select now() + interval '1 hour'
                               + case when r.r_near < 0.3 then interval '3 days' else interval '90 days' end * r.r_due
                               as due_at offset 0) d
),
shaped as (
    select s.*,
           -- a renegotiated promise was first due somewhat earlier and moved halfway between making and now
           case when s.renegotiated then s.made_at + (now() - s.made_at) * 0.5 end as changed_at,
           case when s.renegotiated then greatest(s.made_at + (now() - s.made_at) * 0.5 + interval '1 hour',
                                                 s.due_at - interval '1 day' * (0.5 + random())) end as first_due_at
    from src s
),
timed as (
    select sh.*,
           sh.due_at - least((sh.due_at - coalesce(sh.changed_at, sh.made_at)) * 0.25, interval '24 hours') as remind_at
    from shaped sh
),
ins as (
    insert into promise (id, case_id, customer_id, team_id, description, made_in_entry_id, made_by_type, made_by_id,
                         made_by_name, owner_id, state, made_at, first_due_at, due_at, remind_at, reminded_at,
                         renegotiations, updated_at, version)
    select pg_temp.uuid7(t.made_at), t.case_id, t.customer_id, t.team_id, t.description, null, 'AGENT', t.owner_id,
           t.owner_name, t.owner_id,
           case when t.renegotiated then 'RENEGOTIATED' else 'OPEN' end,
           t.made_at, coalesce(t.first_due_at, t.due_at), t.due_at, t.remind_at,
           case when t.remind_at <= now() then t.remind_at end,
           case when t.renegotiated then 1 else 0 end,
           coalesce(t.changed_at, t.made_at),
           case when t.renegotiated then 1 else 0 end
    from timed t
    returning id, state, made_by_name, owner_id, first_due_at, due_at, remind_at, reminded_at, updated_at
),
changes as (
    insert into promise_due_change (promise_id, changed_at, previous_due_at, due_at, message_entry_id, changed_by_id,
                                    changed_by_name)
    select id, updated_at, first_due_at, due_at, null, owner_id, made_by_name from ins where state = 'RENEGOTIATED'
)
insert into timer (kind, subject_id, due_at)
select 'promise.due', id, due_at from ins
union all
select 'promise.remind', id, remind_at from ins where reminded_at is null;

\if :bulk
    \echo rebuilding indexes
    reset session_replication_role;
    select def from saved_index order by name \gexec
\endif

\echo vacuum analyze
vacuum (analyze) promise, timer, promise_due_change;
\endif

select (select count(*) from promise where state in ('OPEN', 'RENEGOTIATED')) as open_promises,
       (select count(*) from promise where state = 'RENEGOTIATED') as renegotiated,
       (select count(*) from promise where state in ('OPEN', 'RENEGOTIATED') and reminded_at is not null) as already_reminded,
       (select count(*) from timer) as timers,
       (select count(*) from timer where kind = 'promise.due') as due_timers,
       (select count(*) from timer where kind = 'promise.remind') as remind_timers,
       (select count(*) from timer where due_at < now() + interval '1 day') as timers_next_24h,
       pg_size_pretty(pg_total_relation_size('promise')) as promise_size,
       pg_size_pretty(pg_total_relation_size('timer')) as timer_size;
