-- Followthrough bench data generator.
--
-- Fills an app database (schema already migrated by Flyway, first admin already created by the app)
-- with a realistic case desk, entirely server-side with generate_series. Run through bench/run.sh,
-- or by hand:
--
--   psql -h localhost -p PORT -U postgres -d followthrough -v ON_ERROR_STOP=1 \
--        -v cases=1000000 -v customers=200000 -v entries_per_case=5 -v agents=400 -v teams=20 \
--        -v admin_email=bench@example.com -v seed=0.42 -f bench/sql/generate.sql
--
-- What it produces (fractions are of cases):
--   * cases created over the last 2 years, case numbers rising with creation time, ids UUIDv7 from
--     the creation time (as the app's Ids.newId() makes them);
--   * ~15% active (NEW 3%, OPEN 6%, WAITING_ON_CUSTOMER 4%, WAITING_ON_THIRD_PARTY 2%), active cases
--     mostly recent; resolved/closed the rest; NEW cases partly unowned (the UNASSIGNED view);
--     every triaged case has an owner (constraint triaged_case_has_owner);
--   * owners spread over the agents (the bench admin is one of them), teams from the owner;
--   * 0-3 tags, priorities 20/60/15/5, channels mostly email;
--   * a timeline of 1..(2*entries_per_case-1) entries per case (mean entries_per_case): the first
--     is the customer's inbound message, then replies, inbound follow-ups, notes, calls and events,
--     their bodies drawn from sentence pools built from word lists, so full-text search has common,
--     medium and rare words, plus per-message order numbers that match almost nothing else;
--   * customers with 4,800 first/last name pairs, unique lower(email) addresses, a third with
--     phones, 45% in organizations with their own domains.
-- case_entry is append-only: it is only ever inserted into here.

\set ON_ERROR_STOP on
\timing on

select count(*) = 0 as empty from support_case \gset
\if :empty
\else
    \echo 'support_case is not empty: the generator only fills a fresh database'
    select 1/0;
\endif

select setseed(:seed);
set maintenance_work_mem = '1GB';
set work_mem = '256MB';
set synchronous_commit = off;
-- Bulk load without per-row foreign-key triggers; the data is consistent by construction and is
-- checked at the end (see "integrity").
set session_replication_role = replica;

-- word lists ------------------------------------------------------------------
-- One row of word lists; picks are made per row with pg_temp.pick (a volatile function of its
-- arguments, so each row draws anew: an uncorrelated subquery would be evaluated only once).
create temp table words (kind text primary key, w text[] not null);
insert into words values
('first', array['Maria','James','Anna','Mohammed','Wei','Sofia','Lukas','Emma','Noah','Olivia','Liam','Ava','Mateo',
  'Yuki','Aisha','Carlos','Elena','Ivan','Fatima','Chen','Priya','Raj','Lars','Ingrid','Pierre','Camille','Giulia',
  'Marco','Hannah','Ben','Lea','Tom','Nina','Omar','Sara','David','Laura','Paul','Julia','Felix','Zoe','Ethan','Mia',
  'Lucas','Chloe','Daniel','Amelia','Hugo','Isabel','Jonas','Kofi','Amara','Diego','Lucia','Sven','Astrid','Tariq',
  'Leila','Kenji','Mei']),
('last', array['Garcia','Smith','Müller','Nguyen','Rossi','Kowalski','Johansson','Dubois','Silva','Kim','Patel',
  'Schmidt','Jones','Brown','Martin','Bernard','Fischer','Weber','Novak','Horvat','Andersen','Nielsen','Costa',
  'Santos','Ferreira','Lopez','Gonzalez','Hernandez','Wilson','Taylor','Anderson','Thomas','Moore','Jackson','White',
  'Harris','Clark','Lewis','Walker','Young','Allen','King','Wright','Scott','Green','Baker','Adams','Nelson','Hill',
  'Campbell','Mitchell','Roberts','Carter','Phillips','Evans','Turner','Torres','Parker','Collins','Edwards','Stewart',
  'Morris','Murphy','Cook','Rogers','Morgan','Peterson','Cooper','Reed','Bailey','Bell','Gomez','Kelly','Howard',
  'Ward','Cox','Diaz','Richardson','Wood','Watson']),
('maildomain', array['gmail.com','outlook.com','yahoo.com','icloud.com','proton.me','gmx.de','web.de','hotmail.com',
  'aol.com','mail.com']),
('orgword', array['Northwind','Contoso','Fabrikam','Globex','Initech','Umbrella','Stark','Wayne','Acme','Hooli',
  'Vandelay','Wonka','Cyberdyne','Soylent','Tyrell','Gringotts','Oscorp','Aperture','Monarch','Dunder','Pied Piper',
  'Blue Harbor','Red Summit','Silver Lake','Green Valley','Iron Bridge','Golden Gate','Evergreen','Riverside',
  'Lakeshore','Highland','Sunrise','Polar','Crescent','Meridian','Pinnacle','Keystone','Summit','Harbor','Beacon']),
('orgkind', array['Logistics','Retail','Systems','Foods','Health','Energy','Labs','Media','Travel','Bank','Insurance',
  'Motors','Pharma','Studios','Consulting','Hotels','Telecom','Software','Robotics','Outdoor']),
('orgsuffix', array['GmbH','Inc.','Ltd','AG','S.A.','BV','LLC','Group','AB','Oy']),
-- topics are ordered from common to rare; picks are skewed towards the front
('topic', array['order','refund','invoice','payment','delivery','password','login','account','subscription',
  'shipment','return','exchange','warranty','discount code','gift card','mobile app','firmware update',
  'installation','battery','charger','display','bluetooth pairing','wifi connection','data export',
  'two-factor authentication','billing address','cancellation','upgrade','downgrade','api key','integration',
  'monthly report','notification emails','invoice PDF','credit note','chargeback','price match','loyalty points',
  'damaged item','missing item','wrong size','spare parts','repair','replacement','user manual','pickup',
  'customs fee','tracking number','escrow','gdpr request']),
('issue', array['not received','is wrong','failed','keeps failing','not working','stopped working','charged twice',
  'delayed','missing','question','request','problem','cannot be completed','error','still pending','not possible',
  'is broken','urgent help needed','does not arrive','after update']),
('product', array['Aurora','Nimbus','Vega','Orion','Zephyr','Helix','Quasar','Titan','Lumen','Polaris','Sierra',
  'Atlas','Nova','Pulse','Vertex','Echo','Cobalt','Falcon','Horizon','Onyx','Juniper','Kestrel','Meridian','Nebula',
  'Obsidian','Pegasus','Quill','Raven','Solstice','Tundra','Umbra','Vesper','Willow','Xenon','Yarrow','Zenith',
  'Cirrus','Dynamo','Ember','Fjord']),
('model', array['X2','Pro','Mini','Max','S','Plus','Air','3','5','Lite']),
('device', array['router','thermostat','printer','headset','speaker','camera','watch','tablet','laptop','phone',
  'doorbell','vacuum','scale','lamp','e-bike','scooter','charger','keyboard','monitor','hub']),
('errmsg', array['"Something went wrong"','"Payment declined"','"Invalid token"','"Session expired"',
  '"Error 500"','"Address could not be verified"','"Card not supported"','"Device offline"',
  '"Code already used"','"Account locked"','"Sync failed"','"Timeout while connecting"',
  '"Unknown error E-1042"','"Firmware checksum mismatch"','"Quota exceeded"']),
('when', array['yesterday','last week','two weeks ago','this morning','on Monday','last month','three days ago',
  'on Friday','a few hours ago','over the weekend']),
('team', array['billing','logistics','technical','returns','accounts','warehouse','partner','security','payments',
  'hardware']),
('tag', array['billing','shipping','vip','bug','refund','warranty','feature-request','escalated','damaged','b2b',
  'enterprise','onboarding','churn-risk','mobile','api','hardware','software','returns','complaint','feedback',
  'outage','security','gdpr','praise','partner','trial','renewal','tax','invoice','legal']),
('inbound', array[
  'I ordered the {product} {when} and the {topic} is still {issue}.',
  'When I try to use the {topic} I get an error saying {errmsg}.',
  'Could you please check what happened with my {topic}?',
  'This is the second time I am writing about the {topic} and nobody has answered.',
  'I have already tried restarting the {device} and reinstalling the app.',
  'My {product} {device} shows {errmsg} since the {topic} {when}.',
  'Please cancel my {topic} and send me a confirmation.',
  'The {device} arrived {when} but the box was damaged and the {topic} is missing.',
  'I was charged twice for the {topic}, please refund one of the payments.',
  'Can you tell me when the {topic} for my {product} will be available?',
  'Your colleague promised a call back {when} but I never heard from anyone.',
  'I need the {topic} for my accountant by the end of the month.',
  'The tracking page says delivered but I did not receive the {device}.',
  'Is it possible to change the {topic} on my account?',
  'We are a business customer and need this {topic} fixed urgently.',
  'I love the {product} {device}, but the {topic} is really confusing.',
  'After the {topic} the {device} does not connect to the wifi anymore.',
  'Please help, I cannot log in and the password reset email never arrives.']),
('reply', array[
  'Thank you for reaching out about your {topic}.',
  'I am sorry for the trouble with the {product} {device}.',
  'I have forwarded this to our {team} team and will update you as soon as I hear back.',
  'Could you send us a photo of the {device} and the label on the box?',
  'We have issued a refund for the {topic}; it should appear on your statement within 5 business days.',
  'The latest {product} firmware fixes the {errmsg} message; please update from the settings page.',
  'Please allow 3 to 5 business days for the {topic} to be processed.',
  'I have reset the {topic} on your account, please try again and let me know if it works.',
  'A replacement {device} is on its way and you will receive a tracking number by email.',
  'Could you confirm the email address the {topic} was made with?',
  'I checked with our {team} colleagues and the {topic} was sent {when}.',
  'I will keep this case open until you confirm that everything works.',
  'You can download the {topic} from your account page under Documents.',
  'We apologise for the delay; the warehouse has prioritised your {topic}.']),
('note', array[
  'Customer called again about the {topic}, escalating to {team}.',
  'Checked the logs: {errmsg} on the {product} {device} since {when}.',
  'Waiting for the {team} team to confirm the {topic}.',
  'Known issue with {product} {model}, linked to the {topic} incident.',
  'Refund approved by supervisor, {topic} to be reversed.',
  'Customer is a long-standing VIP, handle the {topic} with priority.',
  'Asked the warehouse about the {device}; they will check {when}.',
  'Duplicate of an earlier case about the same {topic}.']);

create temp table wl as
select max(w::text) filter (where kind = 'first')::text[] as first,
       max(w::text) filter (where kind = 'last')::text[] as last,
       max(w::text) filter (where kind = 'maildomain')::text[] as maildomain,
       max(w::text) filter (where kind = 'orgword')::text[] as orgword,
       max(w::text) filter (where kind = 'orgkind')::text[] as orgkind,
       max(w::text) filter (where kind = 'orgsuffix')::text[] as orgsuffix,
       max(w::text) filter (where kind = 'topic')::text[] as topic,
       max(w::text) filter (where kind = 'issue')::text[] as issue,
       max(w::text) filter (where kind = 'product')::text[] as product,
       max(w::text) filter (where kind = 'model')::text[] as model,
       max(w::text) filter (where kind = 'device')::text[] as device,
       max(w::text) filter (where kind = 'errmsg')::text[] as errmsg,
       max(w::text) filter (where kind = 'when')::text[] as "when",
       max(w::text) filter (where kind = 'team')::text[] as team,
       max(w::text) filter (where kind = 'tag')::text[] as tag,
       max(w::text) filter (where kind = 'inbound')::text[] as inbound,
       max(w::text) filter (where kind = 'reply')::text[] as reply,
       max(w::text) filter (where kind = 'note')::text[] as note
from words;

-- A random element, skewed towards the front of the list when skew > 1.
create function pg_temp.pick(a text[], skew float8) returns text language sql volatile as $$
    select a[1 + floor(power(random(), skew) * cardinality(a))::int]
$$;

-- sentence pools: bodies are made of these; 4,000 distinct sentences of each kind -----------------
create temp table sentence (kind text, i int, text text, primary key (kind, i));
insert into sentence (kind, i, text)
select v.kind, g.i,
       replace(replace(replace(replace(replace(replace(replace(replace(
           pg_temp.pick(case v.kind when 'inbound' then wl.inbound when 'reply' then wl.reply else wl.note end, 1),
           '{topic}',   pg_temp.pick(wl.topic, 1.6)),
           '{issue}',   pg_temp.pick(wl.issue, 1)),
           '{product}', pg_temp.pick(wl.product, 1.4)),
           '{model}',   pg_temp.pick(wl.model, 1)),
           '{device}',  pg_temp.pick(wl.device, 1.3)),
           '{errmsg}',  pg_temp.pick(wl.errmsg, 1)),
           '{when}',    pg_temp.pick(wl."when", 1)),
           '{team}',    pg_temp.pick(wl.team, 1))
from (values ('inbound'), ('reply'), ('note')) v(kind)
cross join generate_series(0, 3999) g(i)
cross join wl;

-- a UUIDv7 from a given instant, as the app's Ids.newId() makes them --------------------------------
create function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               placing substring(int8send(floor(extract(epoch from ts) * 1000)::bigint) from 3) from 1 for 6),
           52, 1), 53, 1), 'hex')::uuid
