//! The committed TypeScript bindings match the Rust types; `UPDATE_BINDINGS=1` rewrites them.

#[test]
fn bindings_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/bindings.ts");
    let expected = pos_app::dto::typescript_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &expected).expect("write bindings");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == expected, "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p pos-app --test bindings`");
}
