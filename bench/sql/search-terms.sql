-- Search terms for the load driver, one a line: words and phrases of the generated vocabulary from
-- very common to rare, then terms drawn from the data itself (a customer's name, order numbers that
-- occur in one message each, case numbers that search resolves directly).
select t from unnest(array[
    'refund', 'order', 'invoice', 'password reset', 'not working',            -- common
    'thermostat', 'firmware update', 'zephyr', 'bluetooth pairing', 'warehouse', -- medium
    'escrow', 'gdpr request', 'chargeback', 'fjord ember', '"checksum mismatch"'  -- rare / phrase
]) t;
select name from customer tablesample system (1) repeatable (7) limit 2;
select substring(body from '(ORD-[0-9]+)') from case_entry tablesample system (0.2) repeatable (7)
 where body like '%ORD-%' limit 4;
select '#' || number from support_case tablesample system (1) repeatable (7) limit 2;
