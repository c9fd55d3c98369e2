-- The model lifecycle: which version serves, whether an operator pinned it, each version's
-- promotion decision and whether retention removed its file. The same SQL runs on SQLite and
-- PostgreSQL. A version that is ready is not necessarily served: it goes live only when its
-- held-out metric is not worse than the serving version's by more than the server's tolerance.

-- The decision taken when the version became ready (JSON: promoted, reason, the two metric values).
ALTER TABLE models ADD COLUMN promotion TEXT;
-- The last time the version went live (automatically, or promoted or pinned by an operator).
ALTER TABLE models ADD COLUMN promoted_at BIGINT;
-- When retention deleted the version's model file; the row stays, so its metrics stay readable.
ALTER TABLE models ADD COLUMN file_removed_at BIGINT;

-- One row: the version the server serves (null before the first ready one) and whether it is pinned
-- (served until unpinned, automatic promotion off). Every change bumps generation first, which
-- takes the row's write lock on both databases, so two changes never decide on the same state.
CREATE TABLE model_serving (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  serving_version BIGINT  REFERENCES models (version),
  pinned          BOOLEAN NOT NULL DEFAULT FALSE,
  generation      BIGINT  NOT NULL DEFAULT 0,
  CHECK (serving_version IS NOT NULL OR NOT pinned)
);

-- Before this migration the newest ready version was served: it stays the one served.
INSERT INTO model_serving (id, serving_version, pinned, generation)
  SELECT 1, MAX(version), FALSE, 0 FROM models WHERE status = 'ready';
UPDATE models SET promoted_at = finished_at WHERE version = (SELECT serving_version FROM model_serving);
