-- The case desk: identity, customers, cases with their append-only timeline, audit, sessions.
create extension if not exists pg_trgm;

-- identity -----------------------------------------------------------------
create table team (
    id          uuid primary key,
    name        text not null,
    created_at  timestamptz not null
);
create unique index team_name_key on team (lower(name));

create table agent (
    id             uuid primary key,
    email          text not null,
    display_name   text not null,
    password_hash  text not null,
    role           text not null check (role in ('AGENT', 'SUPERVISOR', 'ADMIN')),
    time_zone      text not null default 'UTC',
    active         boolean not null default true,
    created_at     timestamptz not null
);
create unique index agent_email_key on agent (lower(email));

create table team_member (
    team_id   uuid not null references team (id) on delete cascade,
    agent_id  uuid not null references agent (id) on delete cascade,
    primary key (team_id, agent_id)
);
create index team_member_agent_idx on team_member (agent_id);

create table api_token (
    id            uuid primary key,
    name          text not null,
    token_hash    text not null unique,
    token_prefix  text not null,
    agent_id      uuid not null references agent (id),
    created_by    uuid references agent (id),
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- customers ----------------------------------------------------------------
create table segment (
    id           uuid primary key,
    name         text not null,
    description  text not null default '',
    created_at   timestamptz not null
);
create unique index segment_name_key on segment (lower(name));

create table organization (
    id          uuid primary key,
    name        text not null,
    domains     text[] not null default '{}',
    notes       text not null default '',
    segment_id  uuid references segment (id),
    created_at  timestamptz not null
);
create index organization_name_trgm on organization using gin (name gin_trgm_ops);
create index organization_domains_idx on organization using gin (domains);

create table customer (
    id                 uuid primary key,
    name               text not null,
    language           text not null default 'en',
    time_zone          text not null default 'UTC',
    preferred_channel  text not null default 'EMAIL',
    form_of_address    text not null default '',
    notes              text not null default '',
    organization_id    uuid references organization (id),
    segment_id         uuid references segment (id),
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index customer_name_trgm on customer using gin (name gin_trgm_ops);
create index customer_name_idx on customer (name, id);
create index customer_organization_idx on customer (organization_id) where organization_id is not null;

create table customer_email (
    customer_id  uuid not null references customer (id) on delete cascade,
    address      text not null,
    position     int not null default 0,
    primary key (customer_id, address)
);
create unique index customer_email_address_key on customer_email (lower(address));
create index customer_email_trgm on customer_email using gin (address gin_trgm_ops);

create table customer_phone (
    customer_id  uuid not null references customer (id) on delete cascade,
    number       text not null,
    label        text not null default '',
    position     int not null default 0,
    primary key (customer_id, number)
);
create index customer_phone_number_idx on customer_phone (number);

-- cases --------------------------------------------------------------------
create sequence case_number_seq start with 1001;

create table support_case (
    id                uuid primary key,
    number            bigint not null unique default nextval('case_number_seq'),
    subject           text not null,
    customer_id       uuid not null references customer (id),
    team_id           uuid references team (id),
    owner_id          uuid references agent (id),
    priority          smallint not null check (priority between 1 and 4),
    status            text not null check (status in
                          ('NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'RESOLVED', 'CLOSED')),
    active            boolean generated always as (status not in ('RESOLVED', 'CLOSED')) stored,
    channel           text not null,
    tags              text[] not null default '{}',
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    last_activity_at  timestamptz not null,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    version           int not null default 0,
    -- 'ORD-7155853' is indexed as 'ord' and '7155853', so the number alone finds it (see CaseSearch).
    search            tsvector generated always as (to_tsvector('english'::regconfig,
                          regexp_replace(subject, '([[:alpha:]])-([[:digit:]])', '\1 \2', 'g'))) stored,
    constraint triaged_case_has_owner check (status = 'NEW' or owner_id is not null)
);
-- Inbox views walk these in order and stop at a page: keyset pagination, never OFFSET.
create index case_owner_activity_idx on support_case (owner_id, last_activity_at desc, id desc) where active;
create index case_owner_priority_idx on support_case (owner_id, priority desc, last_activity_at desc, id desc) where active;
create index case_unassigned_activity_idx on support_case (team_id, last_activity_at desc, id desc) where active and owner_id is null;
create index case_unassigned_priority_idx on support_case (team_id, priority desc, last_activity_at desc, id desc) where active and owner_id is null;
create index case_active_activity_idx on support_case (last_activity_at desc, id desc) where active;
create index case_active_priority_idx on support_case (priority desc, last_activity_at desc, id desc) where active;
create index case_waiting_activity_idx on support_case (last_activity_at desc, id desc)
    where status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY');
create index case_waiting_priority_idx on support_case (priority desc, last_activity_at desc, id desc)
    where status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY');
create index case_all_activity_idx on support_case (last_activity_at desc, id desc);
create index case_customer_idx on support_case (customer_id, last_activity_at desc);
create index case_search_idx on support_case using gin (search);
create index case_tags_idx on support_case using gin (tags);

-- The timeline is append-only: entries are inserted, never updated or deleted.
create table case_entry (
    id                     uuid primary key,
    case_id                uuid not null references support_case (id),
    kind                   text not null check (kind in ('INBOUND', 'REPLY', 'CALL', 'NOTE', 'EVENT')),
    author_type            text not null check (author_type in ('AGENT', 'CUSTOMER', 'SYSTEM')),
    author_id              uuid,
    author_name            text not null,
    channel                text not null,
    visible_to_customer    boolean not null,
    body                   text not null default '',
    call_direction         text check (call_direction in ('INBOUND', 'OUTBOUND')),
    call_duration_seconds  int check (call_duration_seconds >= 0),
    event_type             text,
    event_data             jsonb,
    created_at             timestamptz not null,
    search                 tsvector generated always as (to_tsvector('english'::regconfig,
                               regexp_replace(body, '([[:alpha:]])-([[:digit:]])', '\1 \2', 'g'))) stored
);
create index case_entry_case_idx on case_entry (case_id, created_at, id);
create index case_entry_search_idx on case_entry using gin (search);

create function case_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the case timeline is append-only';
end $$;
create trigger case_entry_append_only before update or delete on case_entry
    for each row execute function case_entry_is_append_only();

-- audit --------------------------------------------------------------------
create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz not null,
    actor_type   text not null,
    actor_id     uuid,
    actor_name   text not null,
    entity_type  text not null,
    entity_id    uuid not null,
    action       text not null,
    before       jsonb,
    after        jsonb
);
create index audit_event_entity_idx on audit_event (entity_type, entity_id, id);
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);

-- web sessions, shared by every app node -----------------------------------
create table spring_session (
    primary_id             char(36) not null primary key,
    session_id             char(36) not null,
    creation_time          bigint not null,
    last_access_time       bigint not null,
    max_inactive_interval  int not null,
    expiry_time            bigint not null,
    principal_name         varchar(320)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36) not null references spring_session (primary_id) on delete cascade,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea not null,
    primary key (session_primary_id, attribute_name)
);
