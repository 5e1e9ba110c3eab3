//! qimen-core: everything Qimen Workbench must get exactly right, with no UI and no Tauri.
//!
//! The desktop app and the `qimen` command line are thin skins over this crate. Each module owns one
//! capability; find it by its name:
//!
//! | module | owns |
//! | --- | --- |
//! | [`sensitive`] | the one type for secrets: redacted in `Debug`, never serialised |
//! | [`clock`] | injected time and the platform's GMT+8 timestamp format |
//! | [`sign`] | TOP md5 / hmac / hmac-sha256, Qimen body signing, 旺店通 `wdt_sign`, SPI verification, `explain` |
//! | [`protocol`] | building requests for the TOP, Qimen standard and Qimen cloud families; parsing responses |
//! | [`errors`] | the catalogue of platform codes and sub-codes with cause and remedy in zh-CN and en |
//! | [`client`] | sending a prepared request over HTTP(S) with timeouts, a size cap and timings |
//! | [`gateway`] | the local offline platform: TOP and Qimen routers, OAuth, demo 旺店通 provider, forwarding |
//! | [`catalog`] | the facts of the three source documents (app types, Taobaoke rules, 旺店通 onboarding) as validated data |
//! | [`onboarding`] | the guide's pure reasoning: app-type questionnaire, Taobaoke checker, step tracker, materials checklist |
//! | [`spi`] | the provider side: a receiver that verifies inbound Qimen requests and answers them |
//! | [`secrets`] | the OS keyring behind a small trait, an in-memory fallback for this run, and an availability probe |
//! | [`api_docs`] | the test console's API catalogue (zh/en titles, parameter forms, examples that work on the local gateway) as validated data |
//! | [`workbench`] | the desktop app's service layer: one method per IPC command, over the store, the keyring, the client and the local gateway |
//! | [`store`] | SQLite (WAL, migrations): profiles, call history with full-text search and retention, settings |
//! | [`oauth`] | getting a session: authorize URL and state, callback URL kinds, the one-shot loopback listener, pasted redirects, token exchange and refresh |

pub mod api_docs;
pub mod catalog;
pub mod client;
pub mod clock;
pub mod errors;
pub mod gateway;
pub mod oauth;
pub mod onboarding;
pub mod protocol;
pub mod secrets;
pub mod sensitive;
pub mod sign;
pub mod spi;
pub mod store;
pub mod workbench;
