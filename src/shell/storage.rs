//! Draft autosave: localStorage plus an IndexedDB journal, restore of the newest valid copy, typed errors.
