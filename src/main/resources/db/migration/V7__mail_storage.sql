-- Raw mail and attachments are mostly base64 text and files that are compressed already: pglz
-- saved 2% of their size on the benchmark corpus and made storing a message's raw bytes six times
-- as expensive in CPU. They are stored out of line, uncompressed. (Rows already stored stay as
-- they are.)
alter table mail_raw alter column raw set storage external;
alter table mail_attachment alter column data set storage external;