$$;

-- Secondary indexes are dropped for the load and rebuilt afterwards (same definitions, read from the
-- catalog): building them once is several times faster than maintaining them row by row.
create temp table saved_index as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
from pg_index i join pg_class t on t.oid = i.indrelid
where t.relname in ('support_case', 'case_entry', 'customer', 'customer_email', 'customer_phone', 'organization')
  and t.relnamespace = 'public'::regnamespace
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
select 'drop index ' || name from saved_index \gexec

-- teams and agents ---------------------------------------------------------------------------------
\echo teams and agents
insert into team (id, name, created_at)
select pg_temp.uuid7(now() - interval '800 days'),
       initcap((select w[1 + (g % cardinality(w))] from words where kind = 'team')) || ' ' || (g / 10 + 1),
       now() - interval '800 days'
from generate_series(0, :teams - 1) g;

create temp table team_pool as
select (row_number() over (order by name) - 1)::int as idx, id from team;

-- Every bench agent shares the admin's password hash, so the bench can sign in as any of them.
insert into agent (id, email, display_name, password_hash, role, time_zone, active, created_at)
select pg_temp.uuid7(now() - interval '790 days' + g * interval '1 hour'),
       'agent' || g || '@bench.followthrough.test',
       f || ' ' || l,
       (select password_hash from agent where lower(email) = lower(:'admin_email')),
       case when g % 25 = 0 then 'SUPERVISOR' else 'AGENT' end,
       (array['UTC','Europe/Berlin','America/New_York','Asia/Tokyo','Europe/Lisbon'])[1 + g % 5],
       g % 50 <> 49,
       now() - interval '790 days'
