//! qimen-server: everything of Qimen Workbench that listens and speaks the platform's protocol
//! inbound, over [`qimen_core`]; no store, keyring or window.
//!
//! | module | owns |
//! | --- | --- |
//! | [`gateway`] | the local offline platform: TOP and Qimen routers, OAuth, the demo 旺店通 provider and its data, forwarding |
//! | [`listener`] | the one way to listen: loopback only, header and body timeouts, a connection cap that evicts idle connections, a bounded shutdown |
//! | [`receiver`] | the provider side: a receiver that verifies inbound Qimen requests as `SpiUtils` does and answers them |
//! | [`relay`] | joint testing from the caller's side: a customer's system → the relay → the platform, each call forwarded unchanged, recorded and diagnosed |

pub mod gateway;
pub mod listener;
pub mod receiver;
pub mod relay;
