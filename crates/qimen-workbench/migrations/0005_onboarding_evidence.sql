-- Schema 5: the onboarding tracker follows what happened in the app. A self-test or joint-test step
-- is done once the profile has a successful call on the right environment; this index finds the
-- newest such call of a profile on one environment with one seek, however long history is. Only
-- successful calls are indexed. NOCASE: an environment id is matched as the console resolves it.
CREATE INDEX history_success_by_profile_environment
    ON history (profile_id, environment COLLATE NOCASE)
    WHERE success = 1;

