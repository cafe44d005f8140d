//! Typed client for the Flexiti POS API v2.5.
