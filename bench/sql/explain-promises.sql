-- EXPLAIN (ANALYZE, BUFFERS) of the SQL on the promise timer path and the promise reads of the
-- console, against the generated promises (about 2,000,000 timer rows at 1,000,000 promises).
-- Copied from (keep in step):
--   timer/TimerRunner.java     runBatch(): the due query, the delete of a fired timer
--   promise/PromiseStore.java  lock(), needingAttention(), countNeedingAttention(), list()
-- Row-locking statements run inside a transaction that is rolled back. Each query runs once
-- untimed first, so the numbers are warm-cache ones, as on a live desk.
-- Run: psql -h localhost -p PORT -U postgres followthrough -v admin_email=... -f bench/sql/explain-promises.sql

\set ON_ERROR_STOP on
\pset pager off

select id as admin_id from agent where lower(email) = lower(:'admin_email') \gset
select coalesce(array_agg(team_id)::text, '{}') as admin_teams from team_member where agent_id = :'admin_id' \gset
select owner_id as busy_owner from promise where state in ('OPEN', 'RENEGOTIATED')
 group by owner_id order by count(*) desc limit 1 \gset
select id as some_promise from promise where state in ('OPEN', 'RENEGOTIATED') order by due_at desc limit 1 \gset

\echo '-- the data'
select (select count(*) from timer) as timers,
       (select count(*) from timer where due_at <= now()) as due_now,
       (select count(*) from timer where due_at <= now() + interval '1 hour') as due_within_an_hour,
       (select count(*) from promise where state in ('OPEN', 'RENEGOTIATED')) as open_promises,
       (select count(*) from promise where state = 'BROKEN') as broken_promises,
       pg_size_pretty(pg_relation_size('timer')) as timer_heap,
       pg_size_pretty(pg_relation_size('timer_due_idx')) as timer_due_idx,
       (select count(*) from promise where owner_id = :'busy_owner' and state in ('OPEN', 'RENEGOTIATED')) as busiest_owner_open;
select relname, n_live_tup, n_dead_tup, last_autovacuum, last_autoanalyze
from pg_stat_user_tables where relname in ('timer', 'promise') order by relname;

-- the statements as the app prepares them ----------------------------------------------------------
prepare due(timestamptz, int) as
select kind, subject_id, due_at, attempts from timer
where due_at <= $1
order by due_at
limit $2
for update skip locked;

prepare fired(text, uuid, timestamptz) as
delete from timer where kind = $1 and subject_id = $2 and due_at = $3;

\set SELECT 'select p.*, c.number as case_number, c.subject as case_subject, cu.name as customer_name, a.display_name as owner_name from promise p join support_case c on c.id = p.case_id join customer cu on cu.id = p.customer_id join agent a on a.id = p.owner_id'
\set NEEDING ' where p.state in (''OPEN'', ''RENEGOTIATED'', ''BROKEN'') and ((p.owner_id = $1 and (p.state = ''BROKEN'' or p.remind_at <= $2 or p.due_at <= $3)) or (p.state = ''BROKEN'' and p.team_id = any($4)))'

prepare lock_promise(uuid) as :SELECT where p.id = $1 for update of p;
prepare needing(uuid, timestamptz, timestamptz, uuid[], int) as :SELECT :NEEDING order by p.due_at, p.id limit $5;
prepare needing_count(uuid, timestamptz, timestamptz, uuid[], int) as
    select count(*) from (select 1 from promise p :NEEDING limit $5) capped;
prepare promise_list(text[], int) as :SELECT where p.state = any($1) order by p.due_at, p.id limit $2;

\echo
\echo '-- T1 TimerRunner due query, nothing due (the idle poll, every 250 ms), batch 200'
begin;
execute due(now(), 200) \g /dev/null
explain (analyze, buffers) execute due(now(), 200);
rollback;

\echo
\echo '-- T2 TimerRunner due query with a backlog: everything due within the next hour counts as due, batch 200'
begin;
execute due(now() + interval '1 hour', 200) \g /dev/null
explain (analyze, buffers) execute due(now() + interval '1 hour', 200);
rollback;

\echo
\echo '-- T3 the same as a generic plan (what a prepared statement may switch to after 5 runs)'
set plan_cache_mode = force_generic_plan;
begin;
explain (analyze, buffers) execute due(now() + interval '1 hour', 200);
rollback;
reset plan_cache_mode;

\echo
\echo '-- T4 the handler locks its promise'
begin;
execute lock_promise(:'some_promise') \g /dev/null
explain (analyze, buffers) execute lock_promise(:'some_promise');
rollback;

\echo
\echo '-- T5 the fired timer goes'
select due_at as some_due from timer where kind = 'promise.due' and subject_id = :'some_promise' \gset
begin;
explain (analyze, buffers) execute fired('promise.due', :'some_promise', :'some_due');
rollback;

\echo
\echo '-- P1 Needs you now, the bench admin (supervises its teams: their BROKEN promises count too)'
execute needing(:'admin_id', now(), now(), :'admin_teams', 20) \g /dev/null
explain (analyze, buffers) execute needing(:'admin_id', now(), now(), :'admin_teams', 20);

\echo
\echo '-- P2 Needs you now count (header, every page and every 60 s), the bench admin'
execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99) \g /dev/null
explain (analyze, buffers) execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99);

\echo
\echo '-- P3 Needs you now, the agent with the most open promises, no teams supervised'
execute needing(:'busy_owner', now(), now(), '{}', 20) \g /dev/null
explain (analyze, buffers) execute needing(:'busy_owner', now(), now(), '{}', 20);

\echo
\echo '-- P4 API promise list, open and renegotiated, soonest due first'
execute promise_list('{OPEN,RENEGOTIATED}', 26) \g /dev/null
explain (analyze, buffers) execute promise_list('{OPEN,RENEGOTIATED}', 26);

\echo
\echo '-- index use on timer and promise so far (since the statistics were last reset)'
select relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch
from pg_stat_user_indexes where relname in ('timer', 'promise') order by relname, indexrelname;
select relname, seq_scan, seq_tup_read, idx_scan from pg_stat_user_tables where relname in ('timer', 'promise');
