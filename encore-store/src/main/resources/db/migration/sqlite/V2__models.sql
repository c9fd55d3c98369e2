-- Trained models. AUTOINCREMENT so that a version number is never handed out twice, even after
-- the newest row is deleted: a version names one model file for good.
CREATE TABLE models (
  version     INTEGER PRIMARY KEY AUTOINCREMENT,
  status      TEXT    NOT NULL CHECK (status IN ('training', 'ready', 'failed')),
  settings    TEXT    NOT NULL,
  metrics     TEXT,
  file        TEXT,
  created_at  BIGINT  NOT NULL,
  finished_at BIGINT,
  error       TEXT
);
CREATE INDEX models_by_status ON models (status, version);
