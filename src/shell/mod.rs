//! The thin browser shell: storage, files, time, the export worker, the service worker.
//! Everything that touches `web_sys` lives here (or in `ui`); the core never does.

pub mod export;
pub mod files;
pub mod idb;
pub mod storage;
pub mod sw;
pub mod time;
