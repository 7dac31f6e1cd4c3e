//! A structural diff of two JSON objects. Lists whose items all carry a unique `name`
//! (templates, DAG tasks, steps, parameters, env, volumes, volumeMounts, containers) are matched
//! by name, not position, so reordering is no change; an item removed and another added with the
//! same content under a new name is one rename.

use serde::Serialize;
use serde_json::{Map, Value};

/// What happened at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Renamed,
}

/// One change: a JSON pointer into the new object (into the old one for removals) and the
/// values on both sides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub pointer: String,
    pub change: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The changes that turn `old` into `new`, in document order.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", "", old, new, &mut out);
    out
}

fn walk(old_ptr: &str, new_ptr: &str, old: &Value, new: &Value, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => objects(old_ptr, new_ptr, a, b, out),
        (Value::Array(a), Value::Array(b)) => match (names(a), names(b)) {
            (Some(na), Some(nb)) => keyed(old_ptr, new_ptr, a, b, &na, &nb, out),
            _ if a.len() == b.len() => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    walk(
                        &format!("{old_ptr}/{i}"),
                        &format!("{new_ptr}/{i}"),
                        x,
                        y,
                        out,
                    );
                }
            }
            _ => out.push(changed(new_ptr, old, new)),
        },
        _ => out.push(changed(new_ptr, old, new)),
    }
}

fn changed(ptr: &str, old: &Value, new: &Value) -> Change {
    Change {
        pointer: ptr.to_string(),
        change: ChangeKind::Changed,
        old: Some(old.clone()),
        new: Some(new.clone()),
    }
}

fn objects(
    old_ptr: &str,
    new_ptr: &str,
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    out: &mut Vec<Change>,
) {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (op, np) = (
            format!("{old_ptr}/{}", token(k)),
            format!("{new_ptr}/{}", token(k)),
        );
        match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) => walk(&op, &np, x, y, out),
            (Some(x), None) => out.push(Change {
                pointer: op,
                change: ChangeKind::Removed,
                old: Some(x.clone()),
                new: None,
            }),
            (None, Some(y)) => out.push(Change {
                pointer: np,
                change: ChangeKind::Added,
                old: None,
                new: Some(y.clone()),
            }),
            (None, None) => {}
        }
    }
}

/// The `name` of every item, when every item is an object with a distinct one.
fn names(items: &[Value]) -> Option<Vec<&str>> {
    let names: Option<Vec<&str>> = items
        .iter()
        .map(|v| v.get("name").and_then(Value::as_str))
        .collect();
    let names = names?;
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == names.len() && !names.is_empty()).then_some(names)
}

/// An item without its name, and with its name spelt `to` inside string values that embed it
/// (job ids embed the task name), to recognise a rename.
fn unnamed(v: &Value, name: &str, to: &str) -> Value {
    fn rewrite(v: &mut Value, name: &str, to: &str) {
        match v {
            // A string that is the name refers to something else of that name: left alone.
            Value::String(s) if !name.is_empty() && s != name && s.contains(name) => {
                *s = s.replace(name, to)
            }
            Value::Array(items) => items.iter_mut().for_each(|i| rewrite(i, name, to)),
            Value::Object(map) => map.values_mut().for_each(|i| rewrite(i, name, to)),
            _ => {}
        }
    }
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("name");
    }
    rewrite(&mut v, name, to);
    v
}

