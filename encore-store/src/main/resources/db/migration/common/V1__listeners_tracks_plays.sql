-- Listeners, the track catalogue and play events; the same SQL runs on SQLite and PostgreSQL.
-- Times are BIGINT microseconds since 1970-01-01T00:00:00Z: SQLite has no timestamp type, and
-- one representation keeps every query and the idempotency key identical on both databases.

CREATE TABLE listeners (
  id         TEXT   PRIMARY KEY,
  created_at BIGINT NOT NULL
);

CREATE TABLE tracks (
  id     TEXT PRIMARY KEY,
  title  TEXT,
  artist TEXT
);

-- One row per (track, feature name): a feature a track lacks has no row.
CREATE TABLE track_features (
  track_id TEXT NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  value    REAL NOT NULL,
  PRIMARY KEY (track_id, name)
);
CREATE INDEX track_features_by_name ON track_features (name, value);

-- Genres and moods, in the order they were given.
CREATE TABLE track_tags (
  track_id TEXT    NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL CHECK (kind IN ('genre', 'mood')),
  position INTEGER NOT NULL,
  tag      TEXT    NOT NULL,
  PRIMARY KEY (track_id, kind, position)
);
CREATE INDEX track_tags_by_tag ON track_tags (kind, tag);

-- The key is what makes an event the same event: importing a file twice, or a client retrying a
-- POST, stores it once. An event without a source is stored with source ''.
CREATE TABLE play_events (
  listener_id      TEXT    NOT NULL REFERENCES listeners (id),
  track_id         TEXT    NOT NULL REFERENCES tracks (id),
  played_at        BIGINT  NOT NULL,
  source           TEXT    NOT NULL,
  play_count       INTEGER NOT NULL CHECK (play_count >= 1),
  duration_seconds REAL    CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
  PRIMARY KEY (listener_id, track_id, played_at, source)
);
CREATE INDEX play_events_by_listener_time ON play_events (listener_id, played_at);
