//! Provider receiver (in progress)
