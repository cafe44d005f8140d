//! Tauri's build step, with an app manifest so that the capability file can allow
//! exactly our own commands and nothing else. The command names come from the one
//! command list, included here as source: its types are only parsed, never resolved.

include!("../crates/pos-app/src/commands/list.rs");

macro_rules! command_names {
    ($($(#[doc = $doc:literal])* $name:ident [$access:ident] ($($arg:ident : $ty:ty),*) -> $out:ty;)*) => {
        &[$(stringify!($name)),*]
    };
}

fn main() {
    println!("cargo:rerun-if-changed=../crates/pos-app/src/commands/list.rs");
    let names: &[&str] = with_commands!(command_names);
    let manifest = tauri_build::AppManifest::new().commands(names);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
