-- Macros (canned replies), owned by the macros module: a text with placeholders and the actions
-- that go with it. Personal macros belong to one agent; shared ones are seen by everyone, or by
-- the members of one team.
create table macro (
    id                  uuid primary key,
    scope               text not null check (scope in ('PERSONAL', 'SHARED')),
    owner_id            uuid references agent (id),
    shared_with_team_id uuid references team (id),
    title               text not null,
    body                text not null,
    set_status          text check (set_status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'RESOLVED')),
    add_tags            text[] not null default '{}',
    set_team_id         uuid references team (id),
    promise_description text,
    promise_due         text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    archived_at         timestamptz,
    used_count          bigint not null default 0,
    last_used_at        timestamptz,
    constraint macro_personal_has_owner check (scope <> 'PERSONAL' or (owner_id is not null and shared_with_team_id is null)),
    constraint macro_promise_whole check ((promise_description is null) = (promise_due is null))
);
-- The composer's picker: an agent's own macros and the shared ones, most used first.
create index macro_owner_idx on macro (owner_id) where archived_at is null;
create index macro_shared_idx on macro (shared_with_team_id) where scope = 'SHARED' and archived_at is null;
