//! What a listener started from the app (the traffic relay, the provider receiver) records for the
//! window's live list:
//!
//! - [`ring`]: the newest records in memory, capped by count and by bytes, paged newest first;
//! - [`journal`]: every record appended as a JSON line to a file in the data folder (owner-only,
//!   rotated by size, emptied by clear), so what left memory is still on disk;
//! - [`batch`]: summaries handed to the window in batches at most every [`BATCH_EVERY`], so a
//!   caller sending hundreds of requests a second does not flood the webview.

pub mod batch;
pub mod journal;
pub mod ring;

pub use batch::{Batcher, LiveSink, Pending};
pub use journal::Journal;
pub use ring::Ring;

use std::time::Duration;

/// The window gets new records at most this often.
pub const BATCH_EVERY: Duration = Duration::from_millis(100);
/// Records kept in memory per list; older ones are only in the journal.
pub const MAX_KEPT: usize = 2_000;
/// A page of a list when the query does not say.
pub const DEFAULT_LIMIT: u32 = 200;
