//! Verifying an inbound Qimen/SPI request as the official `SpiUtils` does (domain reference §2.2).
//! Implemented in the sign work item.
