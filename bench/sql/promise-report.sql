-- Followthrough bench: how late the planted promises of run :run were reminded and broken.
-- Each query prints |-separated rows (psql -At -F'|'), which bench/promises.sh turns into Markdown
-- tables; the first row of each is its header. Latencies in milliseconds.
--
--   breach lag   = broken_at - due_at         (broken_at is the app's clock in the firing handler)
--   commit lag   = commit time - due_at       (pg_xact_commit_timestamp of the breach transaction:
--                                              when the breach became visible to everyone else;
--                                              needs track_commit_timestamp = on, else empty)
--   reminder lag = reminded_at - remind_at

\set ON_ERROR_STOP on
select current_setting('track_commit_timestamp') = 'on' as tct \gset
\if :tct
    \set commit_lag 'extract(epoch from pg_xact_commit_timestamp(p.xmin) - b.due_at) * 1000'
    \set tx 'pg_xact_commit_timestamp(p.xmin)::text'
\else
    \set commit_lag 'null::float8'
    \set tx 'null::text'
\endif

\echo '-- breaches'
select 'promises|broken|not yet broken|breach lag p50|p95|p99|max|commit lag p50|p95|p99|max|batch commits|breaches per commit (mean / max)';
with b as (
    select p.state, p.broken_at, b.due_at,
           extract(epoch from p.broken_at - b.due_at) * 1000 as lag,
           :tx as tx
    from bench.planted b join promise p on p.id = b.promise_id
    where b.run = :'run'
),
c as (
    select :commit_lag as lag
    from bench.planted b join promise p on p.id = b.promise_id
    where b.run = :'run' and p.state = 'BROKEN'
),
-- the handlers run in savepoints, so each breach has its own (sub)transaction id: a batch's
-- transaction is told by its commit time, which all its subtransactions share
per_tx as (select tx, count(*) as n from b where state = 'BROKEN' and tx is not null group by tx)
select concat_ws('|',
    (select count(*) from b),
    (select count(*) from b where state = 'BROKEN'),
    (select count(*) from b where state <> 'BROKEN'),
    (select round(percentile_cont(0.5) within group (order by lag)::numeric, 1) from b where state = 'BROKEN'),
    (select round(percentile_cont(0.95) within group (order by lag)::numeric, 1) from b where state = 'BROKEN'),
    (select round(percentile_cont(0.99) within group (order by lag)::numeric, 1) from b where state = 'BROKEN'),
    (select round(max(lag)::numeric, 1) from b where state = 'BROKEN'),
    coalesce((select round(percentile_cont(0.5) within group (order by lag)::numeric, 1) from c)::text, '-'),
    coalesce((select round(percentile_cont(0.95) within group (order by lag)::numeric, 1) from c)::text, '-'),
    coalesce((select round(percentile_cont(0.99) within group (order by lag)::numeric, 1) from c)::text, '-'),
    coalesce((select round(max(lag)::numeric, 1) from c)::text, '-'),
    (select count(*) from per_tx),
    (select round(avg(n), 1) || ' / ' || max(n) from per_tx));

\echo '-- reminders'
select 'promises|reminded|not reminded|reminder lag p50|p95|p99|max';
with r as (
    select p.reminded_at, extract(epoch from p.reminded_at - b.remind_at) * 1000 as lag
    from bench.planted b join promise p on p.id = b.promise_id
    where b.run = :'run'
)
select concat_ws('|',
    count(*), count(reminded_at), count(*) - count(reminded_at),
    round((percentile_cont(0.5) within group (order by lag))::numeric, 1),
    round((percentile_cont(0.95) within group (order by lag))::numeric, 1),
    round((percentile_cont(0.99) within group (order by lag))::numeric, 1),
    round(max(lag)::numeric, 1))
from r;

\echo '-- breach lag over the run'
select 'due (s after the first)|promises|breach lag p50|p99|max';
with b as (
    select b.due_at, extract(epoch from p.broken_at - b.due_at) * 1000 as lag,
           min(b.due_at) over () as first
    from bench.planted b join promise p on p.id = b.promise_id
    where b.run = :'run' and p.state = 'BROKEN'
)
select concat_ws('|',
    (floor(extract(epoch from due_at - first) / 15) * 15)::int || '-' || ((floor(extract(epoch from due_at - first) / 15) + 1) * 15)::int,
    count(*),
    round((percentile_cont(0.5) within group (order by lag))::numeric, 1),
    round((percentile_cont(0.99) within group (order by lag))::numeric, 1),
    round(max(lag)::numeric, 1))
from b group by floor(extract(epoch from due_at - first) / 15) order by floor(extract(epoch from due_at - first) / 15);

\echo '-- other promises due in the same window'
select 'promises (not planted) due in the window|broken|breach lag p50|p99|max';
with w as (select min(remind_at) as from_, max(due_at) as to_ from bench.planted where run = :'run'),
o as (
    select p.state, extract(epoch from p.broken_at - p.due_at) * 1000 as lag
    from promise p, w
    where p.due_at between w.from_ and w.to_
      and not exists (select 1 from bench.planted b where b.run = :'run' and b.promise_id = p.id)
)
select concat_ws('|', count(*), count(*) filter (where state = 'BROKEN'),
    coalesce(round((percentile_cont(0.5) within group (order by lag))::numeric, 1)::text, '-'),
    coalesce(round((percentile_cont(0.99) within group (order by lag))::numeric, 1)::text, '-'),
    coalesce(round(max(lag)::numeric, 1)::text, '-'))
from o;

\echo '-- other reminders due in the same window'
select 'reminders (not planted) due in the window|reminded|reminder lag p50|p99|max';
with w as (select min(remind_at) as from_, max(due_at) as to_ from bench.planted where run = :'run'),
o as (
    select p.reminded_at, extract(epoch from p.reminded_at - p.remind_at) * 1000 as lag
    from promise p, w
    where p.remind_at between w.from_ and w.to_
      and not exists (select 1 from bench.planted b where b.run = :'run' and b.promise_id = p.id)
)
select concat_ws('|', count(*), count(reminded_at),
    coalesce(round((percentile_cont(0.5) within group (order by lag))::numeric, 1)::text, '-'),
    coalesce(round((percentile_cont(0.99) within group (order by lag))::numeric, 1)::text, '-'),
    coalesce(round(max(lag)::numeric, 1)::text, '-'))
from o;

\echo '-- planted timers fired per second (from the first due to the last fired: the rate in a steady run, the throughput after a burst)'
select 'timers fired|seconds|per second';
with t as (
    select count(p.reminded_at) + count(p.broken_at) as n,
           extract(epoch from greatest(max(p.reminded_at), max(p.broken_at)) - min(b.remind_at)) as s
    from bench.planted b join promise p on p.id = b.promise_id
    where b.run = :'run'
)
select concat_ws('|', n, round(s::numeric, 1), round((n / nullif(s, 0))::numeric, 1)) from t;
