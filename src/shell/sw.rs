//! Service worker registration and the update banner's signal.
