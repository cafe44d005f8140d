//! pos-core's integration tests in one binary (one link instead of one per file), a module
//! per topic.

mod fixtures;
mod properties;
mod validators_fuzz;
mod vectors;
