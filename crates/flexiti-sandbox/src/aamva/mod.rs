//! Decoder for the PDF417 barcode on the back of a Canadian driver's licence.
//!
//! Flexiti's `customers/driverslicense` endpoint takes the raw text of that
//! barcode exactly as a store scanner types it. The text follows the AAMVA
//! DL/ID Card Design Standard. The emulator needs the holder's name, date of
//! birth, address and licence number from it so it can pre-fill an
//! application the way the real service does.
//!
//! Real scanners change the separators in that text. A keyboard-wedge scanner
//! may send `"\r\n"` or only `"\n"`, swap CR and LF, or turn the space after
//! `ANSI` into a line break. That makes the subfile offsets in the header
//! useless. So this decoder ignores the offsets: it finds the `ANSI` (or
//! `AAMVA`) marker near the start, splits the rest into lines and reads every
//! line that looks like a data element (`D` + two uppercase letters + value).
//!
//! Provinces and postal codes are read by pos-core's rules and dates by chrono, so a
//! licence decodes to values the app accepts. Nothing here panics on any input.

use std::fmt;

use chrono::NaiveDate;
use pos_core::rules::{format_postal_code, normalize_postal_code};
use pos_core::Province;

/// The fields of a Canadian driver's licence that the emulator needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    pub first_name: String,
    pub middle_name: String,
    pub last_name: String,
    /// Date of birth, `YYYY-MM-DD`.
    pub dob: String,
    pub address_1: String,
    pub city: String,
    /// Two-letter Canadian province/territory code.
    pub province: String,
    /// Canadian postal code, `A1A 1A1`.
    pub postal_code: String,
    pub govid_number: String,
    /// Licence expiry date, `YYYY-MM-DD`.
    pub govid_expiry: String,
}

/// Why a barcode could not be decoded into a [`Licence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AamvaError {
    /// The text does not start with an AAMVA header (`ANSI` / `AAMVA`).
    NotAamva,
    /// A required data element (e.g. `"DAQ"`) is missing or empty.
    MissingElement(&'static str),
    /// A date element (`"DBB"` or `"DBA"`) is not a valid date.
    BadDate(&'static str),
    /// The licence was not issued by a Canadian province or territory.
    NotCanadian,
}

impl fmt::Display for AamvaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AamvaError::NotAamva => f.write_str("not an AAMVA driver's licence barcode"),
            AamvaError::MissingElement(id) => {
                write!(f, "driver's licence barcode is missing element {id}")
            }
            AamvaError::BadDate(id) => {
                write!(
                    f,
                    "driver's licence barcode has an invalid date in element {id}"
                )
            }
            AamvaError::NotCanadian => f.write_str("not a Canadian driver's licence"),
        }
    }
}

impl std::error::Error for AamvaError {}

/// Each decoded value is cut to this many characters.
const MAX_VALUE_CHARS: usize = 100;

/// The `ANSI` / `AAMVA` marker must start within this many characters (after
/// the compliance indicator and any whitespace/control characters).
const HEADER_WINDOW_CHARS: usize = 16;

