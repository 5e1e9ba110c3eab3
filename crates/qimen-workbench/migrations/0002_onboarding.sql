-- Schema 2: the onboarding guide of each profile: tracker step states, the materials checklist with
-- its attached files, and the app-creation details. Times are Unix milliseconds, UTC. No column holds a
-- secret: the client login password lives in the OS keyring (kind client-password), keyed by profile.
-- A profile's guide goes with it: every table cascades on profile deletion.

-- One row per step that has left "not started"; `state` is the tracker's state as JSON
-- ({"state":"waiting_for_review","since":"2024-05-20"}).
CREATE TABLE onboarding_steps (
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    step_id    TEXT    NOT NULL,
    state      TEXT    NOT NULL CHECK (json_valid(state)),
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (profile_id, step_id)
);

-- Which case of document 003 applies: 'agent' (case 1) or 'vendor' (case 2).
CREATE TABLE materials (
    profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    case_id    TEXT    NOT NULL CHECK (case_id IN ('agent', 'vendor')),
    updated_at INTEGER NOT NULL
);

CREATE TABLE material_items (
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    item_id    TEXT    NOT NULL,
    done       INTEGER NOT NULL CHECK (done IN (0, 1)),
    PRIMARY KEY (profile_id, item_id)
);

-- Files attached to an item: where the file is, its name and its size when attached.
CREATE TABLE material_files (
    id          INTEGER PRIMARY KEY,
    profile_id  INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    item_id     TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
    attached_at INTEGER NOT NULL,
    UNIQUE (profile_id, item_id, path)
);

-- Seed 003 §三.4: the created app. AppKey and callback URL are on the profile, the AppSecret in the
-- keyring; the client login name (for Qimen's verification) is here, its password in the keyring.
CREATE TABLE app_details (
    profile_id        INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    app_name          TEXT    NOT NULL,
    published         INTEGER NOT NULL CHECK (published IN (0, 1)),
    developer_email   TEXT,
    developer_phone   TEXT,
    client_login_name TEXT,
    updated_at        INTEGER NOT NULL
);
