use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::*;

/// The sample barcode from Flexiti's API documentation.
const FLEXITI_SAMPLE: &str = "@\n\u{1e}\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\nDAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r";

fn sample_licence() -> Licence {
    Licence {
        first_name: "ENSTREAM".into(),
        middle_name: String::new(),
        last_name: "NUMBER1".into(),
        dob: "1974-05-15".into(),
        address_1: "55 UNIVERSITY AVE".into(),
        city: "TORONTO".into(),
        province: "ON".into(),
        postal_code: "M5J 2H7".into(),
        govid_number: "D61014070660905".into(),
        govid_expiry: "2020-05-15".into(),
    }
}

/// Builds a barcode in the standard layout: header on one line, the first
/// element straight after the `DL` subfile type, elements separated by LF.
fn barcode(elements: &[&str]) -> String {
    format!(
        "@\n\u{1e}\rANSI 636012090102DL00410250ZO02910030DL{}\rZOZOAX\nZOBY\r",
        elements.join("\n")
    )
}

const ONTARIO: [&str; 12] = [
    "DAQS1234-56789-01234",
    "DCSSMITH",
    "DACJOHN",
    "DADALBERT",
    "DBB19800229",
    "DBA20300101",
    "DAG100 QUEEN ST W",
    "DAIOTTAWA",
    "DAJON",
    "DAKK1A 0A1",
    "DCGCAN",
    "DCF12345",
];

fn without<'a>(elements: &[&'a str], id: &str) -> Vec<&'a str> {
    elements
        .iter()
        .copied()
        .filter(|e| !e.starts_with(id))
        .collect()
}

fn replaced<'a>(elements: &[&'a str], id: &str, line: &'a str) -> Vec<&'a str> {
    elements
        .iter()
        .map(|e| if e.starts_with(id) { line } else { *e })
        .collect()
}

#[test]
fn flexiti_documentation_sample_decodes() {
    assert_eq!(parse(FLEXITI_SAMPLE), Ok(sample_licence()));
}

#[test]
fn crlf_lf_only_swapped_and_one_line_headers_decode() {
    let crlf = FLEXITI_SAMPLE.replace('\n', "\r\n");
    assert_eq!(parse(&crlf), Ok(sample_licence()));

    let lf_only = FLEXITI_SAMPLE.replace('\r', "\n");
    assert_eq!(parse(&lf_only), Ok(sample_licence()));

    let swapped: String = FLEXITI_SAMPLE
        .chars()
        .map(|c| match c {
            '\n' => '\r',
            '\r' => '\n',
            other => other,
        })
        .collect();
    assert_eq!(parse(&swapped), Ok(sample_licence()));

    let one_line_header = FLEXITI_SAMPLE.replacen(
        "ANSI\n604428040101 DL00310219DLDCA",
        "ANSI 604428040101DL00310219DLDCA",
        1,
    );
    assert!(one_line_header.contains("ANSI 6044"));
    assert_eq!(parse(&one_line_header), Ok(sample_licence()));

    let no_compliance_indicator = FLEXITI_SAMPLE.trim_start_matches(['@', '\n', '\u{1e}', '\r']);
    assert_eq!(parse(no_compliance_indicator), Ok(sample_licence()));
}

#[test]
fn first_element_on_header_line_is_read() {
    let code = barcode(&ONTARIO);
    assert!(code.contains("ZO02910030DLDAQS1234"));
    assert_eq!(
        parse(&code).map(|l| l.govid_number),
        Ok("S1234-56789-01234".into())
    );

    // The first element on its own line, still prefixed by the subfile type.
    let code = code.replacen("ZO02910030DLDAQ", "ZO02910030\nDLDAQ", 1);
    assert_eq!(
        parse(&code).map(|l| l.govid_number),
        Ok("S1234-56789-01234".into())
    );
}

#[test]
fn quebec_licence_keeps_accents_and_middle_name() {
    let code = barcode(&[
        "DCA5",
        "DCSGAGNON",
        "DACHÉLÈNE",
        "DADMARIE",
        "DBB19850704",
        "DBA20270704",
        "DAG1234 RUE SAINT-DENIS",
        "DAIMONTRÉAL",
        "DAJQC",
        "DAKh2x1y4",
        "DAQG1234-040785-01",
        "DCGCAN",
    ]);
    let licence = parse(&code).expect("Quebec licence decodes");
    assert_eq!(licence.first_name, "HÉLÈNE");
    assert_eq!(licence.middle_name, "MARIE");
    assert_eq!(licence.last_name, "GAGNON");
    assert_eq!(licence.city, "MONTRÉAL");
    assert_eq!(licence.province, "QC");
    assert_eq!(licence.postal_code, "H2X 1Y4");
    assert_eq!(licence.dob, "1985-07-04");
    assert_eq!(licence.govid_expiry, "2027-07-04");
}

