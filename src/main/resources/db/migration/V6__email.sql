-- The email channel: mailboxes, every message in and out, attachments, the outbox, the quarantine.

-- A mailbox the desk reads (IMAP) and sends from (SMTP). Passwords are encrypted by the app
-- (AES-GCM, key from FOLLOWTHROUGH_SECRET_KEY); the database never sees them in clear.
create table mailbox (
    id                     uuid primary key,
    address                text not null,
    display_name           text not null,
    team_id                uuid references team (id),
    imap_host              text not null,
    imap_port              int not null check (imap_port between 1 and 65535),
    imap_security          text not null check (imap_security in ('NONE', 'STARTTLS', 'TLS')),
    imap_user              text not null,
    imap_password          text not null default '',
    imap_folder            text not null default 'INBOX',
    smtp_host              text not null,
    smtp_port              int not null check (smtp_port between 1 and 65535),
    smtp_security          text not null check (smtp_security in ('NONE', 'STARTTLS', 'TLS')),
    smtp_user              text not null default '',
    smtp_password          text not null default '',
    poll_interval_seconds  int not null default 60 check (poll_interval_seconds >= 5),
    acknowledge            boolean not null default true,
    active                 boolean not null default true,
    -- One node polls a mailbox at a time: it holds this lease while it reads.
    poll_lease_until       timestamptz,
    last_polled_at         timestamptz,
    last_error             text,
    last_error_at          timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                int not null default 0
);
create unique index mailbox_address_key on mailbox (lower(address));

-- Every message the desk received or sent, by its Message-ID: threading looks replies up here, and
-- a message fetched twice (after a crash) is recognised by its key and not ingested again.
create table mail_message (
    id              uuid primary key,
    mailbox_id      uuid references mailbox (id) on delete set null,
    direction       text not null check (direction in ('IN', 'OUT')),
    -- The Message-ID, or for a message without one 'sha256:' and the hash of its raw bytes.
    message_key     text not null,
    case_id         uuid references support_case (id),
    entry_id        uuid,
    disposition     text not null check (disposition in
                        ('NEW_CASE', 'ADDED', 'FOLLOW_UP', 'AUTO_REPLY', 'BOUNCE', 'IGNORED', 'SENT')),
    from_address    text not null default '',
    from_name       text not null default '',
    to_addresses    text[] not null default '{}',
    cc_addresses    text[] not null default '{}',
    subject         text not null default '',
    in_reply_to     text,
    refs            text[] not null default '{}',
    html            text,
    full_text       text not null default '',
    quoted_text     text not null default '',
    auto_reason     text not null default '',
    warnings        text[] not null default '{}',
    created_at      timestamptz not null
);
create unique index mail_message_key on mail_message (message_key, direction);
create index mail_message_case_idx on mail_message (case_id, created_at) where case_id is not null;
create index mail_message_entry_idx on mail_message (entry_id) where entry_id is not null;

-- The raw bytes of a received message: "download original" and re-parsing.
create table mail_raw (
    message_id  uuid primary key references mail_message (id) on delete cascade,
    raw         bytea not null
);

create table mail_attachment (
    id            uuid primary key,
    message_id    uuid not null references mail_message (id) on delete cascade,
    case_id       uuid references support_case (id),
    filename      text not null,
    content_type  text not null,
    content_id    text,
    inline        boolean not null,
    size          bigint not null,
    -- Null when the attachment was refused; refused_reason says why.
    data          bytea,
    refused_reason text,
    position      int not null
);
create index mail_attachment_message_idx on mail_attachment (message_id, position);

-- Everyone on a case's email thread besides the customer (CC'd colleagues of theirs): replies go
-- to them too, and their replies join the case.
create table case_mail_participant (
    case_id     uuid not null references support_case (id),
    address     text not null,
    name        text not null default '',
    added_at    timestamptz not null,
    primary key (case_id, address)
);
create index case_mail_participant_address_idx on case_mail_participant (lower(address));

-- Which mailbox a case's email thread runs through.
create table case_mailbox (
    case_id     uuid primary key references support_case (id),
    mailbox_id  uuid not null references mailbox (id) on delete cascade
);

-- Addresses whose mail bounced, until mail from them arrives again.
create table bouncing_address (
    address      text primary key,
    reason       text not null,
    case_id      uuid references support_case (id),
    bounced_at   timestamptz not null
);

-- Mail waiting to be sent, committed with the reply that wrote it. A timer sends it after commit
-- and retries with backoff; the state is shown on the reply's timeline entry.
create table mail_outbox (
    id              uuid primary key,
    mailbox_id      uuid references mailbox (id) on delete set null,
    kind            text not null check (kind in ('REPLY', 'ACKNOWLEDGEMENT', 'ALERT')),
    case_id         uuid references support_case (id),
    entry_id        uuid,
    agent_id        uuid references agent (id),
    message_id      text not null unique,
    from_name       text not null,
    to_addresses    text[] not null,
    cc_addresses    text[] not null default '{}',
    subject         text not null,
    in_reply_to     text,
    refs            text[] not null default '{}',
    body_text       text not null,
    auto_submitted  boolean not null default false,
    state           text not null check (state in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'GAVE_UP', 'NOT_SENT', 'BOUNCED')),
    attempts        int not null default 0,
    claimed_until   timestamptz,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    -- A reply that did not arrive is the case owner's to see ("Needs you now") until they have.
    problem_seen_at timestamptz
);
create index mail_outbox_entry_idx on mail_outbox (entry_id) where entry_id is not null;
create index mail_outbox_case_idx on mail_outbox (case_id, created_at) where case_id is not null;
create index mail_outbox_problem_idx on mail_outbox (case_id)
    where state in ('GAVE_UP', 'BOUNCED') and kind = 'REPLY' and problem_seen_at is null;
create index mail_outbox_ack_idx on mail_outbox ((to_addresses[1]), created_at) where kind = 'ACKNOWLEDGEMENT';

-- Messages that could not be read or placed, kept raw with the reason. Never dropped.
create table mail_quarantine (
    id            uuid primary key,
    mailbox_id    uuid references mailbox (id) on delete set null,
    message_key   text not null unique,
    subject       text not null default '',
    from_address  text not null default '',
    reason        text not null,
    raw           bytea not null,
    attempts      int not null default 1,
    received_at   timestamptz not null,
    last_tried_at timestamptz not null,
    released_at   timestamptz,
    released_to   uuid
);
create index mail_quarantine_open_idx on mail_quarantine (received_at desc) where released_at is null;

-- Agents who want their alerts (promise reminders and breaches, handoff offers) by email too.
create table agent_mail_alerts (
    agent_id  uuid primary key references agent (id) on delete cascade,
    since     timestamptz not null
);
