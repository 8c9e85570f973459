-- F5 of FINDINGS.md: case search variants (psql -v t=refund ...; also \i bench/sql/explain.sql's case_search prepare for the current one).
-- Try with: set gin_fuzzy_search_limit = 5000; explain (analyze) execute s_inline(:'t', 500, 25);
prepare s_inline(text, int, int) as
    with subject_hits as (
        select c.id as case_id, null::uuid as entry_id, c.subject as text,
               ts_rank(c.search, websearch_to_tsquery('english', $1)) * 2 as rank
        from support_case c where c.search @@ websearch_to_tsquery('english', $1) limit $2),
    entry_hits as (
        select e.case_id, e.id as entry_id, null as text, ts_rank(e.search, websearch_to_tsquery('english', $1)) as rank
        from case_entry e where e.search @@ websearch_to_tsquery('english', $1) limit $2),
    best as (
        select distinct on (case_id) * from (select * from subject_hits union all select * from entry_hits) h
        order by case_id, rank desc),
    top as (select * from best order by rank desc, case_id limit $3)
    select top.case_id, top.entry_id, top.rank,
           ts_headline('english', coalesce(top.text, e.body), websearch_to_tsquery('english', $1),
               'StartSel=' || chr(2) || ', StopSel=' || chr(3)
               || ', MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "') as snippet
    from top left join case_entry e on e.id = top.entry_id
    order by top.rank desc, top.case_id;
prepare s_recent(text, int, int) as
    with subject_hits as (
        select c.id as case_id, null::uuid as entry_id, c.subject as text,
               ts_rank(c.search, websearch_to_tsquery('english', $1)) * 2 as rank
        from support_case c where c.search @@ websearch_to_tsquery('english', $1)
        order by c.last_activity_at desc, c.id desc limit $2),
    entry_hits as (
        select e.case_id, e.id as entry_id, null as text, ts_rank(e.search, websearch_to_tsquery('english', $1)) as rank
        from case_entry e where e.search @@ websearch_to_tsquery('english', $1) order by e.id desc limit $2),
    best as (
        select distinct on (case_id) * from (select * from subject_hits union all select * from entry_hits) h
        order by case_id, rank desc),
    top as (select * from best order by rank desc, case_id limit $3)
    select top.case_id, top.entry_id, top.rank,
           ts_headline('english', coalesce(top.text, e.body), websearch_to_tsquery('english', $1),
               'StartSel=' || chr(2) || ', StopSel=' || chr(3)
               || ', MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "') as snippet
    from top left join case_entry e on e.id = top.entry_id
    order by top.rank desc, top.case_id;
