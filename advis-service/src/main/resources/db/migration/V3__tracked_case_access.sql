-- The access fields of each case's last registration seen on Kafka. An alert takes its case's fields
-- from the index when it is raised, and the index can be a second behind: where the registration seen
-- here is newer, the alert takes these instead (see AlertRaiser).
alter table tracked_case add column kle_subject varchar(8);
alter table tracked_case add column sensitivity int;
alter table tracked_case add column unit uuid;