/// Decodes the raw barcode text of a Canadian driver's licence.
pub fn parse(code: &str) -> Result<Licence, AamvaError> {
    let body = locate_header(code).ok_or(AamvaError::NotAamva)?;
    let elements = Elements::collect(body);

    // Country: an explicit non-Canadian country is rejected right away.
    let country = elements.get("DCG").map(|c| c.to_uppercase());
    if let Some(c) = &country {
        if c != "CAN" {
            return Err(AamvaError::NotCanadian);
        }
    }

    // Province and postal code: when present they must be Canadian.
    let province = match elements.get("DAJ") {
        Some(p) => Some(Province::from_code(&p.to_uppercase()).ok_or(AamvaError::NotCanadian)?),
        None => None,
    };
    let postal_code = match elements.get("DAK") {
        Some(raw) => Some(canadian_postal_code(&raw).ok_or(AamvaError::NotCanadian)?),
        None => None,
    };

    // Names, with fallbacks for AAMVA version 1 licences.
    let full_name = elements.get("DAA").map(|s| split_full_name(&s));
    let (first_name, fallback_middle) = match elements.get("DAC") {
        Some(first) => (Some(first), String::new()),
        None => match elements.get("DCT").map(|s| split_given_names(&s)) {
            Some((first, middle)) => (Some(first), middle),
            None => match &full_name {
                Some((_, first, middle)) => (Some(first.clone()), middle.clone()),
                None => (None, String::new()),
            },
        },
    };
    let middle_name = elements.get("DAD").unwrap_or(fallback_middle);
    let middle_name = if middle_name.eq_ignore_ascii_case("NONE") {
        String::new()
    } else {
        middle_name
    };
    let last_name = elements
        .get("DCS")
        .or_else(|| elements.get("DAB"))
        .or_else(|| full_name.map(|(last, _, _)| last));

    let first_name = require(first_name, "DAC")?;
    let last_name = require(last_name, "DCS")?;
    let dob = require(elements.get("DBB"), "DBB")?;
    let address_1 = require(elements.get("DAG"), "DAG")?;
    let city = require(elements.get("DAI"), "DAI")?;
    let province = require(province.map(|p| p.code().to_owned()), "DAJ")?;
    let postal_code = require(postal_code, "DAK")?;
    let govid_number = require(elements.get("DAQ"), "DAQ")?;
    let expiry = require(elements.get("DBA"), "DBA")?;

    let country = country.as_deref();
    let dob = parse_date(&dob, country).ok_or(AamvaError::BadDate("DBB"))?;
    let govid_expiry = parse_date(&expiry, country).ok_or(AamvaError::BadDate("DBA"))?;

    Ok(Licence {
        first_name,
        middle_name,
        last_name,
        dob,
        address_1,
        city,
        province,
        postal_code,
        govid_number,
        govid_expiry,
    })
}

/// Returns the value, or `MissingElement(id)` if it is absent or empty.
fn require(value: Option<String>, id: &'static str) -> Result<String, AamvaError> {
    value
        .filter(|v| !v.is_empty())
        .ok_or(AamvaError::MissingElement(id))
}

fn is_skippable(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r' || c == '\u{1e}'
}

/// Skips leading whitespace/control characters and an optional `@`, then
/// returns the text starting at the `ANSI` / `AAMVA` marker, if the marker
/// lies within the first [`HEADER_WINDOW_CHARS`] characters.
fn locate_header(code: &str) -> Option<&str> {
    let rest = code.trim_start_matches(is_skippable);
    let rest = rest.strip_prefix('@').unwrap_or(rest);
    let rest = rest.trim_start_matches(is_skippable);
    let window_end = rest
        .char_indices()
        .nth(HEADER_WINDOW_CHARS)
        .map_or(rest.len(), |(i, _)| i);
    let window = rest.get(..window_end)?;
    let pos = [window.find("ANSI"), window.find("AAMVA")]
        .into_iter()
        .flatten()
        .min()?;
    rest.get(pos..)
}

/// Splits `line` into `(id, value)` if it starts with a data element id:
/// `D` followed by two uppercase ASCII letters.
fn element(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let is_id = b.first() == Some(&b'D')
        && b.get(1).is_some_and(u8::is_ascii_uppercase)
        && b.get(2).is_some_and(u8::is_ascii_uppercase);
    if is_id {
        Some((line.get(..3)?, line.get(3..)?))
    } else {
        None
    }
}

/// Reads `s` as the start of a subfile: the type (`DL` or `ID`) followed
/// directly by its first data element.
fn subfile_element(s: &str) -> Option<(&str, &str)> {
    s.strip_prefix("DL")
        .or_else(|| s.strip_prefix("ID"))
        .and_then(element)
}

/// Finds the first data element of the DL/ID subfile inside a header line such
/// as `"604428040101 DL00310219DLDCAunavI"`.
///
/// Subfile designators (`DL00310219`) are followed by digits, so the first
/// `DL`/`ID` followed by an element id is the start of the subfile's data.
/// Taking the first match (not the last) keeps a value that happens to
/// contain such a pattern from being misread.
fn find_subfile_start(line: &str) -> Option<(&str, &str)> {
    (0..line.len()).find_map(|i| line.get(i..).and_then(subfile_element))
}

/// The data elements found in the barcode, in order.
struct Elements<'a> {
    list: Vec<(&'a str, &'a str)>,
}

