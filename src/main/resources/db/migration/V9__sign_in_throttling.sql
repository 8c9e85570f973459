-- Failed sign-ins and bad API tokens, counted per account, per address and per address for tokens,
-- so every app node sees the same back-off (ADR 005).
create table sign_in_throttle (
    kind             text not null check (kind in ('account', 'address', 'token')),
    key              text not null,
    failures         int not null,
    last_failure_at  timestamptz not null,
    blocked_until    timestamptz,
    primary key (kind, key)
);
create index sign_in_throttle_age_idx on sign_in_throttle (last_failure_at);