#[test]
fn aamva_v1_full_name_is_split() {
    let mut elements = without(&without(&without(&ONTARIO, "DCS"), "DAC"), "DAD");
    elements.push("DAATREMBLAY,JEAN,PAUL");
    let licence = parse(&barcode(&elements)).expect("v1 licence decodes");
    assert_eq!(
        (
            licence.last_name.as_str(),
            licence.first_name.as_str(),
            licence.middle_name.as_str()
        ),
        ("TREMBLAY", "JEAN", "PAUL")
    );

    let mut elements = without(&without(&without(&ONTARIO, "DCS"), "DAC"), "DAD");
    elements.push("DAATREMBLAY JEAN");
    let licence = parse(&barcode(&elements)).expect("space-separated v1 name decodes");
    assert_eq!(
        (
            licence.last_name.as_str(),
            licence.first_name.as_str(),
            licence.middle_name.as_str()
        ),
        ("TREMBLAY", "JEAN", "")
    );
}

#[test]
fn aamva_v1_given_names_are_split() {
    let mut elements = without(&without(&ONTARIO, "DAC"), "DAD");
    elements.push("DCTJEAN,PAUL");
    let licence = parse(&barcode(&elements)).expect("DCT licence decodes");
    assert_eq!(licence.first_name, "JEAN");
    assert_eq!(licence.middle_name, "PAUL");
    assert_eq!(licence.last_name, "SMITH");
}

#[test]
fn names_are_trimmed_and_collapsed_and_none_middle_is_empty() {
    let elements = replaced(
        &replaced(&ONTARIO, "DAC", "DAC  Mary \t Ann  "),
        "DAD",
        "DADNONE",
    );
    let licence = parse(&barcode(&elements)).expect("decodes");
    assert_eq!(licence.first_name, "Mary Ann");
    assert_eq!(licence.middle_name, "");
}

#[test]
fn control_characters_are_stripped_and_values_truncated() {
    let long_street = format!("DAG{}", "A".repeat(100_000));
    let elements = replaced(
        &replaced(&ONTARIO, "DAI", "DAIOTT\u{7}AWA\u{1d}"),
        "DAG",
        &long_street,
    );
    let licence = parse(&barcode(&elements)).expect("decodes");
    assert_eq!(licence.city, "OTTAWA");
    assert_eq!(licence.address_1.chars().count(), 100);
}

#[test]
fn jurisdiction_subfile_is_ignored() {
    let code = barcode(&ONTARIO).replace("ZOZOAX", "ZODAQ999");
    assert_eq!(
        parse(&code).map(|l| l.govid_number),
        Ok("S1234-56789-01234".into())
    );
}

#[test]
fn us_date_order_is_used_when_canadian_order_is_impossible_and_no_country() {
    let elements = replaced(&without(&ONTARIO, "DCG"), "DBB", "DBB05151974");
    assert_eq!(
        parse(&barcode(&elements)).map(|l| l.dob),
        Ok("1974-05-15".into())
    );
}

#[test]
fn plain_text_is_not_aamva() {
    assert_eq!(parse("hello"), Err(AamvaError::NotAamva));
    assert_eq!(
        parse("this is a long sentence mentioning ANSI late"),
        Err(AamvaError::NotAamva)
    );
}

#[test]
fn empty_input_is_not_aamva() {
    assert_eq!(parse(""), Err(AamvaError::NotAamva));
    assert_eq!(parse("@\n\u{1e}\r"), Err(AamvaError::NotAamva));
}

#[test]
fn missing_licence_number_is_reported() {
    let code = FLEXITI_SAMPLE.replace("DAQD61014070660905\n", "");
    assert_eq!(parse(&code), Err(AamvaError::MissingElement("DAQ")));
    assert_eq!(
        parse(&barcode(&without(&ONTARIO, "DAQ"))),
        Err(AamvaError::MissingElement("DAQ"))
    );
    assert_eq!(
        parse(&barcode(&without(&ONTARIO, "DAC"))),
        Err(AamvaError::MissingElement("DAC"))
    );
    assert_eq!(
        parse(&barcode(&without(&ONTARIO, "DBA"))),
        Err(AamvaError::MissingElement("DBA"))
    );
}

