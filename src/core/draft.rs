//! The draft format: a versioned envelope around a declaration, its migrations and its decoding errors.
