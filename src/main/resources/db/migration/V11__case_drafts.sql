-- What an agent has typed in a case's composer and not sent yet: one draft per agent, case and
-- composer (reply, call, note), saved while typing and deleted when the entry is sent (ADR 019).
-- Kept apart from the session, so a draft outlives sign-out, a crashed tab and a restart.
create table case_draft (
    agent_id              uuid        not null references agent (id) on delete cascade,
    case_id               uuid        not null references support_case (id) on delete cascade,
    kind                  text        not null check (kind in ('REPLY', 'CALL', 'NOTE')),
    body                  text        not null default '',
    channel               text,
    then_status           text,
    call_direction        text,
    call_minutes          integer,
    call_seconds          integer,
    list_promises         boolean,
    promise_descriptions  text[]      not null default '{}',
    promise_dues          text[]      not null default '{}',
    keeps                 text[]      not null default '{}',
    saved_at              timestamptz not null,
    primary key (agent_id, case_id, kind)
);
