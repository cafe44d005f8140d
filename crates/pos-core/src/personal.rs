//! A wrapper for an applicant's personal data (a name, a SIN, a whole form) that can be
//! moved, stored and serialised like the value, but never printed: `Debug` and `Display`
//! write `[personal]`, so a `tracing` field, a panic message or an `{:?}` in an error can
//! not carry it into a log. The value is wiped from memory when the wrapper is dropped.

use std::fmt;

use zeroize::Zeroize;

/// What `Debug` and `Display` print instead of the value.
pub const REDACTED: &str = "[personal]";

/// Personal data of an applicant. Read it with [`Personal::expose`], on purpose.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Personal<T: Zeroize + Default>(T);

impl<T: Zeroize + Default> Personal<T> {
    pub fn new(value: T) -> Self {
        Personal(value)
    }

    /// The value itself: every call site is a place where personal data is used.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The value, leaving a wiped default behind.
    pub fn into_inner(mut self) -> T {
        std::mem::take(&mut self.0)
    }
}

impl<T: Zeroize + Default> From<T> for Personal<T> {
    fn from(value: T) -> Self {
        Personal(value)
    }
}

impl<T: Zeroize + Default> Drop for Personal<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize + Default> fmt::Debug for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize + Default> fmt::Display for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize + Default + serde::Serialize> serde::Serialize for Personal<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Zeroize + Default + serde::Deserialize<'de>> serde::Deserialize<'de> for Personal<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Personal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let name = Personal::new(String::from("Zoltan Quixote"));
        assert_eq!(format!("{name:?}"), "[personal]");
        assert_eq!(format!("{name}"), "[personal]");
        assert_eq!(format!("{:?}", Some(&name)), "Some([personal])");
        assert_eq!(name.expose(), "Zoltan Quixote");
    }

    #[test]
    fn serialises_as_the_value_for_the_screen_and_the_sealed_store() {
        let name = Personal::new(String::from("Zoé"));
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, "\"Zoé\"");
        let back: Personal<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, name);
        assert_eq!(back.into_inner(), "Zoé");
    }
}
