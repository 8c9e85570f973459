-- cases: a mistyped word in the search box still finds a case by its subject (ADR 006, ADR 023).
-- pg_trgm came with V1; created here too so this file says what it needs.
create extension if not exists pg_trgm;
create index support_case_subject_trgm on support_case using gin (subject gin_trgm_ops);

-- audit: the audit log filtered by who acted, newest first, in the order the page reads it.
create index audit_event_actor_time_idx on audit_event (actor_id, occurred_at desc, id desc);
-- audit: one case's events and those of its promises and handoffs, which name it in their record.
create index audit_event_case_idx on audit_event ((coalesce(after ->> 'case', before ->> 'case')));
