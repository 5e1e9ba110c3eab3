//! 旺店通's own `wdt_sign` (domain reference §5). Implemented in the sign work item.
