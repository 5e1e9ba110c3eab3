//! Set-up shared by the workbench's integration tests; each test binary uses the part it needs, so
//! the rest is unused there.
#![allow(dead_code)]

pub mod oauth;
pub mod workbench;
