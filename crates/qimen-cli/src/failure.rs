//! How a command ends badly, and the exit code each way maps to, so scripts can tell a typing mistake
//! (2) from a refusal by the platform or the verifier (1) and from a network problem (3).

use std::process::ExitCode;
use thiserror::Error;

/// Exit code for a bad argument, a missing secret or an unreadable input file (clap uses it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit code when the request was answered but refused (platform error, invalid signature).
pub const EXIT_REFUSED: u8 = 1;
/// Exit code when nothing could be sent or no answer came back.
pub const EXIT_NETWORK: u8 = 3;

/// A command that could not do its job. The message names the argument or the cause and says how
/// to fix it; it never contains a secret.
#[derive(Debug, Error)]
pub enum Failure {
    /// The input is wrong: exit 2.
    #[error("{0}")]
    Usage(String),
    /// The command ran but could not complete (port in use, server error): exit 1.
    #[error("{0}")]
    Failed(String),
    /// The other side could not be reached: exit 3.
    #[error("{0}")]
    Network(String),
}

impl Failure {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Failure::Usage(_) => EXIT_USAGE,
            Failure::Failed(_) => EXIT_REFUSED,
            Failure::Network(_) => EXIT_NETWORK,
        })
    }
}
