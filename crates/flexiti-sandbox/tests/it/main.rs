//! flexiti-sandbox's integration tests in one binary (one link instead of one per file), a
//! module per topic; `support` holds the helpers they share.

// Test code: a helper that cannot do its job panics, and the panic is the failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod contract_after_sale;
mod contract_apply;
mod contract_authorization;
mod contract_customers;
mod contract_quote;
mod contract_routes;
mod contract_token;
mod contract_verify;
mod controls_and_faults;
mod lender_texts;
mod omitted_lists;
mod openapi_and_binary;
mod support;
