-- A plan's comments are read by step (the plan, a step's answer); without this, every read of a
-- plan scanned all citizens' comments, and grew slower with each comment anyone wrote.
CREATE INDEX step_comments_by_step ON step_comments (step_id, created_at, id);
