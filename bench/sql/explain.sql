-- EXPLAIN (ANALYZE, BUFFERS) of the SQL the app runs on its hot paths, with parameters taken from
-- the generated data. The statements are copied from (keep them in step):
--   cases/CaseQueries.java   inbox(), count(), list(), casesOf(), casesOfOrganization(), getAll()
--   cases/Timeline.java      of(), count()
--   cases/CaseSearch.java    search()
--   customer/CustomerQueries.java  search(), findByEmail()
-- Each query runs once untimed first so the numbers are warm-cache ones, as on a live desk.
-- Run: psql -h localhost -p PORT -U postgres followthrough -v admin_email=... -f bench/sql/explain.sql

\set ON_ERROR_STOP on
\pset pager off

-- parameters --------------------------------------------------------------------------------------
select id as admin_id from agent where lower(email) = lower(:'admin_email') \gset
select coalesce(array_agg(team_id)::text, '{}') as admin_teams from team_member where agent_id = :'admin_id' \gset
select owner_id as busy_agent from support_case where owner_id is not null and owner_id <> :'admin_id'
 group by owner_id order by count(*) desc limit 1 \gset
select last_activity_at as cur_ts, id as cur_id, priority as cur_prio from support_case where active
 order by last_activity_at desc, id desc offset least(5000, (select count(*) / 2 from support_case where active)) limit 1 \gset
select c.priority as pcur_prio, c.last_activity_at as pcur_ts, c.id as pcur_id from support_case c where active
 order by priority desc, last_activity_at desc, id desc offset least(5000, (select count(*) / 2 from support_case where active)) limit 1 \gset
select customer_id as busy_customer from support_case group by customer_id order by count(*) desc limit 1 \gset
select organization_id as busy_org from customer where organization_id is not null
 group by organization_id order by count(*) desc limit 1 \gset
select team_id as some_team from team_member where agent_id = :'busy_agent' limit 1 \gset
select id as busy_case from support_case where number = (select max(number) from support_case) - 10 \gset
select address as some_email from customer_email order by customer_id limit 1 \gset
select number as some_phone from customer_phone order by customer_id limit 1 \gset
\echo admin=:admin_id teams=:admin_teams busy_agent=:busy_agent customer=:busy_customer org=:busy_org

-- the statements as the app prepares them ----------------------------------------------------------
\set SELECT 'select c.*, cu.name as customer_name, t.name as team_name, a.display_name as owner_name from support_case c join customer cu on cu.id = c.customer_id left join team t on t.id = c.team_id left join agent a on a.id = c.owner_id'

prepare inbox_open_activity(int) as :SELECT where c.active order by c.last_activity_at desc, c.id desc limit $1;
prepare inbox_open_activity_after(timestamptz, uuid, int) as :SELECT where c.active
    and (c.last_activity_at, c.id) < ($1, $2) order by c.last_activity_at desc, c.id desc limit $3;
prepare inbox_open_priority(int) as :SELECT where c.active order by c.priority desc, c.last_activity_at desc, c.id desc limit $1;
prepare inbox_open_priority_after(int, timestamptz, uuid, int) as :SELECT where c.active
    and (c.priority, c.last_activity_at, c.id) < ($1, $2, $3) order by c.priority desc, c.last_activity_at desc, c.id desc limit $4;
prepare inbox_mine_activity(uuid, int) as :SELECT where c.active and c.owner_id = $1 order by c.last_activity_at desc, c.id desc limit $2;
prepare inbox_mine_priority(uuid, int) as :SELECT where c.active and c.owner_id = $1 order by c.priority desc, c.last_activity_at desc, c.id desc limit $2;
prepare inbox_unassigned_activity(uuid[], int) as :SELECT where c.active and c.owner_id is null
    and (c.team_id = any($1) or c.team_id is null) order by c.last_activity_at desc, c.id desc limit $2;
prepare inbox_unassigned_priority(uuid[], int) as :SELECT where c.active and c.owner_id is null
    and (c.team_id = any($1) or c.team_id is null) order by c.priority desc, c.last_activity_at desc, c.id desc limit $2;
prepare inbox_waiting_activity(int) as :SELECT where c.status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY')
    order by c.last_activity_at desc, c.id desc limit $1;

prepare count_mine(uuid) as select count(*) from support_case c where c.active and c.owner_id = $1;
prepare count_unassigned(uuid[]) as select count(*) from support_case c where c.active and c.owner_id is null
    and (c.team_id = any($1) or c.team_id is null);
prepare count_open as select count(*) from support_case c where c.active;
prepare count_waiting as select count(*) from support_case c where c.status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY');

