-- Goes up with every change to a plan (goals, steps, comments, requests), so a plan read can
-- tell whether the copy it has is still current without reading the whole plan.
ALTER TABLE plans ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
