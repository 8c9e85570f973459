-- Customer search: prefixes from B-trees first, phone numbers by their digits, trigrams only as a fallback.
create index customer_name_prefix_idx on customer (lower(name) text_pattern_ops);
create index customer_email_prefix_idx on customer_email (lower(address) text_pattern_ops);
create index customer_phone_digits_idx on customer_phone (regexp_replace(number, '[^0-9+]', '', 'g'));
