//! Platform error catalogue (in progress)
