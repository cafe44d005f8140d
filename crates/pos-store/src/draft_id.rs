//! New draft ids: 128 random bits as 32 lowercase hex digits, from the OS generator, so ids
//! never collide across terminals and reveal nothing about order or count.

use crate::StoreError;

pub(crate) fn new_draft_id() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(StoreError::RandomUnavailable)?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}
