//! `POST /oauth/token` read by `Token::from_answer`, attacked on its own because every
//! other call waits on a token and an unreadable grant must still be a typed error.

use super::*;

/// A grant as the emulator writes it, a looser one (`expires_in` a string, no refresh
/// token) and two refusals.
pub(super) fn real_answers() -> Vec<Sample> {
    vec![
        sample(
            200,
            json!({
                "token_type": "bearer",
                "access_token": "3d8f373a9a2b1e61baf5abb69930ff4f0e08cdb0",
                "expires_in": 1200,
                "refresh_token": "36e0fc3d7415185f4b1d71512c459fd6eaa13aa8",
                "scope": "merchant",
            }),
        ),
        sample(
            200,
            json!({
                "token_type": "Bearer",
                "access_token": "x",
                "expires_in": "1199",
                "scope": "merchant",
            }),
        ),
        sample(
            400,
            json!({
                "error": "invalid_grant",
                "error_description": "The refresh token is invalid.",
            }),
        ),
        sample(
            400,
            json!({
                "error": "invalid_client",
                "error_description": "The client credentials are invalid.",
            }),
        ),
    ]
}

endpoint_properties!(Endpoint::Token);
