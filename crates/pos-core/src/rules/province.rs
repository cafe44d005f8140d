//! Provinces and territories, because the age of majority, the first letter of a postal
//! code and Quebec's own terms all depend on where the applicant lives.

use std::fmt;

/// The thirteen provinces and territories, by their two-letter postal abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Province {
    AB,
    BC,
    MB,
    NB,
    NL,
    NS,
    NT,
    NU,
    ON,
    PE,
    QC,
    SK,
    YT,
}

impl Province {
    /// Every province and territory, in alphabetical order of code.
    pub const ALL: [Province; 13] = [
        Province::AB,
        Province::BC,
        Province::MB,
        Province::NB,
        Province::NL,
        Province::NS,
        Province::NT,
        Province::NU,
        Province::ON,
        Province::PE,
        Province::QC,
        Province::SK,
        Province::YT,
    ];

    /// The two-letter code, e.g. `"ON"`.
    pub fn code(self) -> &'static str {
        match self {
            Province::AB => "AB",
            Province::BC => "BC",
            Province::MB => "MB",
            Province::NB => "NB",
            Province::NL => "NL",
            Province::NS => "NS",
            Province::NT => "NT",
            Province::NU => "NU",
            Province::ON => "ON",
            Province::PE => "PE",
            Province::QC => "QC",
            Province::SK => "SK",
            Province::YT => "YT",
        }
    }

    /// The province for an exact uppercase code (surrounding whitespace ignored).
    /// `"on"` is not a code: the form sends codes from its option list, never typed text.
    pub fn from_code(s: &str) -> Option<Province> {
        let s = s.trim();
        Province::ALL.into_iter().find(|p| p.code() == s)
    }

    /// The age of majority: 18 in AB MB ON PE QC SK, 19 in BC NB NL NS NT NU YT.
    pub fn age_of_majority(self) -> u32 {
        match self {
            Province::AB | Province::MB | Province::ON | Province::PE | Province::QC => 18,
            Province::SK => 18,
            Province::BC | Province::NB | Province::NL | Province::NS => 19,
            Province::NT | Province::NU | Province::YT => 19,
        }
    }

    /// The first letters of postal codes in this province (Canada Post's forward
    /// sortation areas): A NL, B NS, C PE, E NB, G H J QC, K L M N P ON, R MB, S SK,
    /// T AB, V BC, X NT and NU, Y YT.
    pub fn postal_first_letters(self) -> &'static [char] {
        match self {
            Province::NL => &['A'],
            Province::NS => &['B'],
            Province::PE => &['C'],
            Province::NB => &['E'],
            Province::QC => &['G', 'H', 'J'],
            Province::ON => &['K', 'L', 'M', 'N', 'P'],
            Province::MB => &['R'],
            Province::SK => &['S'],
            Province::AB => &['T'],
            Province::BC => &['V'],
            Province::NT | Province::NU => &['X'],
            Province::YT => &['Y'],
        }
    }

    /// Quebec has its own rules (QCPA disclosure, its own terms and conditions group).
    pub fn is_quebec(self) -> bool {
        self == Province::QC
    }
}

impl fmt::Display for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_code_round_trips() {
        for p in Province::ALL {
            assert_eq!(Province::from_code(p.code()), Some(p));
            assert_eq!(Province::from_code(&format!(" {} ", p.code())), Some(p));
            assert_eq!(p.to_string(), p.code());
        }
    }

    #[test]
    fn province_from_code_is_exact_uppercase() {
        assert_eq!(Province::from_code("on"), None);
        assert_eq!(Province::from_code("On"), None);
        assert_eq!(Province::from_code("ONT"), None);
        assert_eq!(Province::from_code("Ontario"), None);
        assert_eq!(Province::from_code(""), None);
        assert_eq!(Province::from_code("PQ"), None);
    }

    #[test]
    fn age_of_majority_table() {
        use Province::*;
        for p in [AB, MB, ON, PE, QC, SK] {
            assert_eq!(p.age_of_majority(), 18, "{p}");
        }
        for p in [BC, NB, NL, NS, NT, NU, YT] {
            assert_eq!(p.age_of_majority(), 19, "{p}");
        }
    }

    #[test]
    fn postal_first_letter_table() {
        use Province::*;
        let expect: [(char, &[Province]); 18] = [
            ('A', &[NL]),
            ('B', &[NS]),
            ('C', &[PE]),
            ('E', &[NB]),
            ('G', &[QC]),
            ('H', &[QC]),
            ('J', &[QC]),
            ('K', &[ON]),
            ('L', &[ON]),
            ('M', &[ON]),
            ('N', &[ON]),
            ('P', &[ON]),
            ('R', &[MB]),
            ('S', &[SK]),
            ('T', &[AB]),
            ('V', &[BC]),
            ('X', &[NT, NU]),
            ('Y', &[YT]),
        ];
        for (letter, provinces) in expect {
            let found: Vec<Province> = Province::ALL
                .into_iter()
                .filter(|p| p.postal_first_letters().contains(&letter))
                .collect();
            assert_eq!(found, provinces, "{letter}");
        }
        // Every province has at least one letter, and only these 18 letters are used.
        let total: usize = Province::ALL
            .iter()
            .map(|p| p.postal_first_letters().len())
            .sum();
        assert_eq!(total, 19); // X counted twice (NT and NU)
    }

    #[test]
    fn only_quebec_is_quebec() {
        for p in Province::ALL {
            assert_eq!(p.is_quebec(), p == Province::QC);
        }
    }
}
