//! Typed requests and responses, one module per endpoint. Readers are tolerant: unknown
//! fields are ignored, ids and amounts may be strings or numbers, option lists may take
//! any of the contract's three shapes.

pub mod apply;
pub mod i18n;
pub mod licence;
pub mod login;
pub mod options;
pub mod terms;
pub mod token;

/// The language of a call (`?lang=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}
