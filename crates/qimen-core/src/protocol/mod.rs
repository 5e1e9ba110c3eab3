//! The wire protocol of the three API families: building requests ([`request`]), where to send them
//! ([`environment`]), and reading any answer into one result type ([`response`]).

pub mod environment;
pub mod request;
pub mod response;
