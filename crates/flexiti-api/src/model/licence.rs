//! `POST /client-id/{client_id}/customers/driverslicense`: the fields a scanned licence
//! fills in. Every field is optional: a licence may lack one, and the form keeps what the
//! rep already typed where the answer is silent.

use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub(crate) struct LicenceRequest<'a> {
    pub code: &'a str,
}

/// The decoded licence. Personal data: `Debug` prints no value.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Licence {
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub dob: Option<String>,
    pub address_1: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub postal_code: Option<String>,
    pub govid_type: Option<String>,
    pub govid_issuedby: Option<String>,
    pub govid_number: Option<String>,
    pub govid_expiry: Option<String>,
}
personal_debug!(Licence);
