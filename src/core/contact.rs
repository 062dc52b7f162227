//! Phone numbers and e-mail addresses as people in Tianjin type them.
