//! `POST customers/driverslicense` read into `Licence`, attacked on its own because its
//! answer pre-fills the applicant's identity on the form.

use super::*;

/// A decoded licence and a refused barcode.
pub(super) fn real_answers() -> Vec<Sample> {
    vec![
        sample(
            200,
            json!({
                "first_name": "JOHN",
                "middle_name": null,
                "last_name": "NUMBER1",
                "dob": "1974-05-15",
                "address_1": "123 MAIN ST",
                "city": "TORONTO",
                "province": "ON",
                "postal_code": "M5J2H7",
                "govid_type": "CADL",
                "govid_issuedby": "ON",
                "govid_number": "D6101-40706-60905",
                "govid_expiry": "2029-05-15",
            }),
        ),
        sample(409, wrong_inputs(&[("code", "invalid")])),
    ]
}

endpoint_properties!(Endpoint::Licence);
