-- A citizen's plan kept ready as the JSON the API answers with, so the morning's most common
-- request reads one row instead of building the plan from five tables (backend/src/plan/ready.rs).
--
-- Every change to anything a plan shows makes its copy stale, here in the database, so that no
-- write (the API's, an import's, a seed's, one added later) can forget to: the triggers below
-- raise the citizen's `version` and clear `json`. A copy is built from a state that carries
-- its version, and kept only while that version is still current; a copy built from a state a
-- change has since overtaken is never kept.
CREATE TABLE ready_plans (
    citizen_id UUID PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    -- Goes up with every change to the plan; no row is version 0.
    version    BIGINT NOT NULL,
    -- The plan as GET /api/v1/me/plan answers it, or NULL until it is built again.
    json       TEXT
);

-- The citizen's plan changed: its copy is stale. The row is made if there is none, so a copy
-- being built from the state before this change (version 0) cannot be kept.
CREATE FUNCTION plan_stale(citizen UUID) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (citizen, 1, NULL)
    ON CONFLICT (citizen_id) DO UPDATE SET version = ready_plans.version + 1, json = NULL
$$;

CREATE FUNCTION plan_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM plan_stale(NEW.citizen_id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM plan_stale(OLD.citizen_id);
    ELSE
        PERFORM plan_stale(NEW.citizen_id);
        IF OLD.citizen_id IS DISTINCT FROM NEW.citizen_id THEN
            PERFORM plan_stale(OLD.citizen_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER plans_changed AFTER INSERT OR UPDATE OR DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION plan_row_changed();
CREATE TRIGGER plan_steps_changed AFTER INSERT OR UPDATE OR DELETE ON plan_steps
    FOR EACH ROW EXECUTE FUNCTION plan_row_changed();
CREATE TRIGGER step_comments_changed AFTER INSERT OR UPDATE OR DELETE ON step_comments
    FOR EACH ROW EXECUTE FUNCTION plan_row_changed();
CREATE TRIGGER option_requests_changed AFTER INSERT OR UPDATE OR DELETE ON option_requests
    FOR EACH ROW EXECUTE FUNCTION plan_row_changed();

-- A plan shows the citizen's name, and the names of caseworkers who commented or answered.
CREATE FUNCTION citizen_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM plan_stale(NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER citizens_renamed AFTER UPDATE OF name ON citizens
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION citizen_renamed();

CREATE FUNCTION caseworker_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ready_plans (citizen_id, version, json)
        SELECT citizen_id, 1, NULL FROM step_comments WHERE caseworker_id = NEW.id
        UNION SELECT citizen_id, 1, NULL FROM option_requests WHERE answered_by = NEW.id
    ON CONFLICT (citizen_id) DO UPDATE SET version = ready_plans.version + 1, json = NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER caseworkers_renamed AFTER UPDATE OF name ON caseworkers
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION caseworker_renamed();
