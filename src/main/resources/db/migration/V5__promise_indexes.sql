-- Found by bench/promises.sh at a million open promises (bench/FINDINGS.md, PR1 and PR3).
-- A supervisor's "Needs you now" asks for their teams' broken promises: without this index the
-- planner read every unsettled promise of those teams.
create index promise_team_broken_idx on promise (team_id, due_at, id) where state = 'BROKEN';
-- Lists of pending promises (open or renegotiated) by due time no longer walk past broken ones.
create index promise_pending_due_idx on promise (due_at, id) where state in ('OPEN', 'RENEGOTIATED');
