//! Structure-aware mutations of real answers, the generator every reader's properties
//! share, kept out of `mod.rs` because it stands alone: its own types and its own test.

use super::*;

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Item(usize),
}

/// Every node's path, the root's (empty) first.
fn paths(value: &Value) -> Vec<Vec<Seg>> {
    fn walk(value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(path.clone());
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Item(i));
                    walk(item, path, out);
                    path.pop();
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    path.push(Seg::Key(key.clone()));
                    walk(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'a>(mut value: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    for seg in path {
        value = match (seg, value) {
            (Seg::Key(key), Value::Object(map)) => map.get_mut(key)?,
            (Seg::Item(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// One change to a JSON tree, at the node its index picks.
#[derive(Debug, Clone)]
enum Edit {
    /// Another value, usually of another type.
    Replace(usize, Value),
    /// A plain value of another type (`null`, `true`, `0`, `""`, `[]`, `{}`...).
    Retype(usize, Value),
    /// The member or element removed.
    Delete(usize),
    /// Raw text in its place (numbers out of range, bad escapes, broken syntax).
    Raw(usize, &'static str),
    /// An object's first member written twice, the second time with `Value`.
    DuplicateKey(usize, Value),
    /// `[node]` or `{"options": node}`.
    Wrap(usize, bool),
    /// A member renamed.
    Rename(usize, String),
}

/// One change to the bytes of the written text.
#[derive(Debug, Clone)]
enum ByteEdit {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
}

fn edit(rename: bool) -> impl Strategy<Value = Edit> {
    let rename_weight = if rename { 1 } else { 0 };
    prop_oneof![
        3 => (any::<usize>(), json_value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        3 => (any::<usize>(), select(plain_values())).prop_map(|(i, v)| Edit::Retype(i, v)),
        3 => any::<usize>().prop_map(Edit::Delete),
        2 => (any::<usize>(), select(RAW_TOKENS)).prop_map(|(i, t)| Edit::Raw(i, t)),
        1 => (any::<usize>(), json_value()).prop_map(|(i, v)| Edit::DuplicateKey(i, v)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, b)| Edit::Wrap(i, b)),
        rename_weight => (any::<usize>(), json_key()).prop_map(|(i, k)| Edit::Rename(i, k)),
    ]
}

fn plain_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(1e308),
        json!(""),
        json!(" "),
        json!("x"),
        json!([]),
        json!({}),
        json!(["x"]),
        json!({ "x": "y" }),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        2 => any::<usize>().prop_map(ByteEdit::Truncate),
        2 => (any::<usize>(), 0u8..8).prop_map(|(i, bit)| ByteEdit::Flip(i, bit)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        1 => any::<usize>().prop_map(ByteEdit::Remove),
    ]
}

/// Applies the edits to `body`, writes it, then applies the byte edits.
fn mutate(mut body: Value, edits: &[Edit], byte_edits: &[ByteEdit]) -> Vec<u8> {
    let mut raws: Vec<(String, String)> = Vec::new();
    let marker = |raws: &mut Vec<(String, String)>, text: String| {
        let marker = format!("\u{1}RAW{}\u{1}", raws.len());
        raws.push((serde_json::to_string(&marker).unwrap(), text));
        Value::String(marker)
    };
    for edit in edits {
        let all = paths(&body);
        let (Edit::Replace(at, _)
        | Edit::Retype(at, _)
        | Edit::Delete(at)
        | Edit::Raw(at, _)
        | Edit::DuplicateKey(at, _)
        | Edit::Wrap(at, _)
        | Edit::Rename(at, _)) = edit;
        let path = all[at % all.len()].clone();
        match edit {
            Edit::Replace(_, value) | Edit::Retype(_, value) => {
                if let Some(node) = node_mut(&mut body, &path) {
                    *node = value.clone();
                }
            }
            Edit::Raw(_, text) => {
                let value = marker(&mut raws, (*text).to_owned());
                if let Some(node) = node_mut(&mut body, &path) {
                    *node = value;
                }
            }
            Edit::Wrap(_, array) => {
                if let Some(node) = node_mut(&mut body, &path) {
                    let inner = node.take();
                    *node = if *array {
                        Value::Array(vec![inner])
                    } else {
                        json!({ "options": inner })
                    };
                }
            }
            Edit::DuplicateKey(_, value) => {
                let text = match node_mut(&mut body, &path) {
                    Some(Value::Object(map)) if !map.is_empty() => {
                        let first = map.keys().next().cloned().unwrap_or_default();
                        let written = serde_json::to_string(&*map).unwrap();
                        Some(format!(
                            "{{{}:{},{}",
                            serde_json::to_string(&first).unwrap(),
                            serde_json::to_string(value).unwrap(),
                            &written[1..]
                        ))
                    }
                    _ => None,
                };
                if let Some(text) = text {
                    let value = marker(&mut raws, text);
                    if let Some(node) = node_mut(&mut body, &path) {
                        *node = value;
                    }
                }
            }
            Edit::Delete(_) | Edit::Rename(..) => {
                let Some((last, parent)) = path.split_last() else {
                    continue;
                };
                let Some(parent) = node_mut(&mut body, parent) else {
                    continue;
                };
                match (parent, last, edit) {
                    (Value::Object(map), Seg::Key(key), Edit::Delete(_)) => {
                        map.shift_remove(key);
                    }
                    (Value::Object(map), Seg::Key(key), Edit::Rename(_, new)) => {
                        if let Some(value) = map.shift_remove(key) {
                            map.insert(new.clone(), value);
                        }
                    }
                    (Value::Array(items), Seg::Item(i), Edit::Delete(_)) if *i < items.len() => {
                        items.remove(*i);
                    }
                    _ => {}
                }
            }
        }
    }
    let mut text = serde_json::to_string(&body).unwrap();
    // Latest first: a later raw text may contain an earlier marker.
    for (marker, raw) in raws.iter().rev() {
        text = text.replace(marker.as_str(), raw);
    }
    let mut bytes = text.into_bytes();
    for edit in byte_edits {
        match edit {
            ByteEdit::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
            ByteEdit::Flip(at, bit) if !bytes.is_empty() => {
                let i = at % bytes.len();
                bytes[i] ^= 1 << bit;
            }
            ByteEdit::Insert(at, byte) => bytes.insert(at % (bytes.len() + 1), *byte),
            ByteEdit::Remove(at) if !bytes.is_empty() => {
                bytes.remove(at % bytes.len());
            }
            ByteEdit::Flip(..) | ByteEdit::Remove(_) => {}
        }
    }
    bytes
}

/// A real answer of `samples` with 1 to 5 edits, its status kept most of the time.
pub(super) fn mutated(samples: Vec<Sample>, rename: bool) -> impl Strategy<Value = (u16, Vec<u8>)> {
    (
        select(samples),
        prop::collection::vec(edit(rename), 0..4),
        prop::collection::vec(byte_edit(), 0..2),
        prop::option::weighted(0.1, status()),
    )
        .prop_filter("at least one edit", |(_, edits, bytes, _)| {
            !edits.is_empty() || !bytes.is_empty()
        })
        .prop_map(|(sample, edits, byte_edits, status)| {
            let bytes = mutate(sample.body, &edits, &byte_edits);
            (status.unwrap_or(sample.status), bytes)
        })
}

#[test]
fn mutations_do_what_they_say() {
    let body = json!({ "a": 1, "b": [true, "x"] });
    // Paths: root, a, b, b[0], b[1].
    assert_eq!(paths(&body).len(), 5);
    assert_eq!(
        mutate(body.clone(), &[Edit::Delete(1)], &[]),
        br#"{"b":[true,"x"]}"#
    );
    assert_eq!(
        mutate(body.clone(), &[Edit::Raw(3, "1e400")], &[]),
        br#"{"a":1,"b":[1e400,"x"]}"#
    );
    assert_eq!(
        mutate(body.clone(), &[Edit::DuplicateKey(0, json!(null))], &[]),
        br#"{"a":null,"a":1,"b":[true,"x"]}"#
    );
    assert_eq!(mutate(body, &[], &[ByteEdit::Truncate(0)]), b"");
}