impl<'a> Elements<'a> {
    /// `body` starts at the `ANSI` / `AAMVA` marker.
    fn collect(body: &'a str) -> Self {
        let mut list = Vec::new();
        // Until the first element turns up we are in the header, where the
        // first element shares a line with the header fields.
        let mut in_header = true;
        for line in body.split(is_line_break).map(str::trim) {
            if line.is_empty() {
                continue;
            }
            let found = if in_header {
                subfile_element(line)
                    .or_else(|| element(line))
                    .or_else(|| find_subfile_start(line))
            } else if line.starts_with('Z') {
                // A jurisdiction-specific subfile: ignored.
                None
            } else {
                subfile_element(line).or_else(|| element(line))
            };
            if let Some(el) = found {
                in_header = false;
                list.push(el);
            }
        }
        Elements { list }
    }

    /// The first non-empty cleaned value of element `id`.
    fn get(&self, id: &str) -> Option<String> {
        self.list
            .iter()
            .filter(|(k, _)| *k == id)
            .map(|(_, v)| clean(v))
            .find(|v| !v.is_empty())
    }
}

/// Turns whitespace control characters (e.g. tab) into spaces, drops other
/// control characters, trims, collapses inner whitespace and cuts the result
/// to [`MAX_VALUE_CHARS`] characters.
fn clean(raw: &str) -> String {
    let spaced: String = raw
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() {
                None
            } else {
                Some(c)
            }
        })
        .collect();
    let collapsed = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let truncated: String = collapsed.chars().take(MAX_VALUE_CHARS).collect();
    truncated.trim_end().to_string()
}

/// Splits an AAMVA v1 full name (`DAA`): `"LAST,FIRST,MIDDLE"` (some issuers
/// use `$` instead of `,`), or `"LAST FIRST [MIDDLE...]"`.
/// Returns `(last, first, middle)`.
fn split_full_name(full: &str) -> (String, String, String) {
    let (last, first, rest): (String, String, Vec<String>) = if full.contains([',', '$']) {
        let mut parts = full.split([',', '$']).map(clean);
        (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.collect(),
        )
    } else {
        let mut parts = full.split_whitespace().map(str::to_string);
        (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.collect(),
        )
    };
    let middle = rest
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (last, first, middle)
}

/// Splits AAMVA v1 given names (`DCT`) at the first `,` or space.
/// Returns `(first, middle)`.
fn split_given_names(given: &str) -> (String, String) {
    match given.find([',', ' ']) {
        Some(i) => {
            let first = clean(given.get(..i).unwrap_or_default());
            let middle = clean(&given.get(i + 1..).unwrap_or_default().replace(',', " "));
            (first, middle)
        }
        None => (clean(given), String::new()),
    }
}

/// A Canadian postal code as `"A1A 1A1"`, by pos-core's rule: any case, at most one
/// space and only between the halves (`clean` has already collapsed runs of whitespace),
/// and never a letter Canada Post does not use (D F I O Q U anywhere, W Z first), so the
/// app accepts whatever the decoder returns.
fn canadian_postal_code(raw: &str) -> Option<String> {
    normalize_postal_code(raw)
        .ok()
        .map(|code| format_postal_code(&code))
}

/// Parses an 8-digit AAMVA date into `YYYY-MM-DD`.
///
/// Canada uses `CCYYMMDD` and the USA `MMDDCCYY`. When the country (`DCG`) is
/// absent, `CCYYMMDD` is tried first, then `MMDDCCYY`. A date is valid only if
/// it exists and its year is between 1900 and 2100.
fn parse_date(raw: &str, country: Option<&str>) -> Option<String> {
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |from: usize, to: usize| raw.get(from..to).and_then(|s| s.parse::<u32>().ok());
    let ymd = || valid_date(num(0, 4)?, num(4, 6)?, num(6, 8)?);
    let mdy = || valid_date(num(4, 8)?, num(0, 2)?, num(2, 4)?);
    match country {
        Some("CAN") => ymd(),
        Some(_) => mdy(),
        None => ymd().or_else(mdy),
    }
}

/// `YYYY-MM-DD` if the date exists and its year is between 1900 and 2100.
fn valid_date(year: u32, month: u32, day: u32) -> Option<String> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests;
