//! Where this run of the app keeps its data and under which keyring service it files secrets: the
//! decision lives in the core ([`qimen_workbench::places`]) so the CLI's `qimen call --profile`
//! opens exactly the same store and keyring entries; the shell only supplies Tauri's app data directory.

pub use qimen_workbench::places::{
    LaunchError, LaunchPlaces, DATA_DIR_VAR, KEYRING_SERVICE_VAR, PRODUCT_KEYRING_SERVICE,
};
