-- Schema 3: what is known about each profile's OAuth session, never the tokens themselves (they live
-- in the OS keyring as access-token / refresh-token of the profile). Times are Unix milliseconds, UTC.
-- One row per profile, gone with the profile.
CREATE TABLE sessions (
    profile_id         INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    -- How the tokens were obtained, so a refresh goes the same way.
    source             TEXT    NOT NULL CHECK (source IN ('token_endpoint', 'top_api', 'manual')),
    -- URL-decoded nicks, as shown.
    user_nick          TEXT,
    user_id            TEXT,
    sub_user_id        TEXT,
    sub_user_nick      TEXT,
    open_uid           TEXT,
    obtained_at        INTEGER NOT NULL,
    access_expires_at  INTEGER,
    refresh_expires_at INTEGER,
    r1_expires_at      INTEGER,
    r2_expires_at      INTEGER,
    w1_expires_at      INTEGER,
    w2_expires_at      INTEGER,
    has_refresh_token  INTEGER NOT NULL CHECK (has_refresh_token IN (0, 1))
);
