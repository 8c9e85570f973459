-- EXPLAIN (ANALYZE, BUFFERS) of the inbox's queries added in issue 12 (ADR 021): promises on the
-- rows, the sorts by column, the Broken promises view and its count, saved views. Copied from
-- cases/CaseQueries.java (keep them in step). Needs the promises of bench/promises.sh for the
-- promise queries to read anything.
-- Run: psql -h localhost -p PORT -U postgres followthrough -v admin_email=... -f bench/sql/explain-inbox.sql

\set ON_ERROR_STOP on
\pset pager off

select id as admin_id from agent where lower(email) = lower(:'admin_email') \gset
select coalesce(array_agg(team_id)::text, '{}') as admin_teams from team_member where agent_id = :'admin_id' \gset
select owner_id as busy_agent from support_case where owner_id is not null and active
 group by owner_id order by count(*) desc limit 1 \gset
select team_id as some_team from support_case where team_id is not null group by team_id order by count(*) desc limit 1 \gset
select coalesce((select t from support_case, unnest(tags) t group by t order by count(*) desc limit 1), 'none') as some_tag \gset

\set UNSETTLED 'p.state in (''OPEN'', ''RENEGOTIATED'', ''BROKEN'')'
\set FIRST 'not exists (select 1 from promise_summary e where e.case_id = p.case_id and e.state in (''OPEN'', ''RENEGOTIATED'', ''BROKEN'') and (e.due_at, e.id) < (p.due_at, p.id))'
\set BROKEN 'exists (select 1 from promise_summary p where p.case_id = c.id and p.state in (''OPEN'', ''RENEGOTIATED'', ''BROKEN'') and p.due_at <= now())'

\echo '-- I1 Mine, next promise due first'
explain (analyze, buffers, costs off)
select c.*, p.due_at as sort_due, p.id as sort_promise from promise_summary p join support_case c on c.id = p.case_id
where c.active and c.owner_id = :'busy_agent' and :UNSETTLED and :FIRST order by p.due_at, p.id limit 31;

\echo '-- I2 All open, next promise due first'
explain (analyze, buffers, costs off)
select c.*, p.due_at as sort_due, p.id as sort_promise from promise_summary p join support_case c on c.id = p.case_id
where c.active and :UNSETTLED and :FIRST order by p.due_at, p.id limit 31;

\echo '-- I3 Broken promises of the admin''s teams, next promise due first'
explain (analyze, buffers, costs off)
select c.*, p.due_at as sort_due, p.id as sort_promise from promise_summary p join support_case c on c.id = p.case_id
where c.active and c.team_id = any(:'admin_teams'::uuid[]) and :BROKEN and :UNSETTLED and :FIRST
order by p.due_at, p.id limit 31;

\echo '-- I4 count of the Broken promises view'
explain (analyze, buffers, costs off)
select count(*) from (select 1 from support_case c where c.active and c.team_id = any(:'admin_teams'::uuid[]) and :BROKEN limit 1001) counted;

\echo '-- I5 All open by activity, with each row''s next promise (the rows of every page)'
explain (analyze, buffers, costs off)
select c.*, np.id, np.description, np.due_at, np.state, np.remind_at, na.display_name
from (select * from support_case c where c.active order by c.last_activity_at desc, c.id desc limit 31) c
left join lateral (select p.id, p.description, p.due_at, p.state, p.remind_at, p.owner_id from promise_summary p
    where p.case_id = c.id and :UNSETTLED order by p.due_at, p.id limit 1) np on true
left join agent_summary na on na.id = np.owner_id
order by c.last_activity_at desc, c.id desc;

\echo '-- I6 All open by subject'
explain (analyze, buffers, costs off)
select c.* from support_case c where c.active order by c.subject, c.id limit 31;

\echo '-- I7 All open by status'
explain (analyze, buffers, costs off)
select c.* from support_case c where c.active order by c.status, c.id limit 31;

\echo '-- I8 All open by number'
explain (analyze, buffers, costs off)
select c.* from support_case c where c.active order by c.number desc limit 31;

\echo '-- I9 All open by customer'
explain (analyze, buffers, costs off)
select c.*, cu.name as sort_name from support_case c join customer_summary cu on cu.id = c.customer_id
where c.active order by cu.name, c.id limit 31;

\echo '-- I10 All open by owner'
explain (analyze, buffers, costs off)
select c.*, coalesce(o.display_name, '') as sort_name from support_case c left join agent_summary o on o.id = c.owner_id
where c.active order by coalesce(o.display_name, ''), c.id limit 31;

\echo '-- I11 All open, waiting longest first'
explain (analyze, buffers, costs off)
select c.* from support_case c where c.active and c.waiting_since is not null order by c.waiting_since, c.id limit 31;

\echo '-- I12 saved view: a team and a tag, by activity'
explain (analyze, buffers, costs off)
select c.* from support_case c where c.active and c.team_id = :'some_team' and c.tags @> array[:'some_tag']::text[]
order by c.last_activity_at desc, c.id desc limit 31;

\echo '-- I13 saved view: the customer has waited a day, and its count'
explain (analyze, buffers, costs off)
select count(*) from (select 1 from support_case c where c.active and c.waiting_since <= now() - interval '24 hours' limit 1001) counted;

\echo '-- I14 Mine by subject'
explain (analyze, buffers, costs off)
select c.* from support_case c where c.active and c.owner_id = :'busy_agent' order by c.subject, c.id limit 31;
