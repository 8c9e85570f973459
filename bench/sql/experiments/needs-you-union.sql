-- "Needs you now" at 1,000,000 open promises: the query as PromiseStore runs it (one OR over the
-- owner's reminder window and the supervised teams' broken promises: a parallel seq scan of all
-- promises) against three index-backed branches. Behind finding P1 in bench/FINDINGS.md.
-- The new indexes are made inside a transaction that is rolled back: nothing stays. Run it on a desk
-- with few broken promises (bench/promises.sh releases the ones it broke after each run), as for
-- most agents most of the time: then few promises match, and the app's query has to look at all of
-- them to find that out.
--
--   psql -h localhost -p 55433 -U postgres followthrough -v admin_email=bench@example.com \
--        -f bench/sql/experiments/needs-you-union.sql

\set ON_ERROR_STOP on
\pset pager off
\timing off

begin;
select id as admin_id from agent where lower(email) = lower(:'admin_email') \gset
select coalesce(array_agg(team_id)::text, '{}') as admin_teams from team_member where agent_id = :'admin_id' \gset
select owner_id as busy_owner from promise where state in ('OPEN', 'RENEGOTIATED')
 group by owner_id order by count(*) desc limit 1 \gset
select count(*) as open_promises, count(*) filter (where state = 'BROKEN') as broken,
       count(*) filter (where owner_id = :'admin_id') as admin_unsettled
from promise where state in ('OPEN', 'RENEGOTIATED', 'BROKEN');

\set SELECT 'select p.*, c.number as case_number, c.subject as case_subject, cu.name as customer_name, a.display_name as owner_name from promise p join support_case c on c.id = p.case_id join customer cu on cu.id = p.customer_id join agent a on a.id = p.owner_id'
\set NEEDING ' where p.state in (''OPEN'', ''RENEGOTIATED'', ''BROKEN'') and ((p.owner_id = $1 and (p.state = ''BROKEN'' or p.remind_at <= $2 or p.due_at <= $3)) or (p.state = ''BROKEN'' and p.team_id = any($4)))'

-- the app's statements (PromiseStore.needingAttention, countNeedingAttention) --------------------------
prepare needing(uuid, timestamptz, timestamptz, uuid[], int) as :SELECT :NEEDING order by p.due_at, p.id limit $5;
prepare needing_count(uuid, timestamptz, timestamptz, uuid[], int) as
    select count(*) from (select 1 from promise p :NEEDING limit $5) capped;