prepare list_all(int) as :SELECT where true order by c.last_activity_at desc, c.id desc limit $1;
prepare list_all_after(timestamptz, uuid, int) as :SELECT where true and (c.last_activity_at, c.id) < ($1, $2)
    order by c.last_activity_at desc, c.id desc limit $3;
prepare list_status(text, int) as :SELECT where true and c.status = $1 order by c.last_activity_at desc, c.id desc limit $2;
prepare list_inactive(int) as :SELECT where true and not c.active order by c.last_activity_at desc, c.id desc limit $1;
prepare list_owner(uuid, int) as :SELECT where true and c.owner_id = $1 order by c.last_activity_at desc, c.id desc limit $2;
prepare list_team(uuid, int) as :SELECT where true and c.team_id = $1 order by c.last_activity_at desc, c.id desc limit $2;
prepare list_customer(uuid, int) as :SELECT where true and c.customer_id = $1 order by c.last_activity_at desc, c.id desc limit $2;
prepare list_tag(text, int) as :SELECT where true and c.tags @> array[$1]::text[] order by c.last_activity_at desc, c.id desc limit $2;
prepare list_tag_active(text, int) as :SELECT where true and c.active and c.tags @> array[$1]::text[] order by c.last_activity_at desc, c.id desc limit $2;

prepare cases_of(uuid, int) as
    select c.id, c.number, c.subject, c.status, c.active, a.display_name as owner_name, c.last_activity_at
    from support_case c left join agent a on a.id = c.owner_id
    where c.customer_id = $1 order by c.last_activity_at desc limit $2;
prepare cases_of_org(uuid, int) as
    select c.id, c.number, c.subject, c.status, c.active, a.display_name as owner_name, c.last_activity_at
    from support_case c join customer cu on cu.id = c.customer_id left join agent a on a.id = c.owner_id
    where cu.organization_id = $1 order by c.last_activity_at desc limit $2;

prepare timeline_of(uuid, boolean, int) as
    select * from (
        select * from case_entry where case_id = $1 and (visible_to_customer or not $2)
        order by created_at desc, id desc limit $3
    ) newest order by created_at, id;
prepare timeline_count(uuid) as select count(*) from case_entry where case_id = $1;

prepare case_search(text, int, int) as
    with q as (select websearch_to_tsquery('english', $1) as query),
    subject_hits as (
        select c.id as case_id, null::uuid as entry_id, c.subject as text,
               ts_rank(c.search, q.query) * 2 as rank
        from support_case c, q where c.search @@ q.query limit $2),
    entry_hits as (
        select e.case_id, e.id as entry_id, null as text, ts_rank(e.search, q.query) as rank
        from case_entry e, q where e.search @@ q.query limit $2),
    best as (
        select distinct on (case_id) * from (select * from subject_hits union all select * from entry_hits) h
        order by case_id, rank desc),
    top as (select * from best order by rank desc, case_id limit $3)
    select top.case_id, top.entry_id, top.rank,
           ts_headline('english', coalesce(top.text, e.body), q.query,
               'StartSel=' || chr(2) || ', StopSel=' || chr(3)
               || ', MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "') as snippet
    from top cross join q left join case_entry e on e.id = top.entry_id
    order by top.rank desc, top.case_id;
prepare case_get_all(uuid[]) as :SELECT where c.id = any($1);
prepare case_by_number(bigint) as :SELECT where c.number = $1;

prepare customer_search(text, text, int) as
    with hits as (
        select id as customer_id, similarity(name, $1) + case when name ilike $2 then 0.5 else 0 end as score
          from customer where name % $1 or name ilike $2
        union all
        select customer_id, similarity(address, $1) + case when address ilike $2 then 0.5 else 0 end
          from customer_email where address % $1 or address ilike $2
        union all
        select customer_id, 1.0 from customer_phone
         where regexp_replace(number, '[^0-9+]', '', 'g') = regexp_replace($1, '[^0-9+]', '', 'g')
           and length(regexp_replace($1, '[^0-9+]', '', 'g')) >= 5
    )
    select customer_id from hits group by customer_id order by max(score) desc, customer_id limit $3;
prepare customer_by_email(text) as
    select c.id from customer c where c.id = (select customer_id from customer_email where lower(address) = lower($1));

-- Runs a prepared statement once to warm the cache, then shows its plan with timing.
-- (psql has no procedures of its own; each block below is the same two lines.)
\o /dev/null
\set QUIET on

\o
\echo '-- Q01 inbox OPEN, activity, first page'
\o /dev/null
execute inbox_open_activity(26);
\o
explain (analyze, buffers, costs off) execute inbox_open_activity(26);

