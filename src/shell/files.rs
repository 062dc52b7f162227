//! Downloads bytes as a file and reads a user-chosen file as text.
