-- Alert rules, one set per municipality (tenant = CVR). Empty arrays in a condition mean "any".
create table rule (
    id                     uuid primary key,
    tenant                 varchar(8)   not null,
    name                   varchar(200) not null,
    trigger_type           varchar(40)  not null,
    kle_scope              text[]       not null default '{}',
    progress               text[]       not null default '{}',
    source_systems         text[]       not null default '{}',
    max_sensitivity        int,
    other_source_system    boolean      not null default false,
    message                varchar(1000) not null,
    enabled                boolean      not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    version                int          not null default 0
);
create index rule_by_trigger on rule (tenant, trigger_type) where enabled;

-- One alert per rule, case and trigger event, however often the event is delivered (the unique
-- key). The case's access fields are kept current from case events, so the inbox filters on
-- them inside its query (DESIGN section 4).
create table alert (
    id                 uuid primary key,
    tenant             varchar(8)   not null,
    rule_id            uuid         not null references rule (id) on delete restrict,
    trigger_event_id   uuid         not null,
    case_id            uuid         not null,
    party              varchar(40)  not null,
    recipient_user     varchar(200),
    recipient_unit     uuid         not null,
    message            varchar(2000) not null,
    status             varchar(8)   not null,
    created_at         timestamptz  not null default clock_timestamp(),
    status_changed_at  timestamptz,
    status_changed_by  varchar(200),
    case_kle_subject   varchar(8)   not null,
    case_sensitivity   int          not null,
    case_unit          uuid         not null,
    case_deleted       boolean      not null default false,
    constraint alert_once unique (rule_id, case_id, trigger_event_id)
);
create index alert_by_user on alert (tenant, recipient_user, created_at desc) where recipient_user is not null;
create index alert_by_unit on alert (tenant, recipient_unit, created_at desc) where recipient_user is null;
create index alert_by_case on alert (case_id);
create index alert_by_trigger on alert (trigger_event_id);

-- The last registration of each case seen on overblik.cases.v1: to tell a case opened from one
-- that changed progress or closed. Out-of-order safe: an older registration never replaces a newer.
create table tracked_case (
    tenant          varchar(8)  not null,
    case_id         uuid        not null,
    progress        varchar(16),
    registered_at   timestamptz not null,
    deleted         boolean     not null default false,
    primary key (tenant, case_id)
);

-- Transactional outbox for overblik.advis.v1: written with the alert or its status change,
-- sent in order by the publisher, deleted once Kafka has acknowledged it.
create table advis_outbox (
    id          bigserial primary key,
    record_key  varchar(220) not null,
    event_type  varchar(80)  not null,
    event_id    uuid         not null,
    payload     text         not null
);