from generate_series(1, :agents - 1) g,
     lateral (select (select w[1 + (g * 7) % cardinality(w)] from words where kind = 'first') f,
                     (select w[1 + (g * 13) % cardinality(w)] from words where kind = 'last') l offset 0) n;

-- the admin is agent 0, so the bench's own MINE view has a typical share of cases
create temp table agent_pool as
select (row_number() over (order by (lower(email) = lower(:'admin_email')) desc, created_at, id) - 1)::int as idx,
       id, display_name
from agent where active or lower(email) = lower(:'admin_email');

insert into team_member (team_id, agent_id)
select t.id, a.id from agent_pool a join team_pool t on t.idx = a.idx % :teams
union
select t.id, a.id from agent_pool a join team_pool t on t.idx = (a.idx + 1) % :teams where a.idx % 7 = 0;

-- organizations, customers, emails, phones ---------------------------------------------------------
\echo customers
insert into organization (id, name, domains, notes, segment_id, created_at)
select pg_temp.uuid7(now() - interval '760 days'),
       o.name,
       array[lower(regexp_replace(o.name, '[^A-Za-z]+', '', 'g')) || g || '.com'],
       '', null, now() - interval '760 days'
from generate_series(0, greatest(:customers / 40, 10) - 1) g,
     wl,
     lateral (select pg_temp.pick(wl.orgword, 1) || ' ' || pg_temp.pick(wl.orgkind, 1) || ' '
                     || pg_temp.pick(wl.orgsuffix, 1) || left(g::text, 0) as name offset 0) o;

