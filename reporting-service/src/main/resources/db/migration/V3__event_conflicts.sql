-- An event whose id is already stored with different content is never applied; it is recorded here.
CREATE TABLE event_conflict (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    stored      TEXT,
    incoming    TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX event_conflict_event ON event_conflict (topic, event_id);