#[test]
fn impossible_birth_date_is_bad_date() {
    let code = FLEXITI_SAMPLE.replace("DBB19740515", "DBB19741315");
    assert_eq!(parse(&code), Err(AamvaError::BadDate("DBB")));
    let code = FLEXITI_SAMPLE.replace("DBB19740515", "DBB1974051");
    assert_eq!(parse(&code), Err(AamvaError::BadDate("DBB")));
    let code = FLEXITI_SAMPLE.replace("DBA20200515", "DBA20210229");
    assert_eq!(parse(&code), Err(AamvaError::BadDate("DBA")));
}

#[test]
fn us_licence_is_not_canadian() {
    let code = barcode(&[
        "DAQ123456789",
        "DCSDOE",
        "DACJANE",
        "DBB05151974",
        "DBA05152030",
        "DAG1 MAIN ST",
        "DAIALBANY",
        "DAJNY",
        "DAK123450000",
        "DCGUSA",
    ]);
    assert_eq!(parse(&code), Err(AamvaError::NotCanadian));
    let no_country = code.replace("\nDCGUSA", "");
    assert_eq!(parse(&no_country), Err(AamvaError::NotCanadian));
    let zip_in_ontario = barcode(&replaced(&ONTARIO, "DAK", "DAK12345"));
    assert_eq!(parse(&zip_in_ontario), Err(AamvaError::NotCanadian));
}

#[test]
fn errors_display_readably() {
    assert_eq!(
        AamvaError::MissingElement("DAQ").to_string(),
        "driver's licence barcode is missing element DAQ"
    );
    assert!(AamvaError::BadDate("DBB").to_string().contains("DBB"));
    assert!(!AamvaError::NotAamva.to_string().is_empty());
    assert!(!AamvaError::NotCanadian.to_string().is_empty());
}

// ---------------------------------------------------------------------------------------
// No input panics: proptest over byte soup, arbitrary bytes and mutated real barcodes
// ---------------------------------------------------------------------------------------

/// The start of a real barcode, so that generated text reaches the element reader.
const HEADER: &str = "@\n\u{1e}\rANSI ";

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // A failure prints its minimal input, to be kept as a named test rather than as a
        // file next to the sources.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Mostly what barcodes are made of: separators, the letters of ids and subfile types,
/// digits, uppercase letters, and now and then any character at all. Drawn from a `u32`
/// as the former hand-rolled generator did: a `prop_oneof!` of char strategies takes
/// seconds to build 256 cases of 2,000 characters.
fn soup_char() -> impl Strategy<Value = char> {
    any::<u32>().prop_map(|r| {
        let pick = |set: &[char]| set[(r as usize / 8) % set.len()];
        match r % 8 {
            0 => char::from_u32(r % 0x11_0000).unwrap_or('\u{fffd}'),
            1 => pick(&['\n', '\r', '\u{1e}', '\u{1d}', '\t', ' ']),
            2 => pick(&['D', 'L', 'I', 'Z', '@']),
            3 => char::from(b'0' + (r / 8 % 10) as u8),
            _ => char::from(b'A' + (r / 8 % 26) as u8),
        }
    })
}

/// Up to 2,000 soup characters, after a barcode header half of the time.
fn soup() -> impl Strategy<Value = String> {
    (any::<bool>(), vec(soup_char(), 0..2_000)).prop_map(|(header, chars)| {
        let start = if header { HEADER } else { "" };
        start.chars().chain(chars).collect()
    })
}

/// Any bytes (now and then 100,000 of them), read as the lossy UTF-8 a scanner's text
/// might be, after a barcode header half of the time.
fn lossy_bytes() -> impl Strategy<Value = String> {
    let bytes = prop_oneof![
        8 => vec(any::<u8>(), 0..4_096),
        1 => vec(any::<u8>(), 0..100_000),
    ];
    (any::<bool>(), bytes).prop_map(|(header, bytes)| {
        let start = if header { HEADER } else { "" };
        format!("{start}{}", String::from_utf8_lossy(&bytes))
    })
}

/// The ids the decoder reads, and subfile starts, for element lines put in by a mutation.
const IDS: [&str; 18] = [
    "DAQ", "DCS", "DAC", "DAD", "DBB", "DBA", "DAG", "DAI", "DAJ", "DAK", "DCG", "DAA", "DCT",
    "DAB", "DLDAQ", "IDDCS", "ZO", "ANSI ",
];

