//! The Tauri commands, generated from the one command list
//! (`crates/pos-app/src/commands/list.rs`): each calls the [`pos_app::Engine`] method of
//! the same name (or the [`Terminal`]'s, for the start-up commands), one call deep. They validate nothing and decide nothing; errors leave
//! as [`CommandError`] (a code and its arguments), never as a Rust `Display` string.

use pos_app::dto::CommandError;
use pos_app::{AppError, Terminal};

fn reply<T>(result: Result<T, AppError>) -> Result<T, CommandError> {
    result.map_err(|error| {
        tracing::warn!(code = error.code(), "command failed");
        error.to_command_error()
    })
}

macro_rules! tauri_commands {
    ($($(#[doc = $doc:literal])* $name:ident [$access:ident] ($($arg:ident : $ty:ty),*) -> $out:ty;)*) => {
        $(
            $(#[doc = $doc])*
            // The typed client sends each argument under its Rust name (`purchase_id`), as
            // the test bridge's `dispatch` reads it; Tauri's default would expect camelCase.
            #[tauri::command(rename_all = "snake_case")]
            pub async fn $name(
                terminal: tauri::State<'_, Terminal>,
                $($arg: $ty),*
            ) -> Result<$out, CommandError> {
                reply(pos_app::call_command!($access, terminal, $name($($arg),*)))
            }
        )*

        /// The invoke handler of every command in the list.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}
pos_app::with_commands!(tauri_commands);
