-- Followthrough bench: a steady stream of promises falling due, planted among the generated ones.
--
-- Takes :rate * :duration open promises (the ones due furthest out, so none of them would fall due
-- on its own during the run) and moves them, in one transaction, as a renegotiation moves a
-- promise and Timers.set() moves its timers:
--   reminders at  t0 + k / :rate                 (k = 0, 1, ..., :rate * :duration - 1)
--   due times at  t0 + :lead + k / :rate
-- with t0 = now + :start_in seconds. So from t0 on, :rate reminders per second fall due, and from
-- t0 + :lead on also :rate breaches per second, each one a real promise with real timer rows that
-- the app's TimerRunner finds, fires and records like any other. The promises and their planted
-- times are kept in bench.planted under :run, for promise-report.sql.
--
--   psql ... -v run=r1 -v rate=40 -v duration=120 -v lead=30 -v start_in=10 -f bench/sql/plant-promises.sql

\set ON_ERROR_STOP on
set client_min_messages = warning;

create schema if not exists bench;
create table if not exists bench.planted (
    run         text not null,
    promise_id  uuid not null,
    remind_at   timestamptz not null,
    due_at      timestamptz not null,
    planted_at  timestamptz not null,
    primary key (run, promise_id)
);

-- the promises due furthest out: none of them falls due on its own during the run
create temp table pick as
select id from promise
where state in ('OPEN', 'RENEGOTIATED')
order by due_at desc, id desc
limit (:rate * :duration)::int;

begin;
select clock_timestamp() + make_interval(secs => :start_in) as t0 \gset
with numbered as (
    select id, row_number() over (order by random()) - 1 as k from pick
),
moved as (
    update promise p
    set remind_at = :'t0'::timestamptz + make_interval(secs => n.k::float8 / :rate),
        due_at = :'t0'::timestamptz + make_interval(secs => :lead + n.k::float8 / :rate),
        reminded_at = null,
        updated_at = now(),
        version = p.version + 1
    from numbered n
    where p.id = n.id and p.state in ('OPEN', 'RENEGOTIATED')
    returning p.id, p.remind_at, p.due_at
),
timers as (
    insert into timer (kind, subject_id, due_at)
    select 'promise.remind', id, remind_at from moved
    union all
    select 'promise.due', id, due_at from moved
    on conflict (kind, subject_id) do update set due_at = excluded.due_at, attempts = 0, last_error = null
)
insert into bench.planted (run, promise_id, remind_at, due_at, planted_at)
select :'run', id, remind_at, due_at, clock_timestamp() from moved;

commit;
select count(*) as planted, min(remind_at) as first_reminder, max(due_at) as last_due,
       round(extract(epoch from min(remind_at) - clock_timestamp())::numeric, 1) as committed_s_before_first_reminder
from bench.planted where run = :'run';
