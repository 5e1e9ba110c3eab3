//! The local gateway: the product's built-in offline platform (in progress).

pub mod api;
