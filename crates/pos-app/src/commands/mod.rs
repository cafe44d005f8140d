//! What the one command list ([`with_commands!`](crate::with_commands)) gives the rest of
//! the app without Tauri: the list as data ([`COMMANDS`]), [`dispatch`] (a command by
//! name, JSON in and out, for the test bridge that serves the real engine to the browser
//! tests), and the typed TypeScript client the web UI calls.

/// The list itself: one `macro_rules!` (`with_commands!`), also included by src-tauri's build script.
mod list;

use serde_json::Value;
use ts_rs::TS;

use crate::dto::CommandError;
use crate::error::AppError;
use crate::Terminal;

pub use crate::engine::Access;

/// One command of the list, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    /// The name the UI invokes (snake_case, as Tauri registers it).
    pub name: &'static str,
    pub access: Access,
    /// The argument names, in order (the keys of the invoke payload).
    pub args: &'static [&'static str],
}

impl CommandSpec {
    /// The capability permission that allows this command (`allow-<kebab-name>`).
    pub fn permission(&self) -> String {
        format!("allow-{}", self.name.replace('_', "-"))
    }

    /// The method name of the TS client (`openDraft` for `open_draft`).
    pub fn ts_name(&self) -> String {
        camel_case(self.name)
    }
}

macro_rules! access_of {
    (terminal) => {
        Access::Terminal
    };
    (always) => {
        Access::Always
    };
    (admin) => {
        Access::Admin
    };
    (open) => {
        Access::Open
    };
    (signed_in) => {
        Access::SignedIn
    };
    (unlocked) => {
        Access::Unlocked
    };
}

macro_rules! command_specs {
    ($($(#[doc = $doc:literal])* $name:ident [$access:ident] ($($arg:ident : $ty:ty),*) -> $out:ty;)*) => {
        /// Every command, in the order of the list.
        pub const COMMANDS: &[CommandSpec] = &[$(CommandSpec {
            name: stringify!($name),
            access: access_of!($access),
            args: &[$(stringify!($arg)),*],
        }),*];
    };
}
crate::with_commands!(command_specs);

/// One command's call, as every caller makes it: a `terminal` command is the
/// [`Terminal`]'s own method; any other is the started engine's method of the same name
/// (or the start-up failure, when the engine did not start).
#[macro_export]
macro_rules! call_command {
    (terminal, $terminal:expr, $name:ident($($arg:expr),*)) => {
        $terminal.$name($($arg),*).await
    };
    ($access:ident, $terminal:expr, $name:ident($($arg:expr),*)) => {
        match $terminal.engine().await {
            Ok(engine) => engine.$name($($arg),*).await,
            Err(error) => Err(error),
        }
    };
}

macro_rules! command_dispatch {
    ($($(#[doc = $doc:literal])* $name:ident [$access:ident] ($($arg:ident : $ty:ty),*) -> $out:ty;)*) => {
        /// Runs one command by name, as the Tauri handler of the same name would: the
        /// arguments are the invoke payload (an object keyed by argument name), the result
        /// is the command's JSON, the error the same [`CommandError`] the window gets.
        pub async fn dispatch(terminal: &Terminal, command: &str, args: Value) -> Result<Value, CommandError> {
            // An object keyed by argument name, as Tauri's invoke sends (none: no arguments).
            let args = match args {
                Value::Null => Value::Object(Default::default()),
                Value::Object(_) => args,
                _ => return Err(AppError::BadArguments.to_command_error()),
            };
            match command {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = serde_json::from_value::<Args>(args)
                        .map_err(|_| AppError::BadArguments.to_command_error())?;
                    let output: $out = $crate::call_command!($access, terminal, $name($($arg),*))
                        .map_err(|error| error.to_command_error())?;
                    serde_json::to_value(output).map_err(|_| AppError::Internal("result".into()).to_command_error())
                })*
                _ => Err(AppError::UnknownCommand.to_command_error()),
            }
        }

        /// The typed client of every command, in TypeScript: `commands.openDraft(id)`
        /// invokes `open_draft` with `{ id }` and resolves to the declared result type.
        pub fn typescript_client() -> String {
            let mut out = String::from(
                "/** Every command of the app, typed: generated from crates/pos-app/src/commands/list.rs. */\nexport const commands = {\n",
            );
            $(
                $(out.push_str(&format!("  /**{} */\n", $doc));)*
                let params: Vec<String> = vec![$(format!("{}: {}", stringify!($arg), <$ty as TS>::name())),*];
                let keys: Vec<&str> = vec![$(stringify!($arg)),*];
                let payload = if keys.is_empty() { String::new() } else { format!(", {{ {} }}", keys.join(", ")) };
                out.push_str(&format!(
                    "  {}: ({}) => invoke<{}>('{}'{}),\n",
                    camel_case(stringify!($name)),
                    params.join(", "),
                    <$out as TS>::name(),
                    stringify!($name),
                    payload,
                ));
            )*
            out.push_str("} as const;\n");
            out
        }
    };
}
crate::with_commands!(command_dispatch);

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_map_to_permissions_and_ts_names() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len(), "a command is declared twice");
        for command in COMMANDS {
            assert!(command
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
        }
        let open = COMMANDS.iter().find(|c| c.name == "open_draft");
        let open = open.map(|c| (c.permission(), c.ts_name(), c.access, c.args));
        assert_eq!(
            open,
            Some((
                "allow-open-draft".to_owned(),
                "openDraft".to_owned(),
                Access::Unlocked,
                &["id"][..]
            ))
        );
    }
}
