//! A small IndexedDB wrapper: one object store, strict-durability writes.
