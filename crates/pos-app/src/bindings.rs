//! The files generated from the Rust that defines them, so nothing is written twice:
//! `ui/src/bindings.ts` (every IPC type, the error code union, the typed command client),
//! `ui/src/lib/fields.generated.ts` (the application's fields, from [`pos_core::Field`]) and
//! the window's capability `src-tauri/capabilities/default.json` (exactly the declared
//! commands). The `surface_files` tests fail when any of them is stale.

use pos_core::{Field, FieldKind, Requirement, Section};

/// The UI's kind of input for a field (the UI needs fewer kinds than the rules do).
fn ui_kind(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text | FieldKind::Sin | FieldKind::PostalCode | FieldKind::Code => "text",
        FieldKind::Email => "email",
        FieldKind::Tel => "tel",
        FieldKind::Date => "date",
        FieldKind::Money => "money",
        FieldKind::Integer => "integer",
        FieldKind::Select | FieldKind::DependentSelect => "select",
        FieldKind::Checkbox => "checkbox",
    }
}

/// The on-screen keyboard a field asks for.
fn input_mode(kind: FieldKind) -> Option<&'static str> {
    match kind {
        FieldKind::Date | FieldKind::Sin | FieldKind::Integer => Some("numeric"),
        FieldKind::Money => Some("decimal"),
        FieldKind::Tel => Some("tel"),
        FieldKind::Email => Some("email"),
        _ => None,
    }
}

fn quoted_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|name| format!("'{name}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ui/src/lib/fields.generated.ts`: the fields the rep edits, how each is shown, and the
/// sections of the form.
pub fn typescript_fields() -> String {
    let form: Vec<Field> = Field::ALL
        .iter()
        .copied()
        .filter(|f| f.section() != Section::Terminal)
        .collect();
    let mut out = String::from(
        "// Generated from crates/pos-core/src/field.rs by the `bindings_are_current` test.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p pos-app --test it surface_files`.\n\n\
         /** How an input behaves. */\n\
         export type FieldKind = 'text' | 'email' | 'tel' | 'date' | 'money' | 'integer' | 'select' | 'checkbox';\n\n\
         export interface FieldSpec {\n\
         \x20 readonly name: string;\n\
         \x20 readonly kind: FieldKind;\n\
         \x20 /** Shown with \"(optional)\" next to the label. */\n\
         \x20 readonly optional?: boolean;\n\
         \x20 /** The characters the input takes. */\n\
         \x20 readonly maxLength?: number;\n\
         \x20 /** The on-screen keyboard hint. */\n\
         \x20 readonly inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';\n\
         \x20 /** The FormData list that feeds this select (same name as the field). */\n\
         \x20 readonly list?: string;\n\
         }\n\n\
         /** Every field the rep edits, by name. */\n\
         export const FIELD_SPECS: Readonly<Record<string, FieldSpec>> = {\n",
    );
    for field in &form {
        let mut parts = vec![
            format!("name: '{}'", field.name()),
            format!("kind: '{}'", ui_kind(field.kind())),
        ];
        if field.requirement() == Requirement::Optional {
            parts.push("optional: true".into());
        }
        if let Some(max) = field.max_length() {
            parts.push(format!("maxLength: {max}"));
        }
        if let Some(mode) = input_mode(field.kind()) {
            parts.push(format!("inputMode: '{mode}'"));
        }
        if field.kind() == FieldKind::Select {
            parts.push(format!("list: '{}'", field.name()));
        }
        out.push_str(&format!(
            "  {}: {{ {} }},\n",
            field.name(),
            parts.join(", ")
        ));
    }
    out.push_str("};\n\n/** Every field the rep edits, in screen order. */\n");
    out.push_str(&format!(
        "export const FORM_FIELDS: readonly string[] = [{}];\n\n",
        quoted_list(form.iter().map(|f| f.name()))
    ));
    for (name, doc, plain) in [
        (
            "SECTIONS",
            "The form's sections laid out as plain lists of inputs, in screen order.",
            true,
        ),
        (
            "BLOCKS",
            "The form's other parts (disclosures, terms, amount) and their fields.",
            false,
        ),
    ] {
        out.push_str(&format!("/** {doc} */\nexport const {name} = {{\n"));
        for section in Section::ALL {
            if section == Section::Terminal || section.is_plain() != plain {
                continue;
            }
            let names = form
                .iter()
                .filter(|f| f.section() == section)
                .map(|f| f.name());
            out.push_str(&format!(
                "  {}: [{}],\n",
                section.name(),
                quoted_list(names)
            ));
        }
        out.push_str("} as const satisfies Record<string, readonly string[]>;\n\n");
    }
    out.push_str("export type SectionName = keyof typeof SECTIONS;\nexport type BlockName = keyof typeof BLOCKS;\n");
    out
}

/// `src-tauri/capabilities/default.json`: the main window may call every declared command
/// ([`crate::commands::COMMANDS`]) and nothing else.
pub fn capability_json() -> String {
    let permissions: Vec<String> = crate::commands::COMMANDS
        .iter()
        .map(|command| command.permission())
        .collect();
    let capability = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "default",
        "description": "The main window may call our own commands, and nothing else. Generated from crates/pos-app/src/commands/list.rs: do not edit.",
        "windows": ["main"],
        "permissions": permissions,
    });
    let mut text = serde_json::to_string_pretty(&capability).unwrap_or_default();
    text.push('\n');
    text
}
