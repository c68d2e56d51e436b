-- The import report and the published project snapshots are kept as the exact JSON text that was
-- written. TEXT holds it as byte-exactly as JSON did and maps to a plain String in the entities; the
-- checks keep the guarantee that it is JSON.
ALTER TABLE goal_document
    ALTER COLUMN report TYPE TEXT USING report::text,
    ADD CONSTRAINT goal_document_report_is_json CHECK (report::json IS NOT NULL);
ALTER TABLE project_version
    ALTER COLUMN snapshot TYPE TEXT USING snapshot::text,
    ADD CONSTRAINT project_version_snapshot_is_json CHECK (snapshot::json IS NOT NULL);
