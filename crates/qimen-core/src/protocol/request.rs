//! Building a signed request for any of the three families, each parameter travelling where the
//! official SDKs put it (domain reference §1.2, §2): system parameters in the query string, business
//! parameters in a UTF-8 form body, or a raw XML/JSON body that is itself signed.

use crate::sign::SignExplanation;
use serde::Serialize;

/// A raw body that travels as-is (and is part of the signature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawBody {
    pub content_type: String,
    pub text: String,
}

/// Everything needed to send one call, already signed. Holds no secret: the signature explanation is
/// masked, and a session travels as the `session` parameter (mask it with [`PreparedRequest::redacted`]
/// before showing or storing it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreparedRequest {
    /// The router URL without the query string.
    pub endpoint: String,
    /// Parameters sent in the URL query, in the order they are written.
    pub query: Vec<(String, String)>,
    /// Parameters sent as `application/x-www-form-urlencoded;charset=UTF-8` (empty when `body` is set).
    pub form: Vec<(String, String)>,
    /// A raw XML / JSON body, sent instead of a form.
    pub body: Option<RawBody>,
    pub signature: SignExplanation,
}
