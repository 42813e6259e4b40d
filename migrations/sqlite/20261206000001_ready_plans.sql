-- A citizen's plan kept ready as the JSON the API answers with, so the morning's most common
-- request reads one row instead of building the plan from five tables (backend/src/plan/ready.rs).
--
-- Every change to anything a plan shows makes its copy stale, here in the database, so that no
-- write (the API's, an import's, a seed's, one added later) can forget to: the triggers below
-- raise the citizen's `version` and clear `json`. A copy is built from a state that carries
-- its version, and kept only while that version is still current; a copy built from a state a
-- change has since overtaken is never kept.

CREATE TABLE ready_plans (
    citizen_id BLOB PRIMARY KEY NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    -- Goes up with every change to the plan; no row is version 0.
    version    BIGINT NOT NULL,
    -- The plan as GET /api/v1/me/plan answers it, or NULL until it is built again.
    json       TEXT
);

-- SQLite has row triggers for one event each. Each makes the row if there is none, so a copy
-- being built from the state before the change (version 0) cannot be kept.

CREATE TRIGGER plans_inserted AFTER INSERT ON plans BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER plans_updated AFTER UPDATE ON plans BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
    INSERT INTO ready_plans (citizen_id, version, json)
        SELECT OLD.citizen_id, 1, NULL WHERE OLD.citizen_id IS NOT NEW.citizen_id
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER plans_deleted AFTER DELETE ON plans BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (OLD.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;

CREATE TRIGGER plan_steps_inserted AFTER INSERT ON plan_steps BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER plan_steps_updated AFTER UPDATE ON plan_steps BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
    INSERT INTO ready_plans (citizen_id, version, json)
        SELECT OLD.citizen_id, 1, NULL WHERE OLD.citizen_id IS NOT NEW.citizen_id
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER plan_steps_deleted AFTER DELETE ON plan_steps BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (OLD.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;

CREATE TRIGGER step_comments_inserted AFTER INSERT ON step_comments BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER step_comments_updated AFTER UPDATE ON step_comments BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
    INSERT INTO ready_plans (citizen_id, version, json)
        SELECT OLD.citizen_id, 1, NULL WHERE OLD.citizen_id IS NOT NEW.citizen_id
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER step_comments_deleted AFTER DELETE ON step_comments BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (OLD.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;

CREATE TRIGGER option_requests_inserted AFTER INSERT ON option_requests BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER option_requests_updated AFTER UPDATE ON option_requests BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
    INSERT INTO ready_plans (citizen_id, version, json)
        SELECT OLD.citizen_id, 1, NULL WHERE OLD.citizen_id IS NOT NEW.citizen_id
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER option_requests_deleted AFTER DELETE ON option_requests BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (OLD.citizen_id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;

-- A plan shows the citizen's name, and the names of caseworkers who commented or answered.
CREATE TRIGGER citizens_renamed AFTER UPDATE OF name ON citizens
    WHEN OLD.name IS NOT NEW.name BEGIN
    INSERT INTO ready_plans (citizen_id, version, json) VALUES (NEW.id, 1, NULL)
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
CREATE TRIGGER caseworkers_renamed AFTER UPDATE OF name ON caseworkers
    WHEN OLD.name IS NOT NEW.name BEGIN
    INSERT INTO ready_plans (citizen_id, version, json)
        SELECT citizen_id, 1, NULL FROM (
            SELECT citizen_id FROM step_comments WHERE caseworker_id = NEW.id
            UNION SELECT citizen_id FROM option_requests WHERE answered_by = NEW.id)
        WHERE true
        ON CONFLICT (citizen_id) DO UPDATE SET version = version + 1, json = NULL;
END;
