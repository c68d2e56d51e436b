-- Audit trail shared by every service: one row per state change (and per refused authorisation), written
-- in the same transaction as the change it records. Append-only (trigger below).
CREATE TABLE audit_record (
    id             BIGSERIAL   PRIMARY KEY,
    recorded_at    TIMESTAMPTZ NOT NULL,
    actor_subject  TEXT        NOT NULL,
    actor_name     TEXT        NOT NULL,
    actor_roles    TEXT[]      NOT NULL,
    -- NULL: the actor sees every agency
    actor_agencies TEXT[],
    action         TEXT        NOT NULL,
    target         TEXT,
    agency_code    TEXT,
    summary        TEXT        NOT NULL,
    client_address TEXT,
    user_agent     TEXT,
    result         TEXT        NOT NULL CHECK (result IN ('done', 'refused'))
);
CREATE INDEX audit_record_time ON audit_record (recorded_at, id);

CREATE FUNCTION audit_record_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only';
END;
$$;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_forbid_change();
