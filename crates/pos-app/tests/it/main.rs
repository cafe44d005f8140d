//! pos-app's integration tests in one binary (one link instead of one per file), a module
//! per topic; the shared helpers come from pos-testkit.

mod engine_flow;
mod leak;
mod surface_files;
mod surface_gate;
