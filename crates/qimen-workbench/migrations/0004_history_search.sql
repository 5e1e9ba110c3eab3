-- Schema 4: history that stays quick to search and small on disk at 100 000 calls.
--
-- Schema 1 indexed every byte of every request and response with a full trigram index (positions
-- included), about twice the size of the text itself, and counted every match. Now:
-- - `history` keeps the columns the list shows first and the bodies last, so a row is read for the
--   list without walking its bodies; a body of 1 KiB or more is a BLOB holding it deflated (the
--   storage class says which, see src/store/history_codec.rs).
-- - `history_text` holds what people search for in a call (method, codes, messages, endpoint,
--   parameter values, the request body and the first 64 KiB of the response; not the request's
--   time or signature), stored like a body, written by the app when it records the call.
-- - `history_fts` indexes that text by trigrams without positions (the app confirms a candidate
--   against `history_text`), and `history_grams` holds its one- and two-character grams, so `餐具`
--   and a code such as `25` are found without reading every call, and `25` not inside every date.
--   Both are contentless and keyed by the call's id; the app writes them with `history_text`.
-- - `history_stats` keeps the number of calls (retention prunes without counting) and how far
--   back in time a call was ever recorded after a later one (a search reads matches by id and
--   uses it to know when the newest-first page is complete).
-- The existing calls are indexed by the app right after this file runs, in the same transaction.

DROP TRIGGER history_fts_insert;
DROP TRIGGER history_fts_delete;
DROP TRIGGER history_fts_update;
DROP TABLE history_fts;

CREATE TABLE history_v4 (
    id                 INTEGER PRIMARY KEY,
    profile_id         INTEGER REFERENCES profiles (id) ON DELETE SET NULL,
    profile_name       TEXT    NOT NULL,
    environment        TEXT    NOT NULL,
    endpoint           TEXT    NOT NULL,
    method             TEXT    NOT NULL,
    family             TEXT    NOT NULL,
    http_status        INTEGER,
    success            INTEGER NOT NULL CHECK (success IN (0, 1)),
    code               TEXT,
    sub_code           TEXT,
    message            TEXT,
    sub_message        TEXT,
    latency_ms         INTEGER NOT NULL,
    response_size      INTEGER NOT NULL,
    response_truncated INTEGER NOT NULL CHECK (response_truncated IN (0, 1)),
    created_at         INTEGER NOT NULL,
    -- The prepared request with the session masked, as JSON: TEXT, or a BLOB holding it deflated.
    request            TEXT    NOT NULL CHECK (typeof(request) = 'blob' OR json_valid(request)),
    -- The response body, cut at the size cap when response_truncated = 1: TEXT, or a BLOB holding
    -- it deflated.
    response           TEXT    NOT NULL CHECK (typeof(response) IN ('text', 'blob'))
);

INSERT INTO history_v4 (id, profile_id, profile_name, environment, endpoint, method, family,
    http_status, success, code, sub_code, message, sub_message, latency_ms, response_size,
    response_truncated, created_at, request, response)
SELECT id, profile_id, profile_name, environment, endpoint, method, family, http_status, success,
    code, sub_code, message, sub_message, latency_ms, response_size, response_truncated, created_at,
    request, response
FROM history;

DROP TABLE history;
ALTER TABLE history_v4 RENAME TO history;

CREATE INDEX history_by_time ON history (created_at DESC, id DESC);
CREATE INDEX history_by_profile ON history (profile_id);
CREATE INDEX history_by_method ON history (method);

CREATE TABLE history_text (
    id   INTEGER PRIMARY KEY,
    body TEXT    NOT NULL CHECK (typeof(body) IN ('text', 'blob'))
);

CREATE VIRTUAL TABLE history_fts USING fts5 (
    body, content = '', contentless_delete = 1, detail = 'none', tokenize = 'trigram'
);

-- Grams arrive as space-separated tokens; the ascii tokenizer splits them on the spaces, keeps
-- every other script's characters as they are and folds ASCII letters to lower case.
CREATE VIRTUAL TABLE history_grams USING fts5 (
    grams, content = '', contentless_delete = 1, detail = 'none', tokenize = 'ascii'
);

-- One row. skew_ms: the most any call's time (created_at) was ever ahead of the time of a call
-- recorded after it (a larger id); 0 while calls are recorded in time order.
CREATE TABLE history_stats (
    calls   INTEGER NOT NULL,
    skew_ms INTEGER NOT NULL
);

INSERT INTO history_stats (calls, skew_ms)
SELECT count(*), max(0, coalesce(max(ahead - created_at), 0))
FROM (
    SELECT created_at, max(created_at) OVER (
        ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS ahead
    FROM history
);

CREATE TRIGGER history_insert AFTER INSERT ON history BEGIN
    UPDATE history_stats SET
        calls = calls + 1,
        skew_ms = max(skew_ms, (SELECT max(created_at) FROM history) - new.created_at);
END;

-- A call goes with its search side, however it is deleted (one call, retention, clearing).
CREATE TRIGGER history_delete AFTER DELETE ON history BEGIN
    UPDATE history_stats SET calls = calls - 1;
    DELETE FROM history_text WHERE id = old.id;
    DELETE FROM history_fts WHERE rowid = old.id;
    DELETE FROM history_grams WHERE rowid = old.id;
END;
