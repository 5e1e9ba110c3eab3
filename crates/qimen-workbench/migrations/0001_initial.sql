-- Schema 1: profiles, call history with a full-text index, settings.
-- Times are Unix milliseconds, UTC. No column ever holds a secret: AppSecrets and tokens live in the
-- OS keyring, keyed by the profile id.

-- AUTOINCREMENT so an id is never reused: a keyring entry left behind by a deleted profile can never
-- attach itself to a new one.
CREATE TABLE profiles (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    app_key        TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('wms', 'erp', 'crm', 'pos', 'other')),
    scenario       TEXT    NOT NULL DEFAULT '',
    environment    TEXT    NOT NULL CHECK (json_valid(environment)),
    callback_url   TEXT,
    target_app_key TEXT,
    customer_id    TEXT,
    wdt_sid        TEXT,
    wdt_appkey     TEXT,
    is_demo        INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- A call outlives its profile: deleting a profile keeps its calls, with profile_id set to NULL and
-- the name it had at the time kept in profile_name.
CREATE TABLE history (
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
    -- The prepared request with the session masked, as JSON.
    request            TEXT    NOT NULL CHECK (json_valid(request)),
    -- The response body, cut at the size cap when response_truncated = 1.
    response           TEXT    NOT NULL,
    response_size      INTEGER NOT NULL,
    response_truncated INTEGER NOT NULL CHECK (response_truncated IN (0, 1)),
    created_at         INTEGER NOT NULL
);

CREATE INDEX history_by_time ON history (created_at DESC, id DESC);
CREATE INDEX history_by_profile ON history (profile_id);
CREATE INDEX history_by_method ON history (method);

-- Full-text search over what a user remembers of a call. The trigram tokenizer matches any
-- substring of three characters or more, which is what Chinese text and API names need (the default
-- tokenizer would treat a run of Chinese characters as one word).
CREATE VIRTUAL TABLE history_fts USING fts5 (
    method, message, sub_message, code, sub_code, endpoint, request, response,
    content = 'history', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER history_fts_insert AFTER INSERT ON history BEGIN
    INSERT INTO history_fts (rowid, method, message, sub_message, code, sub_code, endpoint, request, response)
    VALUES (new.id, new.method, new.message, new.sub_message, new.code, new.sub_code, new.endpoint, new.request, new.response);
END;

CREATE TRIGGER history_fts_delete AFTER DELETE ON history BEGIN
    INSERT INTO history_fts (history_fts, rowid, method, message, sub_message, code, sub_code, endpoint, request, response)
    VALUES ('delete', old.id, old.method, old.message, old.sub_message, old.code, old.sub_code, old.endpoint, old.request, old.response);
END;

-- Only a change to an indexed column re-indexes; deleting a profile (profile_id set to NULL) does not.
CREATE TRIGGER history_fts_update
AFTER UPDATE OF method, message, sub_message, code, sub_code, endpoint, request, response ON history
BEGIN
    INSERT INTO history_fts (history_fts, rowid, method, message, sub_message, code, sub_code, endpoint, request, response)
    VALUES ('delete', old.id, old.method, old.message, old.sub_message, old.code, old.sub_code, old.endpoint, old.request, old.response);
    INSERT INTO history_fts (rowid, method, message, sub_message, code, sub_code, endpoint, request, response)
    VALUES (new.id, new.method, new.message, new.sub_message, new.code, new.sub_code, new.endpoint, new.request, new.response);
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
