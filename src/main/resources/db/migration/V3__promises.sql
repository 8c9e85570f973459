-- Timers: work due at a moment, fired once by whichever node takes it first (TimerRunner).
create table timer (
    kind        text not null,
    subject_id  uuid not null,
    due_at      timestamptz not null,
    attempts    int not null default 0,
    last_error  text,
    primary key (kind, subject_id)
);
create index timer_due_idx on timer (due_at);

-- When a team works. A team without a row works Monday to Friday, 09:00-17:00, UTC.
create table team_calendar (
    team_id     uuid primary key references team (id),
    time_zone   text not null,
    updated_at  timestamptz not null
);
create table team_opening_hours (
    team_id     uuid not null references team (id),
    day_of_week smallint not null check (day_of_week between 1 and 7),
    opens       time not null,
    closes      time not null check (closes > opens),
    primary key (team_id, day_of_week, opens)
);
create table team_holiday (
    team_id  uuid not null references team (id),
    day      date not null,
    name     text not null,
    primary key (team_id, day)
);

-- How early a team's agents are reminded of what they promised.
create table team_promise_policy (
    team_id               uuid primary key references team (id),
    reminder_lead_percent int not null check (reminder_lead_percent between 0 and 100),
    reminder_lead_max     interval not null,
    updated_at            timestamptz not null
);

create table promise (
    id                uuid primary key,
    case_id           uuid not null references support_case (id),
    customer_id       uuid not null references customer (id),
    team_id           uuid references team (id),
    description       text not null,
    made_in_entry_id  uuid references case_entry (id),
    made_by_type      text not null check (made_by_type in ('AGENT', 'CUSTOMER', 'SYSTEM')),
    made_by_id        uuid,
    made_by_name      text not null,
    owner_id          uuid not null references agent (id),
    state             text not null check (state in ('OPEN', 'RENEGOTIATED', 'KEPT', 'BROKEN', 'RELEASED')),
    made_at           timestamptz not null,
    first_due_at      timestamptz not null,
    due_at            timestamptz not null,
    remind_at         timestamptz,
    reminded_at       timestamptz,
    broken_at         timestamptz,
    kept_at           timestamptz,
    kept_entry_id     uuid references case_entry (id),
    kept_note         text,
    released_at       timestamptz,
    release_note      text,
    renegotiations    int not null default 0,
    updated_at        timestamptz not null,
    version           int not null default 0,
    constraint kept_has_evidence check (state <> 'KEPT' or kept_entry_id is not null or kept_note is not null),
    constraint released_has_note check (state <> 'RELEASED' or release_note is not null)
);
create index promise_case_idx on promise (case_id, made_at, id);
-- "My promises", "At risk", "Needs you now": an owner's unsettled promises by due time.
create index promise_owner_unsettled_idx on promise (owner_id, due_at, id) where state in ('OPEN', 'RENEGOTIATED', 'BROKEN');
create index promise_team_unsettled_idx on promise (team_id, due_at, id) where state in ('OPEN', 'RENEGOTIATED', 'BROKEN');
create index promise_all_unsettled_idx on promise (due_at, id) where state in ('OPEN', 'RENEGOTIATED', 'BROKEN');
-- Reports count what was promised in a period.
create index promise_made_idx on promise (made_at);

-- Every due time a promise has had, and the message that told the customer.
create table promise_due_change (
    promise_id        uuid not null references promise (id),
    changed_at        timestamptz not null,
    previous_due_at   timestamptz not null,
    due_at            timestamptz not null,
    message_entry_id  uuid references case_entry (id),
    changed_by_id     uuid,
    changed_by_name   text not null,
    primary key (promise_id, changed_at)
);
