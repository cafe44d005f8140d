//! Applicant data at rest: every draft's personal part (name, answers, decision) is one
//! XChaCha20-Poly1305 blob, so the file, its WAL, its backups and its free pages never
//! hold that data in clear. The key (256 random bits) comes from outside the store (the
//! app keeps it in the OS keyring or its fallback); this module only uses it.
//!
//! Blob layout: `[format = 1][nonce: 24 bytes][ciphertext + 16-byte tag]`. The associated
//! data binds the blob to what it is (a draft, a part of a journal row), its row id and key
//! id, so a blob copied onto another row or part, or a row relabelled with another key,
//! fails to open instead of showing someone else's data. The same key, through a subkey
//! derived for one purpose, also gives keyed hashes (HMAC-SHA256) for matching a sealed
//! value (an account number) without opening every row.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use pos_core::Personal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::StoreError;

const FORMAT: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;

/// The key that seals drafts. `Debug` shows only its id; the bytes are wiped on drop.
#[derive(Clone)]
pub struct DataKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    id: String,
}

impl DataKey {
    /// A new random key, from the OS generator.
    pub fn generate() -> Result<DataKey, StoreError> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        getrandom::fill(bytes.as_mut()).map_err(StoreError::RandomUnavailable)?;
        Ok(DataKey::from_bytes(bytes))
    }

    /// A key written by [`DataKey::to_hex`]; `None` unless it is exactly 64 hex digits.
    pub fn from_hex(text: &str) -> Option<DataKey> {
        let text = text.trim().as_bytes();
        if text.len() != KEY_LEN * 2 {
            return None;
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        for (byte, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
            *byte = (hex_digit(pair[0])? << 4) | hex_digit(pair[1])?;
        }
        Some(DataKey::from_bytes(bytes))
    }

    /// The key as 64 lowercase hex digits, for the keyring or the fallback file.
    pub fn to_hex(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(KEY_LEN * 2));
        for byte in self.bytes.iter() {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        text
    }

    /// A public name for the key (16 hex digits of a SHA-256 over it): stored beside each
    /// blob, so a draft sealed with another key is told apart from a damaged one.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn from_bytes(bytes: Zeroizing<[u8; KEY_LEN]>) -> DataKey {
        let digest = Sha256::new()
            .chain_update(b"flexiti-pos data key id\0")
            .chain_update(bytes.as_ref())
            .finalize();
        let id = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        DataKey { bytes, id }
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey").field("id", &self.id).finish()
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Why a draft's personal part cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SealError {
    /// Sealed with a key this terminal no longer has (the keyring was reset, the file
    /// came from another terminal).
    WrongKey,
    /// The blob was changed, cut, or moved from another draft.
    Tampered,
}

impl SealError {
    /// The stable code of this failure.
    pub fn error_code(self) -> crate::ErrorCode {
        match self {
            SealError::WrongKey => crate::ErrorCode::DraftWrongKey,
            SealError::Tampered => crate::ErrorCode::DraftTampered,
        }
    }

    /// [`SealError::error_code`] as text.
    pub fn code(self) -> &'static str {
        self.error_code().as_str()
    }
}

/// The personal part of a draft, as sealed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct PersonalData {
    pub applicant_name: Personal<String>,
    /// The form's answers as JSON text (option codes, not labels).
    pub fields_json: Personal<String>,
    pub decision_json: Option<Personal<String>>,
    /// The request as first sent, while its decision is not recorded (absent in blobs
    /// written before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_request: Option<Personal<String>>,
}

/// What drafts' blobs are (the first part of their associated data).
const DRAFT: &str = "flexiti-pos draft v1";

fn associated_data(domain: &str, row_id: &str, key_id: &str) -> Vec<u8> {
    let mut aad = domain.as_bytes().to_vec();
    aad.push(0);
    aad.extend_from_slice(row_id.as_bytes());
    aad.push(0);
    aad.extend_from_slice(key_id.as_bytes());
    aad
}

/// Seals `data` for draft `draft_id` with `key`.
pub(crate) fn seal(
    key: &DataKey,
    draft_id: &str,
    data: &PersonalData,
) -> Result<Vec<u8>, StoreError> {
    seal_value(key, DRAFT, draft_id, data)
}

