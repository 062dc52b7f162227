//! The thin browser shell: storage, files, time, service worker.