/// One change to a barcode's characters, at the position its index picks.
#[derive(Debug, Clone)]
enum Edit {
    Remove(usize, usize),
    Insert(usize, Vec<char>),
    Replace(usize, char),
    Repeat(usize, usize),
    Truncate(usize),
    Line(usize, &'static str, Vec<char>),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = || vec(soup_char(), 0..24);
    prop_oneof![
        2 => (any::<usize>(), 1usize..16).prop_map(|(at, n)| Edit::Remove(at, n)),
        2 => (any::<usize>(), piece()).prop_map(|(at, p)| Edit::Insert(at, p)),
        2 => (any::<usize>(), soup_char()).prop_map(|(at, c)| Edit::Replace(at, c)),
        1 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| Edit::Repeat(at, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
        2 => (any::<usize>(), select(IDS.to_vec()), piece())
            .prop_map(|(at, id, value)| Edit::Line(at, id, value)),
    ]
}

fn mutate(code: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    for edit in edits {
        let len = chars.len();
        match edit {
            Edit::Remove(at, n) if len > 0 => {
                let from = at % len;
                chars.drain(from..(from + n).min(len));
            }
            Edit::Insert(at, piece) => {
                let at = at % (len + 1);
                chars.splice(at..at, piece.iter().copied());
            }
            Edit::Replace(at, c) if len > 0 => chars[at % len] = *c,
            Edit::Repeat(at, n) if len > 0 => {
                let from = at % len;
                let copy: Vec<char> = chars[from..(from + n).min(len)].to_vec();
                chars.splice(from..from, copy);
            }
            Edit::Truncate(at) => chars.truncate(at % (len + 1)),
            Edit::Line(at, id, value) => {
                let at = at % (len + 1);
                let line = std::iter::once('\n')
                    .chain(id.chars())
                    .chain(value.iter().copied())
                    .chain(std::iter::once('\n'));
                chars.splice(at..at, line);
            }
            Edit::Remove(..) | Edit::Replace(..) | Edit::Repeat(..) => {}
        }
    }
    chars.into_iter().collect()
}

/// A real barcode (the documented sample, as sent and with CRLF, or the Ontario one) with
/// 1 to 6 edits.
fn mutated_barcode() -> impl Strategy<Value = String> {
    let real = vec![
        FLEXITI_SAMPLE.to_owned(),
        FLEXITI_SAMPLE.replace('\n', "\r\n"),
        barcode(&ONTARIO),
    ];
    (select(real), vec(edit(), 1..=6)).prop_map(|(code, edits)| mutate(&code, &edits))
}

/// What a decoded licence always is, whatever it was decoded from.
fn check_decoded(code: &str) -> Result<(), TestCaseError> {
    let Ok(licence) = parse(code) else {
        return Ok(());
    };
    for value in [
        &licence.first_name,
        &licence.middle_name,
        &licence.last_name,
        &licence.address_1,
        &licence.city,
        &licence.govid_number,
    ] {
        prop_assert!(value.chars().count() <= MAX_VALUE_CHARS, "{:?}", licence);
        prop_assert!(!value.chars().any(char::is_control), "{:?}", licence);
    }
    prop_assert!(Province::from_code(&licence.province).is_some());
    prop_assert!(normalize_postal_code(&licence.postal_code).is_ok());
    for date in [&licence.dob, &licence.govid_expiry] {
        prop_assert!(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{}",
            date
        );
        prop_assert_eq!(date.len(), 10);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn byte_soup_does_not_panic(code in soup()) {
        check_decoded(&code)?;
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(code in lossy_bytes()) {
        check_decoded(&code)?;
    }

    #[test]
    fn mutated_real_barcodes_do_not_panic(code in mutated_barcode()) {
        check_decoded(&code)?;
    }
}

#[test]
fn huge_input_does_not_panic() {
    let huge_values = [
        format!("{HEADER}{}", "D".repeat(100_000)),
        format!("{HEADER}{}", "DLDAC".repeat(20_000)),
        format!("{HEADER}{}", "é\n".repeat(50_000)),
        format!("{}ANSI", " ".repeat(100_000)),
        "@".repeat(100_000),
        format!("{}DAQ", FLEXITI_SAMPLE.repeat(500)),
    ];
    for input in &huge_values {
        let _ = parse(input);
    }
}
