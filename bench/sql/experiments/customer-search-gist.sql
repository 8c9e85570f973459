-- F7 of FINDINGS.md: customer search variants; runs in a transaction that rolls back the trial indexes.
\timing off
begin;
create index tmp_customer_name_gist on customer using gist (name gist_trgm_ops);
create index tmp_customer_email_gist on customer_email using gist (address gist_trgm_ops);
create index tmp_customer_phone_digits on customer_phone (regexp_replace(number, '[^0-9+]', '', 'g'));
analyze customer; analyze customer_email; analyze customer_phone;
prepare cs_new(text, text, int, int) as
    with hits as (
        (select id as customer_id, similarity(name, $1) + case when name ilike $2 then 0.5 else 0 end as score
           from customer where name % $1 order by name <-> $1 limit $4)
        union all
        (select id, similarity(name, $1) + 0.5 from customer
          where length($1) >= 3 and name ilike $2 order by name <-> $1 limit $4)
        union all
        (select customer_id, similarity(address, $1) + case when address ilike $2 then 0.5 else 0 end
           from customer_email where address % $1 order by address <-> $1 limit $4)
        union all
        (select customer_id, similarity(address, $1) + 0.5 from customer_email
          where length($1) >= 3 and address ilike $2 order by address <-> $1 limit $4)
        union all
        select customer_id, 1.0 from customer_phone
         where regexp_replace(number, '[^0-9+]', '', 'g') = regexp_replace($1, '[^0-9+]', '', 'g')
           and length(regexp_replace($1, '[^0-9+]', '', 'g')) >= 5
    )
    select customer_id from hits group by customer_id order by max(score) desc, customer_id limit $3;
prepare customer_search(text, text, int) as
    with hits as (
        select id as customer_id, similarity(name, $1) + case when name ilike $2 then 0.5 else 0 end as score
          from customer where name % $1 or name ilike $2
        union all
        select customer_id, similarity(address, $1) + case when address ilike $2 then 0.5 else 0 end
          from customer_email where address % $1 or address ilike $2
        union all
        select customer_id, 1.0 from customer_phone
         where regexp_replace(number, '[^0-9+]', '', 'g') = regexp_replace($1, '[^0-9+]', '', 'g')
           and length(regexp_replace($1, '[^0-9+]', '', 'g')) >= 5
    )
    select customer_id from hits group by customer_id order by max(score) desc, customer_id limit $3;
-- explain (analyze) execute cs_new(:'t', '%' || :'t' || '%', 20, 50); rollback;
