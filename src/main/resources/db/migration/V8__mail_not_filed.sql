-- Received mail that is on no case (bulk mail, notifications, auto-replies and bounces that answer
-- nothing, our own mail come back) is listed for admins with the reason, and an admin can file it as
-- a case: when, and by whom.
alter table mail_message add column not_filed_reason text;
alter table mail_message add column filed_at timestamptz;
alter table mail_message add column filed_by uuid;

update mail_message set not_filed_reason = case
        when disposition = 'BOUNCE' then 'A delivery failure for mail on no case'
        when auto_reason <> '' then 'Sent by a machine: ' || auto_reason
        else 'Not for a case'
    end
where direction = 'IN' and case_id is null;

create index mail_message_not_filed_idx on mail_message (created_at desc, id desc)
    where direction = 'IN' and (case_id is null or filed_at is not null);