create temp table org_pool as
select (row_number() over (order by id) - 1)::int as idx, id, domains[1] as domain from organization;
create unique index on org_pool (idx);

create temp table cust_pool as
select g as idx,
       pg_temp.uuid7(now() - interval '750 days' + g * (interval '740 days' / :customers)) as id,
       pg_temp.pick(wl.first, 1.2) as first, pg_temp.pick(wl.last, 1.2) as last,
       case when random() < 0.45 then floor(random() * (select count(*) from org_pool))::int end as org_idx,
       random() as r_phone, random() as r_second, random() as r_lang,
       now() - interval '750 days' + g * (interval '740 days' / :customers) as created_at
from generate_series(0, :customers - 1) g, wl;
create unique index on cust_pool (idx);
analyze cust_pool;

insert into customer (id, name, language, time_zone, preferred_channel, form_of_address, notes, organization_id,
                      segment_id, created_at, updated_at)
select c.id, c.first || ' ' || c.last,
       case when c.r_lang < 0.6 then 'en' when c.r_lang < 0.8 then 'de' when c.r_lang < 0.9 then 'fr' else 'es' end,
       case when c.r_lang < 0.6 then 'America/New_York' when c.r_lang < 0.8 then 'Europe/Berlin'
            when c.r_lang < 0.9 then 'Europe/Paris' else 'Europe/Madrid' end,
       case when c.r_phone < 0.1 then 'PHONE' else 'EMAIL' end,
       '', '', o.id, null, c.created_at, c.created_at
