//! The guide's reasoning over the catalogue: which app type to apply for, whether the Taobaoke packages
//! are within reach, where an onboarding stands and what comes next, and which materials are ready.
//!
//! Everything here is a pure function of [`crate::catalog`] data and the user's answers: no I/O, and
//! "today" is passed in, so the desktop app, the CLI and the tests get the same answers.
//!
//! | module | answers |
//! | --- | --- |
//! | [`questionnaire`] | who is applying + what they build → app types with why each is or is not open, and a recommendation |
//! | [`taobaoke`] | the applicant's figures → per package: verdict, every rule with its shortfall, prerequisites, how to apply, revocation risks |
//! | [`tracker`] | step states with validated changes → the next step, with its expected wait and how long it has run |
//! | [`materials`] | case 1 or case 2 → the items to prepare, done flags, attached files, a Markdown export |

pub mod materials;
pub mod questionnaire;
pub mod taobaoke;
pub mod tracker;
