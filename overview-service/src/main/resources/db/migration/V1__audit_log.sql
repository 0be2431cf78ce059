-- Every lookup of a person or a case, written before the answer leaves. Append-only.
create table audit_entry (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz  not null,
    municipality   varchar(8),
    user_id        varchar(255) not null,
    roles          varchar(255) not null,
    action         varchar(40)  not null,
    subject        varchar(64),
    query          text,
    hits           integer      not null,
    hidden         integer      not null,
    request_id     varchar(64)  not null,
    client_address varchar(64)
);

create index audit_entry_subject_time on audit_entry (subject, occurred_at);
create index audit_entry_user_time on audit_entry (municipality, user_id, occurred_at);
