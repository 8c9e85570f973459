-- The API's promise list (GET /api/v1/promises?state=open,renegotiated: PromiseStore.list) walks
-- promise_all_unsettled_idx (due_at, id), which also holds every BROKEN promise; those are all due
-- in the past, so they sit at the front and every page reads past all of them first. Behind finding
-- P2 in bench/FINDINGS.md. Twice, in a transaction that is rolled back, it breaks :broken random open
-- promises (default 57,600, what five bench runs had left), due within the last week, and reads the
-- first page: once as the app runs today, once with a partial index of the pending promises only.
-- That index is made (and dropped at the end) outside the transactions: an index made in the
-- transaction that changed the rows cannot be used by it (pg_index.indcheckxmin).
--
--   psql -h localhost -p 55433 -U postgres followthrough -f bench/sql/experiments/promise-list-pending.sql

\set ON_ERROR_STOP on
\pset pager off
\if :{?broken}
\else
    \set broken 57600
\endif

\set SELECT 'select p.*, c.number as case_number, c.subject as case_subject, cu.name as customer_name, a.display_name as owner_name from promise p join support_case c on c.id = p.case_id join customer cu on cu.id = p.customer_id join agent a on a.id = p.owner_id'
prepare promise_list(text[], int) as :SELECT where p.state = any($1) order by p.due_at, p.id limit $2;
\set BREAK 'with victims as (select id from promise where state = ''OPEN'' order by random() limit :broken) update promise p set state = ''BROKEN'', due_at = now() - interval ''7 days'' * random(), broken_at = now(), updated_at = now() from victims v where v.id = p.id'

\echo '-- L1 as the app runs it today'
begin;
:BREAK;
analyze promise;
select state, count(*) from promise group by state order by state;
execute promise_list('{OPEN,RENEGOTIATED}', 26) \g /dev/null
explain (analyze, buffers, costs off) execute promise_list('{OPEN,RENEGOTIATED}', 26);
\echo '-- L3 the broken ones alone (the Broken list) use promise_all_unsettled_idx well'
explain (analyze, buffers, costs off) execute promise_list('{BROKEN}', 26);
rollback;

\echo '-- L2 with a partial index of the pending promises'
create index promise_pending_due_idx on promise (due_at, id) where state in ('OPEN', 'RENEGOTIATED');
begin;
:BREAK;
analyze promise;
execute promise_list('{OPEN,RENEGOTIATED}', 26) \g /dev/null
explain (analyze, buffers, costs off) execute promise_list('{OPEN,RENEGOTIATED}', 26);
rollback;
drop index promise_pending_due_idx;
analyze promise;
