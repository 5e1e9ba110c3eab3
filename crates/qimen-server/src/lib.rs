//! qimen-server: everything of Qimen Workbench that listens and speaks the platform's protocol
//! inbound, over [`qimen_core`]; no store, keyring or window.
//!
//! | module | owns |
//! | --- | --- |
//! | [`gateway`] | the local offline platform: TOP and Qimen routers, OAuth, the demo 旺店通 provider and its data, forwarding |
//! | [`receiver`] | the provider side: a receiver that verifies inbound Qimen requests as `SpiUtils` does and answers them |

pub mod gateway;
pub mod receiver;
