//! The contract's request headers: `x-reference-id` (32 lowercase hex characters) and
//! `x-idempotency-key`.

/// 32 lowercase hexadecimal characters: a UUID v4 without hyphens.
pub fn valid_reference_id(value: &str) -> bool {
    value.len() == 32
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// 1 to 255 visible ASCII characters (a UUID is the usual choice).
pub fn valid_idempotency_key(value: &str) -> bool {
    (1..=255).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_id_is_32_lowercase_hex() {
        assert!(valid_reference_id("0123456789abcdef0123456789abcdef"));
        assert!(!valid_reference_id("0123456789ABCDEF0123456789ABCDEF"));
        assert!(!valid_reference_id("01234567-89ab-cdef-0123-456789abcdef"));
        assert!(!valid_reference_id("0123456789abcdef0123456789abcde"));
        assert!(!valid_reference_id(""));
    }

    #[test]
    fn idempotency_key_is_visible_ascii() {
        assert!(valid_idempotency_key(
            "4f1c2d3e-aaaa-bbbb-cccc-000000000001"
        ));
        assert!(!valid_idempotency_key(""));
        assert!(!valid_idempotency_key("has space"));
        assert!(!valid_idempotency_key(&"k".repeat(256)));
    }
}