/// Opens the blob of draft `draft_id`, sealed with the key named `key_id`.
pub(crate) fn open(
    key: &DataKey,
    draft_id: &str,
    key_id: &str,
    blob: &[u8],
) -> Result<PersonalData, SealError> {
    open_value(key, DRAFT, draft_id, key_id, blob)
}

/// Seals `value` (as JSON) for row `row_id` of the kind `domain` names (a fixed label such
/// as `"flexiti-pos journal personal v1"`, one per kind of blob): it opens only with the
/// same domain, row id and key.
pub(crate) fn seal_value<T: Serialize>(
    key: &DataKey,
    domain: &str,
    row_id: &str,
    value: &T,
) -> Result<Vec<u8>, StoreError> {
    let plain =
        Zeroizing::new(
            serde_json::to_vec(value).map_err(|_| StoreError::InvalidInput {
                what: "sealed data",
                reason: "cannot be serialised",
            })?,
        );
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(StoreError::RandomUnavailable)?;
    let cipher = XChaCha20Poly1305::new(key.bytes.as_ref().into());
    let aad = associated_data(domain, row_id, key.id());
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: &aad,
            },
        )
        .map_err(|_| StoreError::InvalidInput {
            what: "sealed data",
            reason: "cannot be sealed",
        })?;
    let mut blob = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
    blob.push(FORMAT);
    blob.extend_from_slice(&nonce);
    blob.extend_from_slice(&sealed);
    Ok(blob)
}

