//! Positions inside strings: a decoded string's bytes mapped back to the file, so that a JSON
//! document held in a heredoc, a quoted string or a `.tf.json` string reports its problems on
//! the line the user edits.

use crate::diagnostics::{Code, Diagnostic, FileId, Span};
use crate::source::syntax::{self, Node, Value};

/// For each byte of `decoded` (and one past its end), the offset in the file of the raw text it
/// came from. `raw` is the text as written (quotes, escapes, heredoc indentation included) and
/// `base` its offset in the file. Escapes (`\n`, `\"`, `\u00e9`), quotes, doubled `$${` / `%%{`
/// and stripped indentation are stepped over.
pub fn align(decoded: &str, raw: &str, base: usize) -> Vec<u32> {
    let rb = raw.as_bytes();
    let mut j = 0usize;
    let mut out = Vec::with_capacity(decoded.len() + 1);
    let at = |j: usize| u32::try_from(base + j.min(rb.len())).unwrap_or(u32::MAX);
    for c in decoded.chars() {
        // Step over raw text that is not content.
        while j < rb.len() {
            let rest = raw.get(j..).unwrap_or("");
            if rb[j] == b'\\' || rest.starts_with(c) {
                break;
            }
            if matches!(rb[j], b'"' | b' ' | b'\t' | b'$' | b'%' | b'\r') {
                j += 1;
                continue;
            }
            break;
        }
        for _ in 0..c.len_utf8() {
            out.push(at(j));
        }
        if j >= rb.len() {
            continue;
        }
        let rest = raw.get(j..).unwrap_or("");
        if rb[j] == b'\\' && !(c == '\\' && rest.starts_with("\\\\")) {
            let n = match rb.get(j + 1) {
                Some(b'u') => 6,
                Some(b'U') => 10,
                Some(_) => 1 + rest[1..].chars().next().map_or(1, char::len_utf8),
                None => 1,
            };
            j = (j + n).min(rb.len());
        } else if c == '\\' && rest.starts_with("\\\\") {
            j += 2;
        } else {
            j += rest.chars().next().map_or(1, char::len_utf8);
        }
        while j < rb.len() && !raw.is_char_boundary(j) {
            j += 1;
        }
    }
    out.push(at(j));
    out
}

/// The positions of a string value written in JSON (`.tf.json`, `terraform show -json`): the
/// raw text is not at hand, so it is rebuilt with JSON's usual escaping, which is exact for the
/// files Terraform writes up to its `\u003c`-style escapes of `<`, `>` and `&`.
pub fn json_string_positions(decoded: &str, span: Span) -> Vec<u32> {
    let raw = serde_json::to_string(decoded).unwrap_or_default();
    align(decoded, &raw, span.start as usize)
}

fn map_span(span: Span, pos: &[u32]) -> Span {
    let get = |i: u32| -> u32 {
        pos.get(i as usize)
            .or_else(|| pos.last())
            .copied()
            .unwrap_or(0)
    };
    let start = get(span.start);
    let end = if span.end > span.start {
        get(span.end - 1).saturating_add(1)
    } else {
        start
    };
    Span {
        start,
        end: end.max(start),
    }
}

/// Moves every span of `node` (parsed from a decoded string) to the file through `pos`.
pub fn remap(node: &mut Node, pos: &[u32]) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        n.span = map_span(n.span, pos);
        match &mut n.value {
            Value::Scalar(_) => {}
            Value::Seq(items) => stack.extend(items.iter_mut()),
            Value::Map(entries) => {
                for e in entries.iter_mut() {
                    e.key_span = map_span(e.key_span, pos);
                    stack.push(&mut e.value);
                }
            }
        }
    }
}

/// Gives every node of `node` the same span (a value that came from another file: its
/// problems are shown where it is used).
pub fn respan(node: &mut Node, span: Span) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        n.span = span;
        match &mut n.value {
            Value::Scalar(_) => {}
            Value::Seq(items) => stack.extend(items.iter_mut()),
            Value::Map(entries) => {
                for e in entries.iter_mut() {
                    e.key_span = span;
                    stack.push(&mut e.value);
                }
            }
        }
    }
}

/// Parses `text` (a JSON document held in a string) with positions in the file. Syntax errors
/// become `code` diagnostics naming `what`.
pub fn parse_json_in_string(
    file: FileId,
    text: &str,
    pos: &[u32],
    what: &str,
    code: Code,
) -> Result<Node, Vec<Diagnostic>> {
    let parsed = syntax::parse(file, "string.json", text);
    let mut diags: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .map(|mut d| {
            if let Some(o) = d.origin.as_mut() {
                o.span = map_span(o.span, pos);
            }
            if d.code == Code::Syntax {
                d.code = code;
                d.message = format!("{what} is not valid JSON: {}", strip_prefix(&d.message));
            }
            d
        })
        .collect();
    let mut docs = parsed.documents;
    if docs.len() != 1 || diags.iter().any(|d| d.code == code) {
        if diags.is_empty() {
            diags.push(Diagnostic::new(
                code,
                format!("{what} is not a JSON document"),
            ));
        }
        return Err(diags);
    }
    let mut node = docs.remove(0);
    remap(&mut node, pos);
    if diags.is_empty() {
        Ok(node)
    } else {
        Err(diags)
    }
}

fn strip_prefix(message: &str) -> &str {
    message.strip_prefix("invalid JSON: ").unwrap_or(message)
}

/// Canonical JSON text of a value (for `jsonencode` results used as strings).
pub fn to_json(node: &Node) -> String {
    fn value(node: &Node) -> serde_json::Value {
        match &node.value {
            Value::Scalar(s) => match s.kind {
                syntax::ScalarKind::Null => serde_json::Value::Null,
                syntax::ScalarKind::Bool(b) => serde_json::Value::Bool(b),
                syntax::ScalarKind::Number => s
                    .text
                    .parse::<serde_json::Number>()
                    .map(serde_json::Value::Number)
                    .unwrap_or_else(|_| serde_json::Value::String(s.text.clone())),
                syntax::ScalarKind::Str => serde_json::Value::String(s.text.clone()),
            },
            Value::Seq(items) => serde_json::Value::Array(items.iter().map(value).collect()),
            Value::Map(entries) => {
                let map: std::collections::BTreeMap<String, serde_json::Value> = entries
                    .iter()
                    .map(|e| (e.key.clone(), value(&e.value)))
                    .collect();
                serde_json::Value::Object(map.into_iter().collect())
            }
        }
    }
    value(node).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_quotes_are_stepped_over() {
        let raw = r#""{\"a\": \"x\ny\"}""#;
        let decoded = "{\"a\": \"x\ny\"}";
        let pos = align(decoded, raw, 100);
        assert_eq!(pos[0], 101); // `{` after the opening quote
        assert_eq!(pos[1], 102); // `"` written `\"`
        let y = decoded.find('y').expect("y");
        assert_eq!(&raw[(pos[y] - 100) as usize..][..1], "y");
    }

    #[test]
    fn heredoc_indentation_is_stepped_over() {
        let raw = "    {\n      \"a\": 1\n    }\n";
        let decoded = "{\n  \"a\": 1\n}\n";
        let pos = align(decoded, raw, 0);
        let a = decoded.find('a').expect("a");
        assert_eq!(&raw[pos[a] as usize..][..1], "a");
    }
}