\echo '-- Q02 inbox OPEN, activity, page after min(5,000, half the active) rows (keyset)'
\o /dev/null
execute inbox_open_activity_after(:'cur_ts', :'cur_id', 26);
\o
explain (analyze, buffers, costs off) execute inbox_open_activity_after(:'cur_ts', :'cur_id', 26);

\echo '-- Q03 inbox OPEN, priority, first page'
\o /dev/null
execute inbox_open_priority(26);
\o
explain (analyze, buffers, costs off) execute inbox_open_priority(26);

\echo '-- Q04 inbox OPEN, priority, page after min(5,000, half the active) rows (keyset on a row comparison)'
\o /dev/null
execute inbox_open_priority_after(:pcur_prio, :'pcur_ts', :'pcur_id', 26);
\o
explain (analyze, buffers, costs off) execute inbox_open_priority_after(:pcur_prio, :'pcur_ts', :'pcur_id', 26);

\echo '-- Q05 inbox MINE (the bench admin), activity'
\o /dev/null
execute inbox_mine_activity(:'admin_id', 26);
\o
explain (analyze, buffers, costs off) execute inbox_mine_activity(:'admin_id', 26);

\echo '-- Q06 inbox MINE (busiest agent), priority'
\o /dev/null
execute inbox_mine_priority(:'busy_agent', 26);
\o
explain (analyze, buffers, costs off) execute inbox_mine_priority(:'busy_agent', 26);

\echo '-- Q07 inbox UNASSIGNED (admin teams), activity'
\o /dev/null
execute inbox_unassigned_activity(:'admin_teams', 26);
\o
explain (analyze, buffers, costs off) execute inbox_unassigned_activity(:'admin_teams', 26);

\echo '-- Q08 inbox UNASSIGNED (admin teams), priority'
\o /dev/null
execute inbox_unassigned_priority(:'admin_teams', 26);
\o
explain (analyze, buffers, costs off) execute inbox_unassigned_priority(:'admin_teams', 26);

\echo '-- Q09 inbox WAITING, activity'
\o /dev/null
execute inbox_waiting_activity(26);
\o
explain (analyze, buffers, costs off) execute inbox_waiting_activity(26);

\echo '-- Q10 count MINE'
\o /dev/null
execute count_mine(:'busy_agent');
\o
explain (analyze, buffers, costs off) execute count_mine(:'busy_agent');

\echo '-- Q11 count UNASSIGNED'
\o /dev/null
execute count_unassigned(:'admin_teams');
\o
explain (analyze, buffers, costs off) execute count_unassigned(:'admin_teams');

\echo '-- Q12 count OPEN'
\o /dev/null
execute count_open;
\o
explain (analyze, buffers, costs off) execute count_open;

\echo '-- Q13 count WAITING'
\o /dev/null
execute count_waiting;
\o
explain (analyze, buffers, costs off) execute count_waiting;

\echo '-- Q14 API list, no filter, first page'
\o /dev/null
execute list_all(26);
\o
explain (analyze, buffers, costs off) execute list_all(26);

\echo '-- Q15 API list, no filter, page after min(5,000, half the active) rows'
\o /dev/null
execute list_all_after(:'cur_ts', :'cur_id', 26);
\o
explain (analyze, buffers, costs off) execute list_all_after(:'cur_ts', :'cur_id', 26);

\echo '-- Q16 API list, status=NEW'
\o /dev/null
execute list_status('NEW', 26);
\o
explain (analyze, buffers, costs off) execute list_status('NEW', 26);

\echo '-- Q17 API list, active=false'
\o /dev/null
execute list_inactive(26);
\o
explain (analyze, buffers, costs off) execute list_inactive(26);

\echo '-- Q18 API list, owner= (busiest agent, all statuses)'
\o /dev/null
execute list_owner(:'busy_agent', 26);
\o
explain (analyze, buffers, costs off) execute list_owner(:'busy_agent', 26);

\echo '-- Q19 API list, team='
\o /dev/null
execute list_team(:'some_team', 26);
\o
explain (analyze, buffers, costs off) execute list_team(:'some_team', 26);

\echo '-- Q20 API list, customer= (busiest customer)'
\o /dev/null
execute list_customer(:'busy_customer', 26);
\o
explain (analyze, buffers, costs off) execute list_customer(:'busy_customer', 26);

\echo '-- Q21 API list, tag=legal (a rare tag)'
\o /dev/null
execute list_tag('legal', 26);
\o
explain (analyze, buffers, costs off) execute list_tag('legal', 26);

\echo '-- Q22 API list, tag=billing (the commonest tag), active=true'
\o /dev/null
execute list_tag_active('billing', 26);
\o
explain (analyze, buffers, costs off) execute list_tag_active('billing', 26);

