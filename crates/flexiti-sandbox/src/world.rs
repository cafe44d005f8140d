//! The purchase world of `purchase.md` ("The emulator's world (additions)"): the stores
//! and their rules, the plan catalogue, and the seeded accounts. Stores and catalogue are
//! constants; the accounts live in the state (their balances change) and a reset puts the
//! seed back.

use pos_core::money::{Money, Rate};
use serde::Serialize;

/// A store registered with Flexiti (`external_location_id`) and its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Store {
    pub id: &'static str,
    pub name: &'static str,
    pub city: &'static str,
    pub province: &'static str,
    /// A hold (`auto_capture: false`) is allowed; else `auth_not_allowed`.
    pub holds_allowed: bool,
    /// A business account may buy here; else `account_type_not_permitted`.
    pub business_accounts: bool,
}

/// The two stores of the world: Toronto allows everything, Montréal neither holds nor
/// business accounts.
pub const STORE_RULES: &[Store] = &[
    Store {
        id: "00-12345",
        name: "ACME Jewellers",
        city: "Toronto",
        province: "ON",
        holds_allowed: true,
        business_accounts: true,
    },
    Store {
        id: "00-54321",
        name: "Bijouterie ACME Montréal",
        city: "Montréal",
        province: "QC",
        holds_allowed: false,
        business_accounts: false,
    },
];

/// A customer's category, from the risk rating: L M preferred, H X premium, Y Z standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Preferred,
    Premium,
    Standard,
}

impl Category {
    pub fn of_risk(risk: &str) -> Category {
        match risk {
            "L" | "M" => Category::Preferred,
            "H" | "X" => Category::Premium,
            _ => Category::Standard,
        }
    }

    /// Preferred and premium are prime.
    pub fn is_prime(self) -> bool {
        self != Category::Standard
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Preferred => "preferred",
            Category::Premium => "premium",
            Category::Standard => "standard",
        }
    }
}

/// How a promotional plan is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    /// Equal monthly payments (`equal_billing`).
    Equal,
    /// Nothing until the term's end, when the balance must be cleared (`deferred_payment`).
    Deferred,
}

/// A plan's annual rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRate {
    Fixed(Rate),
    /// The account's AIR (accrues; waived if cleared by the term's end).
    AccountAir,
}

/// Who may be offered a plan (the province is the **customer's**).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eligibility {
    All,
    Prime,
    PrimeNotQuebec,
    PrimeQuebec,
}

impl Eligibility {
    pub fn admits(self, category: Category, province: &str) -> bool {
        let quebec = province == "QC";
        match self {
            Eligibility::All => true,
            Eligibility::Prime => category.is_prime(),
            Eligibility::PrimeNotQuebec => category.is_prime() && !quebec,
            Eligibility::PrimeQuebec => category.is_prime() && quebec,
        }
    }
}

/// A promotional plan of the catalogue (the regular purchase is not one: it is always
/// offered at the account's AIR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub id: u32,
    pub kind: PlanKind,
    pub terms: &'static [u32],
    pub rate: PlanRate,
    /// An `admin_total` fee added to the amount financed.
    pub admin_total: Option<Money>,
    pub eligibility: Eligibility,
}

/// The catalogue, in the order the quote lists it.
pub const CATALOGUE: &[Plan] = &[
    Plan {
        id: 4,
        kind: PlanKind::Equal,
        terms: &[3, 6, 12, 24],
        rate: PlanRate::Fixed(Rate::from_ten_thousandths(999)),
        admin_total: None,
        eligibility: Eligibility::All,
    },
    Plan {
        id: 5,
        kind: PlanKind::Equal,
        terms: &[6, 12],
        rate: PlanRate::Fixed(Rate::ZERO),
        admin_total: Some(Money::from_cents(4999)),
        eligibility: Eligibility::Prime,
    },
    Plan {
        id: 6,
        kind: PlanKind::Deferred,
        terms: &[6, 12],
        rate: PlanRate::AccountAir,
        admin_total: None,
        eligibility: Eligibility::PrimeNotQuebec,
    },
    Plan {
        id: 7,
        kind: PlanKind::Deferred,
        terms: &[6, 12],
        rate: PlanRate::Fixed(Rate::ZERO),
        admin_total: None,
        eligibility: Eligibility::PrimeQuebec,
    },
];

/// Promotional plans are offered from this amount on.
pub const PLAN_MINIMUM: Money = Money::from_cents(1000);

/// An authorized user of a business account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorizedUser {
    /// `"{holder}-{n}"`.
    pub customer_id: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: String,
    pub postal_code: String,
    pub province: String,
    pub security_qid: u32,
    pub security_answer: String,
    pub email: String,
    pub card_number: String,
    pub mobile: Option<String>,
}

