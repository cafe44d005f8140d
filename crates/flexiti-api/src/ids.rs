//! The identifiers the client puts in headers: `x-reference-id` (one per logical
//! operation, reused by its retries) and `x-idempotency-key` (one per submission, chosen
//! and persisted by the caller).

use std::fmt;

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS random source: fall back to a seeded generator rather than fail a sale.
        bytes.iter_mut().for_each(|b| *b = fastrand::u8(..));
    }
    bytes
}

/// 32 lowercase hex characters: a UUID v4 without hyphens.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReferenceId(String);

impl ReferenceId {
    /// A new id for a new logical operation.
    pub fn new() -> Self {
        let mut bytes: [u8; 16] = random_bytes();
        bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
        ReferenceId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// An id kept from before (e.g. persisted with a submission); `None` unless 32 lowercase hex.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = text.len() == 32
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| ReferenceId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for ReferenceId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for ReferenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ReferenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReferenceId({})", self.0)
    }
}

/// The `x-idempotency-key` of one submission: 1 to 255 visible ASCII characters.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A new random key (a UUID v4 without hyphens).
    pub fn new() -> Self {
        IdempotencyKey(ReferenceId::new().0)
    }

    pub fn parse(text: &str) -> Option<Self> {
        let ok = (1..=255).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| IdempotencyKey(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

/// The `request_id` of one verification attempt: 20 random digits, sent as a JSON string.
/// A new verification takes a new one; the authorization sends the verify's.
#[derive(Clone, PartialEq, Eq, Hash, Debug, serde::Serialize)]
pub struct RequestId(String);

impl RequestId {
    pub fn new() -> Self {
        let bytes: [u8; 20] = random_bytes();
        // 250 is the largest multiple of 10 a byte holds: rejection keeps digits uniform.
        let mut digits = String::with_capacity(20);
        for mut b in bytes {
            while b >= 250 {
                b = fastrand::u8(..);
            }
            digits.push(char::from(b'0' + b % 10));
        }
        RequestId(digits)
    }

    /// An id kept from before; `None` unless 1 to 40 digits.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = (1..=40).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| RequestId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for RequestId {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_ids_are_uuid_v4_hex_and_distinct() {
        let a = ReferenceId::new();
        let b = ReferenceId::new();
        assert_ne!(a, b);
        assert!(ReferenceId::parse(a.as_str()).is_some());
        assert_eq!(&a.as_str()[12..13], "4");
        assert!(ReferenceId::parse("0123456789ABCDEF0123456789ABCDEF").is_none());
        assert!(ReferenceId::parse("short").is_none());
    }

    #[test]
    fn idempotency_keys_are_visible_ascii() {
        assert!(IdempotencyKey::parse(IdempotencyKey::new().as_str()).is_some());
        assert!(IdempotencyKey::parse("with space").is_none());
        assert!(IdempotencyKey::parse("").is_none());
    }

    #[test]
    fn request_ids_are_twenty_digits_sent_as_a_string() {
        let id = RequestId::new();
        assert_eq!(id.as_str().len(), 20);
        assert!(id.as_str().bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(id, RequestId::new());
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            format!("\"{}\"", id.as_str())
        );
        assert!(RequestId::parse("12ab").is_none());
    }
}