-- the variant: one branch per reason, each an ordered index range, the page joined after ---------------
-- (remind_at is never after due_at, ReminderPolicy makes it due_at minus a lead: "remind_at <= now or
-- due_at <= now" is "coalesce(remind_at, due_at) <= now")
\set BRANCHES '(select p.id, p.due_at from promise p where p.owner_id = $1 and p.state in (''OPEN'', ''RENEGOTIATED'') and coalesce(p.remind_at, p.due_at) <= $2 order by p.due_at, p.id limit $4) union (select p.id, p.due_at from promise p where p.owner_id = $1 and p.state = ''BROKEN'' order by p.due_at, p.id limit $4) union (select p.id, p.due_at from promise p where p.team_id = any($3) and p.state = ''BROKEN'' order by p.due_at, p.id limit $4)'
prepare needing_union(uuid, timestamptz, uuid[], int) as
    select p.*, c.number as case_number, c.subject as case_subject, cu.name as customer_name, a.display_name as owner_name
    from (:BRANCHES order by 2, 1 limit $4) n
    join promise p on p.id = n.id join support_case c on c.id = p.case_id join customer cu on cu.id = p.customer_id
    join agent a on a.id = p.owner_id
    order by p.due_at, p.id;
prepare needing_union_count(uuid, timestamptz, uuid[], int) as
    select count(*) from (select 1 from (:BRANCHES) n limit $4) capped;

\echo '== as the app runs it today'
\echo '-- A1 needing, the bench admin (ADMIN: its teams broken promises too)'
execute needing(:'admin_id', now(), now(), :'admin_teams', 20) \g /dev/null
explain (analyze, buffers, costs off) execute needing(:'admin_id', now(), now(), :'admin_teams', 20);
\echo '-- A2 needing_count, the bench admin'
execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99);
\echo '-- A3 needing_count, the agent with the most open promises, supervising nothing'
execute needing_count(:'busy_owner', now(), now(), '{}', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_count(:'busy_owner', now(), now(), '{}', 99);

\echo '== three branches, existing indexes only'
\echo '-- B1 needing_union, the bench admin'
execute needing_union(:'admin_id', now(), :'admin_teams', 20) \g /dev/null
explain (analyze, buffers, costs off) execute needing_union(:'admin_id', now(), :'admin_teams', 20);
\echo '-- B2 needing_union_count, the bench admin'
execute needing_union_count(:'admin_id', now(), :'admin_teams', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_union_count(:'admin_id', now(), :'admin_teams', 99);

\echo '== the app query unchanged, plus one partial index for the supervised teams broken promises (rolled back)'
savepoint d;
create index promise_team_broken_idx on promise (team_id, due_at, id) where state = 'BROKEN';
analyze promise;
\echo '-- D1 needing, the bench admin'
execute needing(:'admin_id', now(), now(), :'admin_teams', 20) \g /dev/null
explain (analyze, buffers, costs off) execute needing(:'admin_id', now(), now(), :'admin_teams', 20);
\echo '-- D2 needing_count, the bench admin'
execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99);
\echo '-- D3 needing_count, the agent with the most open promises, supervising nothing'
execute needing_count(:'busy_owner', now(), now(), '{}', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_count(:'busy_owner', now(), now(), '{}', 99);
\echo '-- D4 the same as generic plans (what the JDBC driver switches to after 5 executions)'
set plan_cache_mode = force_generic_plan;
explain (analyze, buffers, costs off) execute needing(:'admin_id', now(), now(), :'admin_teams', 20);
explain (analyze, buffers, costs off) execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99);
reset plan_cache_mode;
rollback to savepoint d;

\echo '== three branches with three partial indexes (made in this transaction, rolled back)'
create index promise_owner_attention_idx on promise (owner_id, (coalesce(remind_at, due_at)))
    where state in ('OPEN', 'RENEGOTIATED');
create index promise_owner_broken_idx on promise (owner_id, due_at, id) where state = 'BROKEN';
create index promise_team_broken_idx on promise (team_id, due_at, id) where state = 'BROKEN';
analyze promise;
\echo '-- C1 needing_union, the bench admin'
execute needing_union(:'admin_id', now(), :'admin_teams', 20) \g /dev/null
explain (analyze, buffers, costs off) execute needing_union(:'admin_id', now(), :'admin_teams', 20);
\echo '-- C2 needing_union_count, the bench admin'
execute needing_union_count(:'admin_id', now(), :'admin_teams', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_union_count(:'admin_id', now(), :'admin_teams', 99);
\echo '-- C3 needing_union_count, the agent with the most open promises, supervising nothing'
execute needing_union_count(:'busy_owner', now(), '{}', 99) \g /dev/null
explain (analyze, buffers, costs off) execute needing_union_count(:'busy_owner', now(), '{}', 99);
\echo '-- the same promises as the app query, in the same order? (now() is fixed inside this transaction)'
create temp table app_page as execute needing(:'admin_id', now(), now(), :'admin_teams', 20);
create temp table union_page as execute needing_union(:'admin_id', now(), :'admin_teams', 20);
create temp table app_count as execute needing_count(:'admin_id', now(), now(), :'admin_teams', 99);
create temp table union_count as execute needing_union_count(:'admin_id', now(), :'admin_teams', 99);
select (select array_agg(id order by due_at, id) from app_page) = (select array_agg(id order by due_at, id) from union_page) as same_page,
       (select count(*) from app_page) as page_rows,
       (select count from app_count) as app_count, (select count from union_count) as union_count;
rollback;
