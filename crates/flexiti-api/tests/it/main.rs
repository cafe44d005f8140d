//! flexiti-api's integration tests in one binary (one link instead of one per file), a
//! module per topic.

mod lifecycle;
mod parser_fuzz;
