//! Stable error codes, declared once per crate by [`error_codes!`](crate::error_codes):
//! the enum, the list of all its codes and their text come from one table, so no code can
//! be sent without being listed, and the test that every code has a sentence in both
//! locales reads that list.

/// Declares an enum of stable codes: `error_codes! { pub enum ErrorCode { Busy = "busy", ... } }`
/// gives the enum with `ALL` and `as_str`, and `Display` as the code.
#[macro_export]
macro_rules! error_codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as the UI and the logs see it (snake_case).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The code with this text, if there is one.
            pub fn parse(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|code| code.as_str() == text)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::error_codes! {
        /// A test table.
        enum Sample {
            /// First.
            One = "one",
            Two = "two_words",
        }
    }

    #[test]
    fn all_lists_every_code_and_text_round_trips() {
        assert_eq!(Sample::ALL, &[Sample::One, Sample::Two]);
        for code in Sample::ALL {
            assert_eq!(Sample::parse(code.as_str()), Some(*code));
            assert_eq!(code.to_string(), code.as_str());
        }
        assert_eq!(Sample::parse("three"), None);
        assert_eq!(Sample::Two.as_str(), "two_words");
    }
}