from cust_pool c left join org_pool o on o.idx = c.org_idx;

insert into customer_email (customer_id, address, position)
select c.id,
       lower(translate(c.first || '.' || c.last, 'üÜ', 'uU')) || '.' || c.idx || '@'
           || coalesce(o.domain, (select w[1 + c.idx % cardinality(w)] from words where kind = 'maildomain')),
       0
from cust_pool c left join org_pool o on o.idx = c.org_idx
union all
select c.id, lower(left(c.first, 1) || translate(c.last, 'üÜ', 'uU')) || c.idx || '@gmail.com', 1
from cust_pool c where c.r_second < 0.15;

insert into customer_phone (customer_id, number, label, position)
select c.id,
       case when c.idx % 3 = 0 then '+1 (' || (200 + c.idx % 700) || ') 555-' || lpad((c.idx % 10000)::text, 4, '0')
            when c.idx % 3 = 1 then '+49 30 ' || lpad((c.idx * 37 % 100000000)::text, 8, '0')
            else '+44 20 ' || lpad((c.idx * 53 % 100000000)::text, 8, '0') end,
       case when c.idx % 2 = 0 then 'mobile' else 'work' end,
       0
from cust_pool c where c.r_phone < 0.3;

-- cases --------------------------------------------------------------------------------------------
\echo cases
create temp table case_base as
select i,
       created_at,
       -- active cases are mostly recent ones: 60% of the last 30 days, 13% of older cases (≈15% overall)
       case when random() < case when created_at > now() - interval '30 days' then 0.6 else 0.13 end
            then (array['NEW','NEW','OPEN','OPEN','OPEN','OPEN','WAITING_ON_CUSTOMER','WAITING_ON_CUSTOMER',
                        'WAITING_ON_CUSTOMER','WAITING_ON_THIRD_PARTY'])[1 + floor(random() * 10)::int]
            else case when random() < 0.3 then 'RESOLVED' else 'CLOSED' end end as status,
       floor(random() * (select count(*) from agent_pool))::int as agent_idx,
       random() as r_owner, random() as r_team, random() as r_prio, random() as r_chan, random() as r_act,
       random() as r_tags, random() as r_prod, random() as r_re,
       floor(power(random(), 1.2) * :customers)::int as cust_idx
