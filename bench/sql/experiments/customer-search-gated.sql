-- F7 of FINDINGS.md: phone expression index and length-gated ILIKE; rolls back.
\timing off
begin;
create index tmp_customer_phone_digits on customer_phone (regexp_replace(number, '[^0-9+]', '', 'g'));
analyze customer_phone;
prepare cs_gated(text, text, int) as
    with hits as (
        select id as customer_id, similarity(name, $1) + case when name ilike $2 then 0.5 else 0 end as score
          from customer where name % $1 or (length($1) >= 3 and name ilike $2)
        union all
        select customer_id, similarity(address, $1) + case when address ilike $2 then 0.5 else 0 end
          from customer_email where address % $1 or (length($1) >= 3 and address ilike $2)
        union all
        select customer_id, 1.0 from customer_phone
         where regexp_replace(number, '[^0-9+]', '', 'g') = regexp_replace($1, '[^0-9+]', '', 'g')
           and length(regexp_replace($1, '[^0-9+]', '', 'g')) >= 5
    )
    select customer_id from hits group by customer_id order by max(score) desc, customer_id limit $3;
-- select set_config('pg_trgm.similarity_threshold', '0.5', true); explain (analyze) execute cs_gated(:'t', '%' || :'t' || '%', 20); rollback;