/// One account of the world, as `GET /_sandbox/accounts` shows it (whole card, balances).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub account_number: u64,
    pub customer_id: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: String,
    pub postal_code: String,
    pub province: String,
    /// `consumer` or `business`.
    pub account_type: String,
    /// `en-CA` or `fr-CA`.
    pub preferred_language: String,
    /// `N`, `A`, `F`, `Z` or `C`.
    pub account_status: String,
    pub account_status_reason_code: Option<String>,
    pub tos_agreement: bool,
    pub risk_rating: String,
    pub credit_limit: Money,
    pub available_credit: Money,
    pub air: Rate,
    pub security_qid: u32,
    pub security_answer: String,
    pub email: String,
    pub card_number: String,
    pub mobile: Option<String>,
    pub authorized_users: Vec<AuthorizedUser>,
    /// `YYYY-MM-DD`.
    pub creation_date: String,
    pub originating_merchant_id: String,
    pub originating_merchant_name: String,
    pub address_1: String,
    pub address_2: String,
    pub city: String,
    pub payment_protection: bool,
}

impl Account {
    pub fn category(&self) -> Category {
        Category::of_risk(&self.risk_rating)
    }
}

/// Lower case, French accents dropped: how names compare (`Cote` finds `Côté`).
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// `first.last@example.com`, lower case, accents dropped.
fn email_of(first: &str, last: &str) -> String {
    let local = |s: &str| -> String {
        fold(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    };
    format!("{}.{}@example.com", local(first), local(last))
}

/// The city of a seeded postal code (the table gives none; the emulator's own).
fn city_of(postal_code: &str) -> &'static str {
    match postal_code.get(..3).unwrap_or_default() {
        "K1A" => "OTTAWA",
        "K7L" => "KINGSTON",
        "H2X" | "H3A" => "MONTRÉAL",
        "G1R" | "G1V" => "QUÉBEC",
        "V6B" => "VANCOUVER",
        "T2P" => "CALGARY",
        _ => "TORONTO",
    }
}

/// The defaults of the seeded accounts: consumer, en-CA, N `NNOR`, terms accepted, risk
/// M, limit = available 2000.00, AIR 0.2999, question 6 `Rainbow`, the default email and
/// card `10700152` + the account's last 8 digits. The table gives no address, creation
/// date or originating merchant: the emulator's own are `123 ANY STREET` (the reference's
/// example), the postal code's city, 2024-01-15 and merchant `12345` ACME Jewellers; no
/// payment protection.
fn base(number: u64, customer_id: &str, name: (&str, &str), dob: &str, postal: &str) -> Account {
    let (postal_code, province) = postal.split_once(' ').unwrap_or((postal, "ON"));
    let digits = format!("{number:08}");
    Account {
        account_number: number,
        customer_id: customer_id.to_owned(),
        first_name: name.0.to_owned(),
        last_name: name.1.to_owned(),
        dob: dob.to_owned(),
        postal_code: postal_code.to_owned(),
        province: province.to_owned(),
        account_type: "consumer".into(),
        preferred_language: "en-CA".into(),
        account_status: "N".into(),
        account_status_reason_code: Some("NNOR".into()),
        tos_agreement: true,
        risk_rating: "M".into(),
        credit_limit: Money::from_cents(200_000),
        available_credit: Money::from_cents(200_000),
        air: Rate::from_ten_thousandths(2999),
        security_qid: 6,
        security_answer: "Rainbow".into(),
        email: email_of(name.0, name.1),
        card_number: format!("10700152{}", &digits[digits.len() - 8..]),
        mobile: None,
        authorized_users: Vec::new(),
        creation_date: "2024-01-15".into(),
        originating_merchant_id: "12345".into(),
        originating_merchant_name: "ACME Jewellers".into(),
        address_1: "123 ANY STREET".into(),
        address_2: String::new(),
        city: city_of(postal_code).into(),
        payment_protection: false,
    }
}

fn limits(account: &mut Account, limit: i64, available: i64) {
    account.credit_limit = Money::from_cents(limit);
    account.available_credit = Money::from_cents(available);
}

fn status(account: &mut Account, status: &str, reason: Option<&str>) {
    account.account_status = status.into();
    account.account_status_reason_code = reason.map(Into::into);
}

