//! The credit application's fields, declared once: the contract name, how the form shows
//! each one, its length limit, whether it is required and the section it sits in. The
//! validator's lists ([`crate::FIELDS`], [`crate::REQUIRED_FIELDS`], [`crate::max_chars`])
//! and the web UI's `ui/src/lib/fields.generated.ts` are all derived from this table.

use serde::Serialize;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text, checked for length and invisible characters.
    Text,
    Email,
    Tel,
    /// An ISO date (`YYYY-MM-DD`).
    Date,
    /// An amount of money as typed (`1 450,50`, `1,450.50`).
    Money,
    /// Whole years.
    Integer,
    /// A social insurance number (9 digits, spaces or dashes tolerated).
    Sin,
    /// A Canadian postal code.
    PostalCode,
    /// One of a `form_values` list of the same name.
    Select,
    /// One of the options the chosen `govid_type` allows.
    DependentSelect,
    Checkbox,
    /// A code the app fills in itself (never typed).
    Code,
}

/// Whether a field must be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Required,
    Optional,
    /// Required in some cases only: `qcpa_disclosure` for Quebec residents,
    /// `tos_agreement` at submission.
    Conditional,
}

/// Where a field sits on the form, in screen order. `Terminal` fields are filled by the
/// app from its settings and session, never by the rep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Applicant,
    Contact,
    Address,
    Employment,
    Identification,
    Security,
    Disclosures,
    Terms,
    Amount,
    Terminal,
}

impl Section {
    /// Every section, in screen order.
    pub const ALL: [Section; 10] = [
        Section::Applicant,
        Section::Contact,
        Section::Address,
        Section::Employment,
        Section::Identification,
        Section::Security,
        Section::Disclosures,
        Section::Terms,
        Section::Amount,
        Section::Terminal,
    ];

    /// The section's name (the UI's key and its Fluent id suffix).
    pub const fn name(self) -> &'static str {
        match self {
            Section::Applicant => "applicant",
            Section::Contact => "contact",
            Section::Address => "address",
            Section::Employment => "employment",
            Section::Identification => "identification",
            Section::Security => "security",
            Section::Disclosures => "disclosures",
            Section::Terms => "terms",
            Section::Amount => "amount",
            Section::Terminal => "terminal",
        }
    }

    /// A section laid out as a plain list of inputs (the others are blocks of their own).
    pub const fn is_plain(self) -> bool {
        !matches!(
            self,
            Section::Disclosures | Section::Terms | Section::Amount | Section::Terminal
        )
    }
}

macro_rules! fields {
    ($($variant:ident = $name:literal: $kind:ident, $section:ident, $req:ident, $max:expr;)+) => {
        /// One field of the credit application.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($variant),+
        }

        impl Field {
            /// Every field, in screen order (then the ones the app fills in).
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The contract's name of the field (`param` in `field_errors`).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name),+
                }
            }

            pub const fn kind(self) -> FieldKind {
                match self {
                    $(Field::$variant => FieldKind::$kind),+
                }
            }

            pub const fn section(self) -> Section {
                match self {
                    $(Field::$variant => Section::$section),+
                }
            }

            pub const fn requirement(self) -> Requirement {
                match self {
                    $(Field::$variant => Requirement::$req),+
                }
            }

            /// The most characters the field's input takes (`None`: no text input).
            pub const fn max_length(self) -> Option<usize> {
                match self {
                    $(Field::$variant => $max),+
                }
            }
        }

        /// Every param name, in [`Field::ALL`] order.
        pub const FIELDS: &[&str] = &[$($name),+];
    };
}

