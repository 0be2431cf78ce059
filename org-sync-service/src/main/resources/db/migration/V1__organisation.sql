-- The last good organisation of each municipality, as its full export gave it.
-- Each row keeps the registration as received (canonical JSON) and a hash of it, so a new
-- export is compared entity by entity without rereading the JSON.
create table org_unit (
    tenant        varchar(8)  not null,
    uuid          uuid        not null,
    short_key     text,
    name          text        not null,
    parent_uuid   uuid,
    registration  text        not null,
    content_hash  varchar(64) not null,
    updated_at    timestamptz not null,
    primary key (tenant, uuid)
);
create index org_unit_parent on org_unit (tenant, parent_uuid);

create table org_user (
    tenant        varchar(8)  not null,
    uuid          uuid        not null,
    user_id       text        not null,
    name          text,
    registration  text        not null,
    content_hash  varchar(64) not null,
    updated_at    timestamptz not null,
    primary key (tenant, uuid),
    -- deferred: within one export two users may swap logins
    unique (tenant, user_id) deferrable initially deferred
);

-- Each user's effective access as last published (the value on overblik.access.v1).
create table effective_access (
    tenant       varchar(8)  not null,
    user_id      text        not null,
    access       text        not null,
    access_hash  varchar(64) not null,
    updated_at   timestamptz not null,
    primary key (tenant, user_id)
);

-- Transactional outbox for the compacted topics: only the latest value per key matters, so a
-- newer change replaces a pending one. A null payload is a tombstone.
create table outbox (
    topic       text   not null,
    record_key  text   not null,
    event_type  text   not null,
    payload     text,
    generation  bigint not null,
    primary key (topic, record_key)
);

create table sync_run (
    id                bigserial primary key,
    tenant            text        not null,
    channel           varchar(16) not null,
    started_at        timestamptz not null,
    finished_at       timestamptz not null,
    outcome           varchar(16) not null,
    units_added       int not null default 0,
    units_changed     int not null default 0,
    units_removed     int not null default 0,
    users_added       int not null default 0,
    users_changed     int not null default 0,
    users_removed     int not null default 0,
    access_published  int not null default 0,
    report            text
);
create index sync_run_tenant on sync_run (tenant, id desc);

-- Orders outbox rows: a later import's records go after an earlier one's.
create sequence outbox_generation;
