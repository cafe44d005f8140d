//! The files generated from the Rust declarations are current (`UPDATE_BINDINGS=1`
//! rewrites them): `ui/src/bindings.ts`, `ui/src/lib/fields.generated.ts` and the window's
//! capability, which must allow exactly the declared commands, nothing more, nothing less.

use pos_app::commands::COMMANDS;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn check_generated(relative: &str, expected: &str) {
    let path = format!("{ROOT}/{relative}");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, expected).expect("write generated file");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{relative} is stale: run `UPDATE_BINDINGS=1 cargo test -p pos-app --test it surface_files`"
    );
}

#[test]
fn bindings_are_current() {
    check_generated("ui/src/bindings.ts", &pos_app::dto::typescript_bindings());
    check_generated(
        "ui/src/lib/fields.generated.ts",
        &pos_app::bindings::typescript_fields(),
    );
    check_generated(
        "src-tauri/capabilities/default.json",
        &pos_app::bindings::capability_json(),
    );
}

#[test]
fn the_capability_allows_exactly_the_declared_commands() {
    let path = format!("{ROOT}/src-tauri/capabilities/default.json");
    let text = std::fs::read_to_string(&path).expect("capability file");
    let capability: serde_json::Value = serde_json::from_str(&text).expect("capability JSON");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    let declared: Vec<String> = COMMANDS.iter().map(|c| c.permission()).collect();
    assert_eq!(
        granted, declared,
        "src-tauri/capabilities/default.json must list allow-<command> for every command of \
         crates/pos-app/src/commands/list.rs, in its order, and nothing else"
    );
}

#[test]
fn every_command_of_the_list_has_a_typed_client_method() {
    let bindings = pos_app::dto::typescript_bindings();
    for command in COMMANDS {
        let needle = format!("  {}: (", command.ts_name());
        assert!(
            bindings.contains(&needle),
            "no client method for {}",
            command.name
        );
        assert!(bindings.contains("invoke<"), "typed invoke");
        assert!(
            bindings.contains(&format!("'{}'", command.name)),
            "{} is not invoked by its name",
            command.name
        );
    }
}