#[allow(clippy::too_many_arguments)]
fn keyed(
    old_ptr: &str,
    new_ptr: &str,
    a: &[Value],
    b: &[Value],
    na: &[&str],
    nb: &[&str],
    out: &mut Vec<Change>,
) {
    let mut removed: Vec<usize> = (0..a.len()).filter(|&i| !nb.contains(&na[i])).collect();
    for (j, y) in b.iter().enumerate() {
        let np = format!("{new_ptr}/{j}");
        if let Some(i) = na.iter().position(|n| *n == nb[j]) {
            walk(&format!("{old_ptr}/{i}"), &np, &a[i], y, out);
            continue;
        }
        // A removed item with the same content is this one renamed.
        let same = removed
            .iter()
            .position(|&i| unnamed(&a[i], na[i], nb[j]) == unnamed(y, "", ""));
        match same {
            Some(k) => {
                let i = removed.remove(k);
                out.push(Change {
                    pointer: format!("{np}/name"),
                    change: ChangeKind::Renamed,
                    old: Some(Value::String(na[i].to_string())),
                    new: Some(Value::String(nb[j].to_string())),
                });
            }
            None => out.push(Change {
                pointer: np,
                change: ChangeKind::Added,
                old: None,
                new: Some(y.clone()),
            }),
        }
    }
    for i in removed {
        out.push(Change {
            pointer: format!("{old_ptr}/{i}"),
            change: ChangeKind::Removed,
            old: Some(a[i].clone()),
            new: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reordered_named_items_are_no_change() {
        let a = json!({"templates": [{"name": "a", "x": 1}, {"name": "b", "x": 2}]});
        let b = json!({"templates": [{"name": "b", "x": 2}, {"name": "a", "x": 1}]});
        assert!(diff(&a, &b).is_empty());
    }

    #[test]
    fn named_items_are_matched_by_name() {
        let a = json!({"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]});
        let b = json!({"env": [{"name": "B", "value": "3"}, {"name": "A", "value": "1"}, {"name": "C", "value": "4"}]});
        let d = diff(&a, &b);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].pointer, "/env/0/value");
        assert_eq!(d[0].old, Some(json!("2")));
        assert_eq!(d[0].new, Some(json!("3")));
        assert_eq!(
            (d[1].pointer.as_str(), d[1].change),
            ("/env/2", ChangeKind::Added)
        );
    }

    #[test]
    fn a_rename_is_one_change() {
        let a =
            json!({"tasks": [{"name": "old", "template": "t"}, {"name": "keep", "template": "k"}]});
        let b =
            json!({"tasks": [{"name": "keep", "template": "k"}, {"name": "new", "template": "t"}]});
        let d = diff(&a, &b);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].change, ChangeKind::Renamed);
        assert_eq!(d[0].pointer, "/tasks/1/name");
        assert_eq!(
            (d[0].old.clone(), d[0].new.clone()),
            (Some(json!("old")), Some(json!("new")))
        );
    }

    #[test]
    fn a_rename_that_shows_in_the_item_is_still_one_change() {
        let a = json!({"tasks": [{"name": "report", "id": "{{workflow.uid}}-report", "ref": "report"}]});
        let b = json!({"tasks": [{"name": "summary", "id": "{{workflow.uid}}-summary", "ref": "report"}]});
        let d = diff(&a, &b);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].change, ChangeKind::Renamed);
    }

    #[test]
    fn a_rename_with_other_changes_is_a_removal_and_an_addition() {
        let a = json!({"tasks": [{"name": "old", "template": "t"}]});
        let b = json!({"tasks": [{"name": "new", "template": "u"}]});
        let kinds: Vec<ChangeKind> = diff(&a, &b).iter().map(|c| c.change).collect();
        assert_eq!(kinds, [ChangeKind::Added, ChangeKind::Removed]);
    }

    #[test]
    fn unnamed_lists_compare_by_position_and_keys_are_escaped() {
        let a = json!({"args": ["a", "b"], "labels": {"x/y": "1"}});
        let b = json!({"args": ["a", "c"], "labels": {"x/y": "2"}});
        let d = diff(&a, &b);
        assert_eq!(d[0].pointer, "/args/1");
        assert_eq!(d[1].pointer, "/labels/x~1y");
        let b = json!({"args": ["a"], "labels": {"x/y": "1"}});
        assert_eq!(diff(&a, &b)[0].pointer, "/args");
    }
}
