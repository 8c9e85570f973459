-- A case offered to another agent or team. The offering owner stays accountable until it is accepted.
create table handoff (
    id               uuid primary key,
    case_id          uuid not null references support_case (id),
    from_owner_id    uuid not null references agent (id),
    to_agent_id      uuid references agent (id),
    to_team_id       uuid references team (id),
    note             text not null,
    state            text not null check (state in ('OFFERED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
    offered_by_id    uuid not null,
    offered_by_name  text not null,
    offered_at       timestamptz not null,
    answer_by        timestamptz not null,
    unanswered_at    timestamptz,
    decided_at       timestamptz,
    decided_by_id    uuid,
    decided_by_name  text,
    decline_reason   text,
    returned_seen_at timestamptz,
    constraint handoff_has_receiver check (to_agent_id is not null or to_team_id is not null),
    constraint declined_has_reason check (state <> 'DECLINED' or decline_reason is not null)
);
-- At most one open offer per case.
create unique index handoff_one_open_per_case on handoff (case_id) where state = 'OFFERED';
create index handoff_case_idx on handoff (case_id, offered_at);
create index handoff_to_agent_open_idx on handoff (to_agent_id, offered_at) where state = 'OFFERED';
create index handoff_to_team_open_idx on handoff (to_team_id, offered_at) where state = 'OFFERED';
create index handoff_returned_idx on handoff (from_owner_id, decided_at) where state = 'DECLINED' and returned_seen_at is null;
