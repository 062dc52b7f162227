//! Reads an .xlsx of the official table back into a declaration (calamine), for tests and import.
