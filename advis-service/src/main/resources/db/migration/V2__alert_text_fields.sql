-- A filled message (a template of up to 1,000 characters with case titles put in) and a login have no
-- length the service controls; an alert that did not fit was refused again on every retry and held up
-- its partition. (Binary-compatible: no rewrite.)
alter table alert alter column message type text;
alter table alert alter column recipient_user type text;
alter table alert alter column status_changed_by type text;