/// Opens a blob [`seal_value`] made for `domain` and `row_id`, with the key named `key_id`.
pub(crate) fn open_value<T: DeserializeOwned>(
    key: &DataKey,
    domain: &str,
    row_id: &str,
    key_id: &str,
    blob: &[u8],
) -> Result<T, SealError> {
    if key_id != key.id() {
        return Err(SealError::WrongKey);
    }
    if blob.len() < 1 + NONCE_LEN + TAG_LEN || blob[0] != FORMAT {
        return Err(SealError::Tampered);
    }
    let (nonce, sealed) = blob[1..].split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(key.bytes.as_ref().into());
    let aad = associated_data(domain, row_id, key_id);
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Tampered)?,
    );
    serde_json::from_slice(&plain).map_err(|_| SealError::Tampered)
}

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA256 of `data` under a subkey of `key` derived for `purpose` alone (itself
/// HMAC-SHA256 of the purpose under the data key), as 64 lowercase hex digits: equal for
/// equal data under the same key and purpose, unrelated under another key, and no way back
/// to the data without the key. The data key is never used directly, so a hash cannot be
/// mistaken for anything else made with it.
pub(crate) fn keyed_hash(key: &DataKey, purpose: &str, data: &[u8]) -> Result<String, StoreError> {
    let subkey = Zeroizing::new(hmac_sha256(
        key.bytes.as_ref(),
        &[b"flexiti-pos keyed hash v1\0", purpose.as_bytes()],
    )?);
    let digest = hmac_sha256(subkey.as_ref(), &[data])?;
    let mut text = String::with_capacity(digest.len() * 2);
    for byte in digest {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    Ok(text)
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], StoreError> {
    // HMAC takes a key of any length; the error exists only in the trait's signature.
    let mut mac =
        <HmacSha256 as Mac>::new_from_slice(key).map_err(|_| StoreError::InvalidInput {
            what: "keyed hash",
            reason: "the key was refused",
        })?;
    for part in parts {
        mac.update(part);
    }
    Ok(mac.finalize().into_bytes().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PersonalData {
        PersonalData {
            applicant_name: Personal::new("Zoé Tremblay".into()),
            fields_json: Personal::new(r#"{"sin":"046 454 286"}"#.into()),
            decision_json: None,
            frozen_request: None,
        }
    }

    #[test]
    fn round_trips_and_the_blob_holds_nothing_in_clear() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, "d1", &sample()).unwrap();
        assert!(!blob.windows(7).any(|w| w == b"Tremblay"[..7].as_ref()));
        assert!(!blob.windows(3).any(|w| w == b"046"));
        assert_eq!(open(&key, "d1", key.id(), &blob).unwrap(), sample());
    }

    #[test]
    fn two_seals_of_the_same_data_differ() {
        let key = DataKey::generate().unwrap();
        assert_ne!(
            seal(&key, "d1", &sample()).unwrap(),
            seal(&key, "d1", &sample()).unwrap()
        );
    }

    #[test]
    fn every_flipped_byte_is_tampering() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, "d1", &sample()).unwrap();
        for i in 0..blob.len() {
            let mut bad = blob.clone();
            bad[i] ^= 0x01;
            assert_eq!(open(&key, "d1", key.id(), &bad), Err(SealError::Tampered));
        }
        for len in 0..blob.len() {
            assert_eq!(
                open(&key, "d1", key.id(), &blob[..len]),
                Err(SealError::Tampered)
            );
        }
    }

    #[test]
    fn a_blob_moved_to_another_draft_does_not_open() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, "d1", &sample()).unwrap();
        assert_eq!(open(&key, "d2", key.id(), &blob), Err(SealError::Tampered));
    }

    #[test]
    fn another_key_is_told_apart_from_tampering() {
        let key = DataKey::generate().unwrap();
        let other = DataKey::generate().unwrap();
        let blob = seal(&key, "d1", &sample()).unwrap();
        assert_eq!(
            open(&other, "d1", key.id(), &blob),
            Err(SealError::WrongKey)
        );
        // A row relabelled with the other key's id still fails, as tampering.
        assert_eq!(
            open(&other, "d1", other.id(), &blob),
            Err(SealError::Tampered)
        );
    }

    #[test]
    fn a_blob_of_one_domain_does_not_open_as_another() {
        let key = DataKey::generate().unwrap();
        let blob = seal_value(&key, "flexiti-pos journal request v1", "r1", &"body").unwrap();
        let opened: Result<String, _> = open_value(
            &key,
            "flexiti-pos journal request v1",
            "r1",
            key.id(),
            &blob,
        );
        assert_eq!(opened.as_deref(), Ok("body"));
        let moved: Result<String, _> = open_value(
            &key,
            "flexiti-pos journal personal v1",
            "r1",
            key.id(),
            &blob,
        );
        assert_eq!(moved, Err(SealError::Tampered));
        // A draft blob is not a journal blob either.
        let draft = seal(&key, "r1", &sample()).unwrap();
        let as_journal: Result<PersonalData, _> = open_value(
            &key,
            "flexiti-pos journal personal v1",
            "r1",
            key.id(),
            &draft,
        );
        assert_eq!(as_journal, Err(SealError::Tampered));
    }

    #[test]
    fn keyed_hashes_depend_on_key_purpose_and_data() {
        let key = DataKey::from_hex(&"11".repeat(32)).unwrap();
        let other = DataKey::from_hex(&"22".repeat(32)).unwrap();
        let hash =
            |key: &DataKey, purpose: &str, data: &[u8]| keyed_hash(key, purpose, data).unwrap();
        let account = hash(&key, "account", b"116994755");
        assert_eq!(account.len(), 64);
        assert!(account
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(account, hash(&key, "account", b"116994755"));
        assert_ne!(account, hash(&key, "account", b"116994756"));
        assert_ne!(account, hash(&key, "card", b"116994755"));
        assert_ne!(account, hash(&other, "account", b"116994755"));
    }

    #[test]
    fn hmac_is_rfc_4231_hmac_sha256() {
        // RFC 4231, test case 2.
        let mac = hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"]).unwrap();
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hex_round_trip_and_debug_hides_the_key() {
        let key = DataKey::generate().unwrap();
        let hex = key.to_hex();
        let back = DataKey::from_hex(&hex).unwrap();
        assert_eq!(back.id(), key.id());
        assert_eq!(back.to_hex(), hex);
        assert!(!format!("{key:?}").contains(hex.as_str()));
        assert!(DataKey::from_hex("zz").is_none());
        assert!(DataKey::from_hex(&"g".repeat(64)).is_none());
    }
}