\echo '-- Q23 casesOf(customer)'
\o /dev/null
execute cases_of(:'busy_customer', 20);
\o
explain (analyze, buffers, costs off) execute cases_of(:'busy_customer', 20);

\echo '-- Q24 casesOfOrganization'
\o /dev/null
execute cases_of_org(:'busy_org', 20);
\o
explain (analyze, buffers, costs off) execute cases_of_org(:'busy_org', 20);

\echo '-- Q25 timeline of a case'
\o /dev/null
execute timeline_of(:'busy_case', false, 1000);
\o
explain (analyze, buffers, costs off) execute timeline_of(:'busy_case', false, 1000);

\echo '-- Q26 timeline count'
\o /dev/null
execute timeline_count(:'busy_case');
\o
explain (analyze, buffers, costs off) execute timeline_count(:'busy_case');

\echo '-- Q27 case search: refund (common word)'
\o /dev/null
execute case_search('refund', 2000, 25);
\o
explain (analyze, buffers, costs off) execute case_search('refund', 2000, 25);

\echo '-- Q28 case search: password reset (two common words)'
\o /dev/null
execute case_search('password reset', 2000, 25);
\o
explain (analyze, buffers, costs off) execute case_search('password reset', 2000, 25);

\echo '-- Q29 case search: thermostat (medium)'
\o /dev/null
execute case_search('thermostat', 2000, 25);
\o
explain (analyze, buffers, costs off) execute case_search('thermostat', 2000, 25);

\echo '-- Q30 case search: escrow (rare)'
\o /dev/null
execute case_search('escrow', 2000, 25);
\o
explain (analyze, buffers, costs off) execute case_search('escrow', 2000, 25);

select substring(body from '(ORD-[0-9]+)') as order_no from case_entry tablesample system (0.1) repeatable (3)
 where body like '%ORD-%' limit 1 \gset
\echo '-- Q31 case search: an order number (one message)'
\o /dev/null
execute case_search(:'order_no', 2000, 25);
\o
explain (analyze, buffers, costs off) execute case_search(:'order_no', 2000, 25);

\echo '-- Q32 case search: "Maria Garcia" (a customer name: every message of hers is signed)'
\o /dev/null
execute case_search('Maria Garcia', 2000, 25);
\o
explain (analyze, buffers, costs off) execute case_search('Maria Garcia', 2000, 25);

\echo '-- Q33 getAll(25 ids) after search'
select array_agg(id)::text as some_ids from (select id from support_case tablesample system (1) repeatable (5) limit 25) s \gset
\o /dev/null
execute case_get_all(:'some_ids');
\o
explain (analyze, buffers, costs off) execute case_get_all(:'some_ids');

\echo '-- Q34 customer search: "ma" (two letters, typeahead)'
\o /dev/null
execute customer_search('ma', '%ma%', 20);
\o
explain (analyze, buffers, costs off) execute customer_search('ma', '%ma%', 20);

\echo '-- Q35 customer search: "maria"'
\o /dev/null
execute customer_search('maria', '%maria%', 20);
\o
explain (analyze, buffers, costs off) execute customer_search('maria', '%maria%', 20);

\echo '-- Q36 customer search: "Maria Garcia"'
\o /dev/null
execute customer_search('Maria Garcia', '%Maria Garcia%', 20);
\o
explain (analyze, buffers, costs off) execute customer_search('Maria Garcia', '%Maria Garcia%', 20);

\echo '-- Q37 customer search: an email address'
\o /dev/null
execute customer_search(:'some_email', '%' || :'some_email' || '%', 20);
\o
explain (analyze, buffers, costs off) execute customer_search(:'some_email', '%' || :'some_email' || '%', 20);

\echo '-- Q38 customer search: a phone number'
\o /dev/null
execute customer_search(:'some_phone', '%' || :'some_phone' || '%', 20);
\o
explain (analyze, buffers, costs off) execute customer_search(:'some_phone', '%' || :'some_phone' || '%', 20);

\echo '-- Q39 findByEmail (every POST /api/v1/cases)'
\o /dev/null
execute customer_by_email(upper(:'some_email'));
\o
explain (analyze, buffers, costs off) execute customer_by_email(upper(:'some_email'));

\echo '-- Q40 case by number (#1234 in search)'
\o /dev/null
execute case_by_number(123456);
\o
explain (analyze, buffers, costs off) execute case_by_number(123456);

\echo '-- sizes'
select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) as total,
       pg_size_pretty(pg_indexes_size(relid)) as indexes
from pg_stat_user_tables where n_live_tup > 1000 order by pg_total_relation_size(relid) desc;