/// A status account: number, customer id, name, dob, postal code and province, status,
/// reason.
type StatusSeed = (
    u64,
    &'static str,
    (&'static str, &'static str),
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

/// The seeded accounts of `purchase.md`, in its table's order. The status accounts'
/// customer ids (500006-500010) are the emulator's own: the table gives none.
pub fn seeded_accounts() -> Vec<Account> {
    let mut accounts = Vec::new();

    let mut a = base(
        116994755,
        "500001",
        ("Flexiti", "MITester"),
        "1985-03-14",
        "M5J2H7 ON",
    );
    a.risk_rating = "L".into();
    limits(&mut a, 1_500_000, 1_400_000);
    a.air = Rate::from_ten_thousandths(3099);
    a.card_number = "1070015210367982".into();
    a.mobile = Some("4165550101".into());
    accounts.push(a);

    let mut a = base(
        123456789,
        "123321",
        ("John", "Smith"),
        "1900-01-01",
        "M1M1M1 ON",
    );
    a.preferred_language = "fr-CA".into();
    a.risk_rating = "H".into();
    limits(&mut a, 100_000, 65_951);
    a.card_number = "1070015212345941".into();
    a.creation_date = "2019-05-15".into();
    a.mobile = Some("4165550102".into());
    accounts.push(a);

    let mut a = base(
        234567890,
        "123412",
        ("John", "Smith"),
        "1900-01-01",
        "K1A0B1 ON",
    );
    a.account_type = "business".into();
    status(&mut a, "F", Some("FLCK"));
    a.risk_rating = "Y".into();
    limits(&mut a, 100_000, 84_700);
    a.card_number = "1070015223456457".into();
    a.creation_date = "2019-04-15".into();
    a.originating_merchant_id = "23456".into();
    a.originating_merchant_name = "ACME Restorations".into();
    a.mobile = Some("4165550102".into());
    accounts.push(a);

    let mut a = base(
        300000001,
        "500002",
        ("Sophie", "Gagnon"),
        "1990-06-21",
        "H2X1Y4 QC",
    );
    a.preferred_language = "fr-CA".into();
    limits(&mut a, 500_000, 500_000);
    a.security_qid = 7;
    a.security_answer = "rue Principale".into();
    a.mobile = Some("5145550103".into());
    accounts.push(a);

    let mut a = base(
        300000002,
        "500003",
        ("Luc", "Bouchard"),
        "1978-11-02",
        "G1R2K7 QC",
    );
    a.preferred_language = "fr-CA".into();
    a.risk_rating = "Z".into();
    a.mobile = Some("4185550104".into());
    accounts.push(a);

    let mut a = base(
        300000003,
        "500004",
        ("Priya", "Patel"),
        "1995-02-28",
        "V6B1A1 BC",
    );
    a.risk_rating = "Y".into();
    a.security_qid = 9;
    a.security_answer = "Casablanca".into();
    a.mobile = Some("6045550105".into());
    accounts.push(a);

    // No mobile: an sms verification answers 400 `sms_not_valid_phone`.
    let a = base(
        300000004,
        "500005",
        ("Daniel", "Roy"),
        "1982-09-09",
        "T2P1J9 AB",
    );
    accounts.push(a);

    let mut a = base(
        20035156,
        "700001",
        ("Martin", "Côté"),
        "1972-10-10",
        "M5V2T6 ON",
    );
    a.account_type = "business".into();
    a.risk_rating = "L".into();
    limits(&mut a, 1_000_000, 1_000_000);
    a.security_qid = 8;
    a.security_answer = "Mme Roy".into();
    a.mobile = Some("4165550111".into());
    a.authorized_users.push(AuthorizedUser {
        customer_id: "700001-2".into(),
        first_name: "Julie".into(),
        last_name: "Côté".into(),
        dob: "1992-04-12".into(),
        postal_code: "M5V2T6".into(),
        province: "ON".into(),
        security_qid: 4,
        security_answer: "Max".into(),
        email: email_of("Julie", "Côté"),
        card_number: "1234567890101213".into(),
        mobile: Some("4165550112".into()),
    });
    accounts.push(a);

    let statuses: [StatusSeed; 5] = [
        (
            300000005,
            "500006",
            ("Karen", "Lee"),
            "1970-01-15",
            "M5J2H7 ON",
            "A",
            Some("AAUT"),
        ),
        (
            300000006,
            "500007",
            ("Tom", "Wilson"),
            "1966-05-30",
            "M5J2H7 ON",
            "F",
            Some("FFRD"),
        ),
        (
            300000007,
            "500008",
            ("Nadia", "Haddad"),
            "1988-12-01",
            "H3A1B9 QC",
            "Z",
            Some("ZCCO"),
        ),
        (
            300000008,
            "500009",
            ("Marc", "Lavoie"),
            "1975-07-07",
            "G1V4M6 QC",
            "C",
            None,
        ),
        (
            300000009,
            "500010",
            ("Emma", "Brown"),
            "2001-03-03",
            "K7L3N6 ON",
            "N",
            Some("NNOR"),
        ),
    ];
    for (number, id, name, dob, postal, st, reason) in statuses {
        let mut a = base(number, id, name, dob, postal);
        status(&mut a, st, reason);
        a.mobile = Some("4165550199".into());
        if number == 300000009 {
            a.tos_agreement = false;
        }
        accounts.push(a);
    }
    accounts
}

/// What an approved `/apply` gives the world: an account usable at once.
pub struct ApprovedApplication<'a> {
    pub account_number: u64,
    pub customer_id: &'a str,
    pub input: &'a pos_core::application::ApplicationInput,
    pub risk_rating: &'a str,
    pub limit: Money,
    pub card_ending_in: &'a str,
    /// `YYYY-MM-DD` on the emulator's clock.
    pub today: String,
}

