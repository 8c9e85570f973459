-- The inbox reads promises (ADR 021): what the promise module publishes for it, and the index that
-- answers "this case's next promise due" for every row of a page.

-- promise: its published view. Plain projection, folded into the queries that read it (ADR 017).
create view promise_summary as
    select id, case_id, owner_id, team_id, description, state, due_at, remind_at, broken_at from promise;
-- promise: a case's unsettled promises by due time, for the next one of each inbox row, the inbox's
-- "sort by next promise due" and its broken / at-risk filters.
create index promise_case_unsettled_idx on promise (case_id, due_at, id)
    where state in ('OPEN', 'RENEGOTIATED', 'BROKEN');

-- cases: since when the customer has waited for us: their first message after our last reply or
-- call, null when nothing of theirs is unanswered. Kept by the timeline as entries are appended.
alter table support_case add column waiting_since timestamptz;
with last_answer as (
    select case_id, max(created_at) as at from case_entry where kind in ('REPLY', 'CALL') group by case_id)
update support_case c set waiting_since = w.since
from (select e.case_id, min(e.created_at) as since
      from case_entry e left join last_answer a on a.case_id = e.case_id
      where e.kind = 'INBOUND' and (a.at is null or e.created_at > a.at)
      group by e.case_id) w
where w.case_id = c.id;
-- The inbox's "waiting since" column, longest waiting first, and its filter.
create index case_waiting_since_idx on support_case (waiting_since, id) where active and waiting_since is not null;
-- Sorting the big views by a column of the case walks these instead of sorting every active case.
create index case_active_subject_idx on support_case (subject, id) where active;
create index case_active_status_idx on support_case (status, id) where active;

-- cases: the active cases of a team, newest activity first (saved views filtered by team).
create index case_team_activity_idx on support_case (team_id, last_activity_at desc, id desc) where active;

-- cases: views of the inbox saved by name, an agent's own or shared with everyone.
create table saved_view (
    id             uuid primary key,
    name           text not null,
    created_by     uuid not null references agent (id),
    shared         boolean not null,
    status         text,
    team_id        uuid references team (id),
    owner_id       uuid references agent (id),
    tag            text,
    priority       smallint check (priority between 1 and 4),
    channel        text,
    promise        text check (promise in ('BROKEN', 'AT_RISK', 'ANY', 'NONE')),
    waiting_hours  int check (waiting_hours > 0),
    created_at     timestamptz not null
);
create unique index saved_view_personal_name_key on saved_view (created_by, lower(name)) where not shared;
create unique index saved_view_shared_name_key on saved_view (lower(name)) where shared;
create index saved_view_created_by_idx on saved_view (created_by);
