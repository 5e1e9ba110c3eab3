//! environment (in progress)
