//! Local gateway (in progress)
