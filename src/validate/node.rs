//! Reading an Argo manifest tree leniently: every accessor returns nothing for a missing or
//! mistyped value, so a rule never panics on what the schema check already reported.

use crate::diagnostics::{Code, Diagnostic, FileId, Origin};
use crate::source::syntax::{Node, ScalarKind, Value};

/// A node and its JSON pointer in the document.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub node: &'a Node,
    pub ptr: &'a str,
}

/// The JSON pointer of `key` under `ptr` (`~` and `/` escaped).
pub fn child(ptr: &str, key: &str) -> String {
    let mut out = String::with_capacity(ptr.len() + key.len() + 1);
    out.push_str(ptr);
    out.push('/');
    if key.contains(['~', '/']) {
        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        out.push_str(key);
    }
    out
}

/// The JSON pointer of item `i` under `ptr`.
pub fn item(ptr: &str, i: usize) -> String {
    format!("{ptr}/{i}")
}

/// The text of a scalar that is not null (numbers and booleans as written).
pub fn text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar(s) if s.kind != ScalarKind::Null => Some(s.text.as_str()),
        _ => None,
    }
}

/// An integer as Kubernetes reads it (YAML 1.1: `0755` is octal, `1_000` is 1000).
pub fn int(node: &Node) -> Option<i64> {
    let s = node.as_scalar()?;
    let digits = s.text.replace('_', "");
    let (negative, unsigned) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits.strip_prefix('+').unwrap_or(&digits)),
    };
    let value = if !s.plain {
        unsigned.parse::<i64>().ok()?
    } else if let Some(hex) = unsigned.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(oct) = unsigned.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()?
    } else if unsigned.len() > 1 && unsigned.starts_with('0') {
        i64::from_str_radix(&unsigned[1..], 8).ok()?
    } else {
        unsigned.parse::<i64>().ok()?
    };
    Some(if negative { -value } else { value })
}

/// Whether `key` is a true boolean as Kubernetes reads it (`true`, `True`, `yes`, `on`, …).
pub fn truthy(node: &Node, key: &str) -> bool {
    get(node, key).and_then(Node::as_scalar).is_some_and(|s| {
        matches!(s.kind, ScalarKind::Bool(true))
            || (s.plain
                && [
                    "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
                ]
                .contains(&s.text.as_str()))
    })
}

/// The span of the key that names the value at `ptr` (the line a person reads as "this
/// block"), when the value sits in a mapping.
pub fn key_span(root: &Node, ptr: &str) -> Option<crate::diagnostics::Span> {
    let mut node = root;
    let mut span = None;
    for raw in ptr.split('/').skip(1) {
        let seg = raw.replace("~1", "/").replace("~0", "~");
        match &node.value {
            Value::Map(entries) => {
                let e = entries.iter().find(|e| e.key == seg)?;
                span = Some(e.key_span);
                node = &e.value;
            }
            Value::Seq(items) => {
                node = items.get(seg.parse::<usize>().ok()?)?;
                span = None;
            }
            Value::Scalar(_) => return None,
        }
    }
    span
}

/// The value of `key`, unless it is absent or null.
pub fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.get(key).filter(|n| !is_null(n))
}

/// The scalar text of `key`.
pub fn str_at<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    get(node, key).and_then(text)
}

/// The items of the list at `key` (none when absent or not a list).
pub fn list<'a>(node: &'a Node, key: &str) -> &'a [Node] {
    node.get(key).and_then(Node::as_seq).unwrap_or(&[])
}

pub fn is_null(node: &Node) -> bool {
    matches!(&node.value, Value::Scalar(s) if s.kind == ScalarKind::Null)
}

/// Whether `key` is present with a non-null value.
pub fn has(node: &Node, key: &str) -> bool {
    get(node, key).is_some()
}

/// Every string scalar under `node` that holds a `{{…}}` tag, with its pointer. Iterative
/// (trees can be deep); pointers are built only for the strings returned.
pub fn strings<'a>(node: &'a Node, ptr: &str) -> Vec<(&'a Node, String)> {
    enum Seg<'a> {
        Root,
        Key(&'a str),
        Index(usize),
    }
    let mut out = Vec::new();
    let mut stack: Vec<(&'a Node, Seg<'a>, usize)> = vec![(node, Seg::Root, 0)];
    let mut owned: Vec<Seg<'a>> = Vec::new();
    while let Some((n, seg, depth)) = stack.pop() {
        owned.truncate(depth);
        owned.push(seg);
        match &n.value {
            Value::Scalar(s) => {
                if s.kind == ScalarKind::Str && s.text.contains("{{") {
                    let mut p = ptr.to_string();
                    for seg in &owned {
                        match seg {
                            Seg::Root => {}
                            Seg::Key(k) => p = child(&p, k),
                            Seg::Index(i) => p = item(&p, *i),
                        }
                    }
                    out.push((n, p));
                }
            }
            Value::Seq(items) => {
                for (i, c) in items.iter().enumerate().rev() {
                    stack.push((c, Seg::Index(i), depth + 1));
                }
            }
            Value::Map(entries) => {
                for e in entries.iter().rev() {
                    stack.push((&e.value, Seg::Key(&e.key), depth + 1));
                }
            }
        }
    }
    out
}

/// `^[a-zA-Z0-9][-a-zA-Z0-9]*$`: template, step and task names.
pub fn name_ok(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `^[-a-zA-Z0-9_]+$`: parameter and artifact names.
pub fn param_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether a value is left to be filled in at run time (`{{…}}`).
pub fn parameterised(text: &str) -> bool {
    text.contains("{{")
}

/// Collects findings for one document.
pub struct Report<'a> {
    pub file: FileId,
    pub out: &'a mut Vec<Diagnostic>,
    /// The document, to find the key that names a block.
    pub root: &'a Node,
}

impl Report<'_> {
    /// Where a finding about `at` points: a block (mapping or list) under a key points at the
    /// key, a scalar at itself.
    fn span(&self, at: &Node, ptr: &str) -> crate::diagnostics::Span {
        match &at.value {
            Value::Scalar(_) => at.span,
            _ => key_span(self.root, ptr).unwrap_or(at.span),
        }
    }

    /// A finding at a node.
    pub fn at(&mut self, code: Code, at: &Node, ptr: &str, message: impl Into<String>) {
        let origin = Origin::new(self.file, self.span(at, ptr), ptr);
        self.out.push(Diagnostic::new(code, message).at(&origin));
    }

    /// A finding at a node, with advice.
    pub fn help(
        &mut self,
        code: Code,
        at: &Node,
        ptr: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let origin = Origin::new(self.file, self.span(at, ptr), ptr);
        self.out
            .push(Diagnostic::new(code, message).at(&origin).with_help(help));
    }

    /// A finding at the key of `key` in `map` (or the map itself when the key is absent).
    pub fn key(
        &mut self,
        code: Code,
        map: &Node,
        ptr: &str,
        key: &str,
        message: impl Into<String>,
    ) {
        let span = map
            .as_map()
            .and_then(|m| m.iter().find(|e| e.key == key))
            .map_or_else(|| self.span(map, ptr), |e| e.key_span);
        let origin = Origin::new(self.file, span, child(ptr, key));
        self.out.push(Diagnostic::new(code, message).at(&origin));
    }
}