fields! {
    Salutation = "salutation": Select, Applicant, Required, None;
    FirstName = "first_name": Text, Applicant, Required, Some(80);
    MiddleName = "middle_name": Text, Applicant, Optional, Some(80);
    LastName = "last_name": Text, Applicant, Required, Some(130);
    Dob = "dob": Date, Applicant, Required, Some(10);
    Sin = "sin": Sin, Applicant, Optional, Some(11);
    Email = "email": Email, Contact, Required, Some(crate::rules::EMAIL_MAX_CHARS);
    PhoneNumber = "phone_number": Tel, Contact, Required, Some(20);
    Address1 = "address_1": Text, Address, Required, Some(250);
    Address2 = "address_2": Text, Address, Optional, Some(100);
    City = "city": Text, Address, Required, Some(100);
    Province = "province": Select, Address, Required, None;
    PostalCode = "postal_code": PostalCode, Address, Required, Some(7);
    HousingType = "housing_type": Select, Address, Required, None;
    MonthlyHousingPayment = "monthly_housing_payment": Money, Address, Required, Some(20);
    YearsAtAddress = "years_at_address": Integer, Address, Required, Some(3);
    Occupation = "occupation": Select, Employment, Required, None;
    EmployerName = "employer_name": Text, Employment, Optional, Some(100);
    AnnualIncome = "annual_income": Money, Employment, Required, Some(20);
    GovidType = "govid_type": Select, Identification, Required, None;
    GovidIssuedby = "govid_issuedby": DependentSelect, Identification, Required, None;
    GovidNumber = "govid_number": Text, Identification, Required, Some(30);
    GovidExpiry = "govid_expiry": Date, Identification, Required, Some(10);
    SecurityQid = "security_qid": Select, Security, Required, None;
    SecurityAnswer = "security_answer": Text, Security, Required, Some(100);
    Insurance = "insurance": Checkbox, Disclosures, Optional, None;
    QcpaDisclosure = "qcpa_disclosure": Checkbox, Disclosures, Conditional, None;
    TosAgreement = "tos_agreement": Checkbox, Terms, Conditional, None;
    AmountRequested = "amount_requested": Money, Amount, Optional, Some(20);
    TosVersion = "tos_version": Text, Terminal, Optional, Some(20);
    AccountType = "account_type": Code, Terminal, Optional, None;
    Lang = "lang": Code, Terminal, Optional, None;
    ExternalLocationId = "external_location_id": Text, Terminal, Required, Some(50);
    ExternalEmployeeId = "external_employee_id": Text, Terminal, Optional, Some(50);
}

const fn count_required() -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < Field::ALL.len() {
        if matches!(Field::ALL[i].requirement(), Requirement::Required) {
            count += 1;
        }
        i += 1;
    }
    count
}

const REQUIRED_COUNT: usize = count_required();

const fn required_names() -> [&'static str; REQUIRED_COUNT] {
    let mut out = [""; REQUIRED_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < Field::ALL.len() {
        if matches!(Field::ALL[i].requirement(), Requirement::Required) {
            out[n] = Field::ALL[i].name();
            n += 1;
        }
        i += 1;
    }
    out
}

/// The fields that must be present (non-blank), in [`Field::ALL`] order.
/// `qcpa_disclosure` is also required, but only for Quebec residents.
pub const REQUIRED_FIELDS: &[&str] = &required_names();

impl Field {
    /// The field with this contract name.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Free text: checked for its length and for invisible characters.
    pub const fn is_free_text(self) -> bool {
        matches!(self.kind(), FieldKind::Text | FieldKind::Email)
    }
}

/// The maximum length, in characters, of a free-text field (for the form's input limits),
/// or `None` for a field that is not free text.
pub fn max_chars(param: &str) -> Option<usize> {
    Field::parse(param)
        .filter(|f| f.is_free_text())
        .and_then(Field::max_length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for field in Field::ALL {
            assert_eq!(Field::parse(field.name()), Some(*field));
        }
        let mut names: Vec<&str> = FIELDS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Field::ALL.len());
        assert_eq!(Field::parse("nope"), None);
    }

    #[test]
    fn sections_come_in_screen_order() {
        let order: Vec<usize> = Field::ALL
            .iter()
            .map(|f| {
                Section::ALL
                    .iter()
                    .position(|s| *s == f.section())
                    .unwrap_or(99)
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }

    #[test]
    fn text_inputs_have_a_limit_and_choices_do_not() {
        for field in Field::ALL {
            let has_limit = field.max_length().is_some();
            let typed = !matches!(
                field.kind(),
                FieldKind::Select
                    | FieldKind::DependentSelect
                    | FieldKind::Checkbox
                    | FieldKind::Code
            );
            assert_eq!(has_limit, typed, "{}", field.name());
        }
        assert_eq!(max_chars("email"), Some(crate::rules::EMAIL_MAX_CHARS));
        assert_eq!(max_chars("sin"), None, "formatted, not free text");
        assert_eq!(REQUIRED_FIELDS.len(), 22);
        assert!(REQUIRED_FIELDS.contains(&"external_location_id"));
        assert!(!REQUIRED_FIELDS.contains(&"qcpa_disclosure"));
    }
}
