//! The clock: local date and time as strings the core and the UI use.