from (select g as i,
             now() - interval '730 days' * (1 - g::float8 / :cases) - interval '1 minute' * floor(random() * 60) as created_at
      from generate_series(0, :cases - 1) g) s
offset 0;

insert into support_case (id, number, subject, customer_id, team_id, owner_id, priority, status, channel, tags,
                          created_at, updated_at, last_activity_at, resolved_at, closed_at, version)
select pg_temp.uuid7(b.created_at),
       1000 + b.i,
       case when b.r_re < 0.1 then 'Re: ' else '' end
           || initcap(left(tp.w, 1)) || substr(tp.w, 2) || ' ' || iss.w
           || case when b.r_prod < 0.4 then ' - ' || pr.w || ' ' || md.w else '' end,
       cu.id,
       case when b.r_team < 0.9 then t.id end,
       case when b.status <> 'NEW' or b.r_owner < 0.4 then a.id end,
       case when b.r_prio < 0.2 then 1 when b.r_prio < 0.8 then 2 when b.r_prio < 0.95 then 3 else 4 end,
       b.status,
       case when b.r_chan < 0.6 then 'EMAIL' when b.r_chan < 0.75 then 'PORTAL' when b.r_chan < 0.85 then 'PHONE'
            when b.r_chan < 0.95 then 'CHAT' else 'API' end,
       case when b.r_tags < 0.4 then '{}'::text[]
            else array(select distinct pg_temp.pick(wl.tag, 1.5)
                       from generate_series(1, case when b.r_tags < 0.75 then 1 when b.r_tags < 0.93 then 2 else 3 end)
                       order by 1) end,
       b.created_at,
       la.ts, la.ts,
       case when b.status in ('RESOLVED', 'CLOSED') then la.ts end,
       case when b.status = 'CLOSED' then la.ts end,
       floor(b.r_act * 6)::int
from case_base b
cross join wl
join cust_pool cu on cu.idx = b.cust_idx
join agent_pool a on a.idx = b.agent_idx
join team_pool t on t.idx = b.agent_idx % :teams
cross join lateral (select b.i, pg_temp.pick(wl.topic, 1.6) as w offset 0) tp
cross join lateral (select b.i, pg_temp.pick(wl.issue, 1) as w offset 0) iss
cross join lateral (select b.i, pg_temp.pick(wl.product, 1.4) as w offset 0) pr
cross join lateral (select b.i, pg_temp.pick(wl.model, 1) as w offset 0) md
cross join lateral (
    select least(now(), case when b.status in ('RESOLVED', 'CLOSED')
                             then b.created_at + interval '14 days' * power(b.r_act, 2)
                             else greatest(b.created_at, now() - interval '45 days' * power(b.r_act, 2)) end) as ts
    offset 0) la;

select setval('case_number_seq', (select max(number) from support_case));
drop table case_base;

-- timeline -----------------------------------------------------------------------------------------
\echo timeline
insert into case_entry (id, case_id, kind, author_type, author_id, author_name, channel, visible_to_customer, body,
                        call_direction, call_duration_seconds, event_type, event_data, created_at)
