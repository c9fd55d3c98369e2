-- What a track is found by: its title, artist and tags, lower-cased and stripped of accents in
-- Java (SearchText), so one LIKE finds "Beyoncé" from "beyonce" on SQLite and PostgreSQL alike,
-- neither needing an extension. Rows are written with the track; a database from before this
-- table is filled once when it is opened.
CREATE TABLE track_search (
  track_id TEXT PRIMARY KEY REFERENCES tracks (id) ON DELETE CASCADE,
  text     TEXT NOT NULL
);
