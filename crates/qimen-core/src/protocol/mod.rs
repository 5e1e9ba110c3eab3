//! The wire protocol of the three API families: building requests ([`request`]), where to send them
//! ([`environment`]), and reading any answer into one result type ([`response`]).

pub mod environment;
pub mod request;
pub mod response;

use serde::{Deserialize, Serialize};

/// The three families of the platform; each has its own router, transport and answer format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ApiFamily {
    /// TOP `/router/rest`: form params in, JSON `{"<name>_response": …}` or XML out,
    /// `error_response` on failure.
    Top,
    /// Qimen standard (WMS / POS / CRM scenarios): XML body in, `<response><flag>…` out.
    QimenStandard,
    /// Qimen cloud and custom APIs (`/router/qm`): form params in, `{"response": {…}}` out.
    QimenCloud,
}
