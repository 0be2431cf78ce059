-- When each applied export was made (its ExportedAt), so that an older export arriving later (a slow
-- pull, a retried upload) is refused instead of bringing back what a newer one ended.
alter table sync_run add column exported_at timestamptz;
