-- What a module lets other modules read of its data (ADR 017). Another module's SQL may name these
-- views, never the tables behind them, and writes only its own tables. The views are plain
-- projections, so PostgreSQL folds them into the query that reads them: the same plans and
-- indexes as a join on the table itself.

-- identity
create view agent_summary as
    select id, display_name, email, time_zone, role, active from agent;
create view team_summary as
    select id, name from team;

-- customer
create view customer_summary as
    select id, name, language, time_zone, organization_id, segment_id from customer;

-- cases
create view case_summary as
    select id, number, subject, customer_id, team_id, owner_id, priority, status, active, channel,
           created_at, last_activity_at, resolved_at, closed_at
    from support_case;
