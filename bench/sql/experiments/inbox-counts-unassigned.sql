-- F2/F3 of FINDINGS.md: capped counts and UNASSIGNED rewrites. psql -h localhost -p 55433 -U postgres followthrough -f this
\timing off
select id as admin_id from agent where lower(email) = 'bench@example.com' \gset
select coalesce(array_agg(team_id)::text, '{}') as admin_teams from team_member where agent_id = :'admin_id' \gset
select (array_agg(team_id))[1] as t1, (array_agg(team_id))[2] as t2 from team_member where agent_id = :'admin_id' \gset
prepare cnt_open_capped as select count(*) from (select 1 from support_case c where c.active limit 1000) s;
prepare cnt_wait_capped as select count(*) from (select 1 from support_case c where c.status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY') limit 1000) s;
prepare cnt_open as select count(*) from support_case c where c.active;
prepare cnt_open_noparallel as select count(*) from support_case c where c.active;
-- late join: page on support_case alone, then join the 26 rows
prepare un_late(uuid[], int) as
  select c.*, cu.name as customer_name, t.name as team_name, a.display_name as owner_name
  from (select * from support_case c where c.active and c.owner_id is null and (c.team_id = any($1) or c.team_id is null)
        order by c.last_activity_at desc, c.id desc limit $2) c
  join customer cu on cu.id = c.customer_id left join team t on t.id = c.team_id left join agent a on a.id = c.owner_id
  order by c.last_activity_at desc, c.id desc;
-- per-team branches merged in index order
prepare un_union(uuid, uuid, int) as
  select c.*, cu.name as customer_name, t.name as team_name, a.display_name as owner_name
  from (select * from (
          (select * from support_case c where c.active and c.owner_id is null and c.team_id = $1 order by c.last_activity_at desc, c.id desc limit $3)
          union all
          (select * from support_case c where c.active and c.owner_id is null and c.team_id = $2 order by c.last_activity_at desc, c.id desc limit $3)
          union all
          (select * from support_case c where c.active and c.owner_id is null and c.team_id is null order by c.last_activity_at desc, c.id desc limit $3)
        ) u order by u.last_activity_at desc, u.id desc limit $3) c
  join customer cu on cu.id = c.customer_id left join team t on t.id = c.team_id left join agent a on a.id = c.owner_id
  order by c.last_activity_at desc, c.id desc;
\o /dev/null
execute cnt_open_capped; execute cnt_wait_capped; execute cnt_open; execute un_late(:'admin_teams', 26); execute un_union(:'t1', :'t2', 26);
\o
\echo capped OPEN
explain (analyze, costs off) execute cnt_open_capped;
\echo capped WAITING
explain (analyze, costs off) execute cnt_wait_capped;
\echo exact OPEN
explain (analyze, costs off) execute cnt_open;
set max_parallel_workers_per_gather = 0;
\echo exact OPEN no parallel
explain (analyze, costs off) execute cnt_open;
reset max_parallel_workers_per_gather;
\echo unassigned late join
explain (analyze, costs off) execute un_late(:'admin_teams', 26);
\echo unassigned union
explain (analyze, costs off) execute un_union(:'t1', :'t2', 26);
