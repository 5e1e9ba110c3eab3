-- Schema 6: Taobaoke permission applications a profile is waiting on (document 002): the day the
-- application form was sent, per package, so the app can count the 10-15 working days the answer
-- takes. The date is the Beijing calendar day, as `YYYY-MM-DD`. One row per package applied for;
-- withdrawing the record deletes the row. A profile's records go with it.
CREATE TABLE taobaoke_applications (
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    package    TEXT    NOT NULL CHECK (package IN ('basic', 'link', 'three_party')),
    applied_on TEXT    NOT NULL CHECK (date(applied_on) = applied_on),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (profile_id, package)
);
