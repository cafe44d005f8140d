//! Typed requests and responses, one module per endpoint. Readers are tolerant: unknown
//! fields are ignored, ids and amounts may be strings or numbers, option lists may take
//! any of the contract's three shapes.

/// `Debug` for a type that carries an applicant's personal data (or an account number):
/// the type's name and `..`, never a value, so a `{:?}` in a log line cannot leak it.
macro_rules! personal_debug {
    ($($ty:ident),+ $(,)?) => {$(
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty)).finish_non_exhaustive()
            }
        }
    )+};
}
pub mod apply;
pub mod customer;
pub mod i18n;
pub mod licence;
pub mod login;
pub mod options;
pub mod purchase;
pub mod quote;
pub mod terms;
pub mod token;
pub mod verify;

/// The language of a call (`?lang=`): the one language type of every crate.
pub use pos_core::Lang;
