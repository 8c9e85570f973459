-- A reply recorded on a case that did not reach the customer says so for good, with why
-- (cases.NotDelivered): no channel delivers it, no address, a bouncing address, the mailbox switched
-- off or not set up. Null for every entry that went out or is not a reply.
alter table case_entry add column not_delivered text;
