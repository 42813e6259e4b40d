-- Plan copies are now kept current by announcing changes (backend/src/cache_bus.rs), not by
-- comparing versions, so the version column added in 20261126000003 is no longer used.
ALTER TABLE plans DROP COLUMN version;