impl ApprovedApplication<'_> {
    /// Status N, the application's risk, limit = available, AIR 0.2999, the applicant's
    /// question, answer, phone, email, province, address and language, and a card
    /// ending in the approval's `card_ending_in`.
    pub fn account(&self) -> Account {
        let text = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_owned();
        let input = self.input;
        let postal = pos_core::rules::normalize_postal_code(&text(&input.postal_code))
            .unwrap_or_else(|_| text(&input.postal_code));
        let mut account = base(
            self.account_number,
            self.customer_id,
            (&text(&input.first_name), &text(&input.last_name)),
            &text(&input.dob),
            &postal,
        );
        account.province = text(&input.province).to_ascii_uppercase();
        account.preferred_language = match text(&input.lang).as_str() {
            "fr" | "fr-CA" => "fr-CA".into(),
            _ => "en-CA".into(),
        };
        account.risk_rating = self.risk_rating.to_owned();
        account.credit_limit = self.limit;
        account.available_credit = self.limit;
        account.security_qid = text(&input.security_qid).parse().unwrap_or(0);
        account.security_answer = text(&input.security_answer);
        account.email = text(&input.email);
        account.mobile = pos_core::rules::normalize_phone(&text(&input.phone_number)).ok();
        let middle = format!("{:04}", self.account_number % 10_000);
        account.card_number = format!("10700152{middle}{}", self.card_ending_in);
        account.creation_date = self.today.clone();
        account.address_1 = text(&input.address_1);
        account.address_2 = text(&input.address_2);
        account.city = text(&input.city).to_uppercase();
        account.payment_protection = input.insurance == Some(true);
        account
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_differences_follow_the_table() {
        let accounts = seeded_accounts();
        assert_eq!(accounts.len(), 13);
        let find = |n: u64| accounts.iter().find(|a| a.account_number == n).unwrap();
        let roy = find(300000004);
        assert_eq!(roy.card_number, "1070015200000004");
        assert_eq!(roy.email, "daniel.roy@example.com");
        assert_eq!(roy.mobile, None);
        assert_eq!(roy.available_credit, Money::from_cents(200_000));
        assert_eq!(find(20035156).email, "martin.cote@example.com");
        assert_eq!(find(20035156).card_number, "1070015220035156");
        assert_eq!(find(300000003).category(), Category::Standard);
        assert_eq!(find(123456789).category(), Category::Premium);
        assert!(!find(300000009).tos_agreement);
        assert_eq!(find(300000008).account_status_reason_code, None);
        assert_eq!(find(300000007).province, "QC");
    }

    #[test]
    fn the_store_rules_cover_the_registered_stores() {
        let ids: Vec<&str> = STORE_RULES.iter().map(|s| s.id).collect();
        assert_eq!(ids, crate::data::STORES);
        let montreal = STORE_RULES.iter().find(|s| s.province == "QC").unwrap();
        assert!(!montreal.holds_allowed && !montreal.business_accounts);
    }

    #[test]
    fn eligibility_is_by_category_and_the_customers_province() {
        use Category::*;
        assert!(Eligibility::All.admits(Standard, "QC"));
        assert!(!Eligibility::Prime.admits(Standard, "ON"));
        assert!(Eligibility::PrimeNotQuebec.admits(Premium, "ON"));
        assert!(!Eligibility::PrimeNotQuebec.admits(Premium, "QC"));
        assert!(Eligibility::PrimeQuebec.admits(Preferred, "QC"));
        assert!(!Eligibility::PrimeQuebec.admits(Preferred, "BC"));
        assert!(!Eligibility::PrimeQuebec.admits(Standard, "QC"));
    }
}