select pg_temp.uuid7(e.at), e.case_id, e.kind,
       case e.kind when 'INBOUND' then 'CUSTOMER' when 'EVENT' then 'SYSTEM' else 'AGENT' end,
       case e.kind when 'INBOUND' then e.customer_id when 'EVENT' then null else e.agent_id end,
       case e.kind when 'INBOUND' then e.customer_name when 'EVENT' then 'Followthrough' else e.agent_name end,
       case when e.kind in ('NOTE', 'EVENT') then 'INTERNAL' when e.kind = 'CALL' then 'PHONE' else e.channel end,
       e.kind in ('INBOUND', 'REPLY', 'CALL'),
       case e.kind
           when 'INBOUND' then 'Hello, ' || s1.text || ' ' || s2.text || coalesce(' ' || s3.text, '')
               || case when e.r_order < 0.5 then ' My order number is ORD-' || (1000000 + floor(e.r_order * 17999998))::bigint || '.' else '' end
               || ' Best regards, ' || split_part(e.customer_name, ' ', 1)
           when 'REPLY' then 'Hi ' || split_part(e.customer_name, ' ', 1) || ', ' || s1.text || ' ' || s2.text
               || coalesce(' ' || s3.text, '') || ' Kind regards, ' || e.agent_name
           when 'NOTE' then s1.text
           when 'CALL' then 'Call with ' || e.customer_name || ': ' || s1.text
           else '' end,
       case when e.kind = 'CALL' then case when e.r_order < 0.5 then 'INBOUND' else 'OUTBOUND' end end,
       case when e.kind = 'CALL' then 30 + floor(e.r_order * 1200)::int end,
       case when e.kind = 'EVENT' then case when e.j = 2 then 'assigned' else 'status_changed' end end,
       case when e.kind = 'EVENT' then case when e.j = 2 then jsonb_build_object('owner', e.agent_name)
                                            else jsonb_build_object('from', 'OPEN', 'to', e.status) end end,
       e.at
from (
    select c.id as case_id, c.channel, c.status, cu.id as customer_id, cu.name as customer_name,
           coalesce(c.owner_id, ap.id) as agent_id, coalesce(a.display_name, ap.display_name) as agent_name,
           j.j,
           case when j.j = 1 then 'INBOUND'
                when r.k < 0.40 then 'REPLY' when r.k < 0.68 then 'INBOUND' when r.k < 0.80 then 'NOTE'
                when r.k < 0.95 then 'EVENT' else 'CALL' end as kind,
           case when n.n = 1 then c.created_at
                else c.created_at + (c.last_activity_at - c.created_at) * ((j.j - 1)::float8 / (n.n - 1)) end as at,
           r.r_order,
           floor(random() * 4000)::int as p1, floor(random() * 4000)::int as p2,
           case when random() < 0.5 then floor(random() * 4000)::int end as p3
    from support_case c
    join customer cu on cu.id = c.customer_id
    left join agent a on a.id = c.owner_id
    join agent_pool ap on ap.idx = c.number % (select count(*) from agent_pool)
    cross join lateral (select c.number, 1 + floor(random() * (2 * :entries_per_case - 1))::int as n offset 0) n
    cross join lateral generate_series(1, n.n) j(j)
    cross join lateral (select j.j, random() as k, random() as r_order offset 0) r
    offset 0
) e
join sentence s1 on s1.kind = case e.kind when 'REPLY' then 'reply' when 'NOTE' then 'note'
                                         when 'CALL' then 'note' else 'inbound' end and s1.i = e.p1
join sentence s2 on s2.kind = case e.kind when 'REPLY' then 'reply' else 'inbound' end and s2.i = e.p2
left join sentence s3 on s3.kind = case e.kind when 'REPLY' then 'reply' else 'inbound' end and s3.i = e.p3;

-- indexes, statistics --------------------------------------------------------------------------------
\echo rebuilding indexes
reset session_replication_role;
select def from saved_index order by name \gexec

\echo integrity
select
    (select count(*) from case_entry e where not exists (select 1 from support_case c where c.id = e.case_id)) as orphan_entries,
    (select count(*) from support_case c where not exists (select 1 from customer cu where cu.id = c.customer_id)) as orphan_cases,
    (select count(*) from support_case where status <> 'NEW' and owner_id is null) as untriaged_without_owner;

\echo vacuum analyze
vacuum (analyze) team, agent, team_member, organization, customer, customer_email, customer_phone, support_case, case_entry;

select (select count(*) from support_case) as cases,
       (select count(*) from support_case where active) as active_cases,
       (select count(*) from case_entry) as entries,
       (select count(*) from customer) as customers,
       (select count(*) from agent) as agents,
       (select count(*) from team) as teams,
       pg_size_pretty(pg_database_size(current_database())) as database_size;
