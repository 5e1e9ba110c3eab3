//! qimen-core: the Taobao Open Platform / Qimen protocol as Qimen Workbench speaks it, with no listener,
//! store, keyring or window.
//!
//! The server (`qimen-server`), the app's services (`qimen-workbench`), the `qimen` command line and the
//! desktop shell all stand on this crate. Each module owns one capability; find it by its name:
//!
//! | module | owns |
//! | --- | --- |
//! | [`sensitive`] | the one type for secrets: redacted in `Debug`, never serialised |
//! | [`text`] | the two languages ([`text::Lang`]) and the one bilingual text ([`text::Text`]) |
//! | [`clock`] | injected time and the platform's GMT+8 timestamp format |
//! | [`sign`] | TOP md5 / hmac / hmac-sha256, Qimen body signing, 旺店通 `wdt_sign`, SPI verification, `explain` |
//! | [`protocol`] | building requests for the TOP, Qimen standard and Qimen cloud families; parsing responses |
//! | [`call`] | the one call builder: a described call, its account's defaults and its secrets to the signed request (family, where each parameter travels, body, `wdt_sign`) |
//! | [`errors`] | the catalogue of platform codes and sub-codes with cause and remedy in zh-CN and en |
//! | [`platform`] | the platform's constants (旺店通's AppKey and router codes, token APIs, partner id, Taobaoke packages), defined once |
//! | [`client`] | sending a prepared request over HTTP(S) with timeouts, a size cap and timings |
//! | [`bundle`] | reproduction bundles: calls with their answers and diagnoses in a shareable `.qimen.json` file, never a token |
//! | [`captured`] | a request as another system sent it, read from a pasted URL, curl command, raw HTTP request, query string and body, or SDK log line |
//! | [`diagnose`] | why a captured request's `sign` fails: the deviations that reproduce it, timestamp window, missing system parameters, 旺店通 `wdt_sign`, side-by-side rows |

pub mod bundle;
pub mod call;
pub mod captured;
pub mod client;
pub mod clock;
pub mod diagnose;
pub mod errors;
pub mod platform;
pub mod protocol;
pub mod sensitive;
pub mod sign;
pub mod text;
