-- Tamper evidence: each entry holds the hash of the one before it and its own hash over its
-- fields and that previous hash, so a changed or removed entry breaks the chain from there on.
-- Entries written before this migration carry no hash; the chain starts after them.
alter table audit_entry add column previous_hash varchar(64);
alter table audit_entry add column entry_hash varchar(64);

-- Append-only: the database itself refuses to change or remove an entry.
create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
