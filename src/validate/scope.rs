//! `{{…}}` tags and the names in scope where they appear (argo-target.md §2 F42, G52, H62).
//!
//! Argo checks only tags whose name starts with one of [`CHECKED`]; `{{item}}`, `{{retries}}`
//! and the like pass unchecked. Unlike `argo lint`, expression tags (`{{= …}}`) are checked
//! too: every dotted path in them that starts with a checked prefix must be in scope.

use std::collections::BTreeSet;

/// Prefixes of the tag names Argo resolves at validation time.
pub const CHECKED: &[&str] = &[
    "item.",
    "steps.",
    "inputs.",
    "outputs.",
    "pod.",
    "workflow.",
    "tasks.",
];

/// One tag found in a string.
#[derive(Debug, PartialEq, Eq)]
pub struct Tag {
    /// The tag as written between the braces, trimmed.
    pub text: String,
    /// The names to resolve: the tag itself, or the paths inside an expression.
    pub names: Vec<String>,
}

/// Every `{{…}}` tag of a string.
pub fn tags(s: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let inner = after[..close].trim();
        if let Some(expr) = inner.strip_prefix('=') {
            out.push(Tag {
                text: inner.to_string(),
                names: expression_paths(expr),
            });
        } else {
            out.push(Tag {
                text: inner.to_string(),
                names: vec![inner.to_string()],
            });
        }
        rest = &after[close + 2..];
    }
    out
}

/// Dotted paths in an expr-lang expression, outside string literals, with `['x']` and `["x"]`
/// index steps written as `.x`.
fn expression_paths(expr: &str) -> Vec<String> {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' || c == '`' {
            i = skip_string(&chars, i);
            continue;
        }
        let starts_word = c.is_ascii_alphabetic() || c == '_';
        let after_dot = i > 0 && (chars[i - 1] == '.' || chars[i - 1].is_ascii_alphanumeric());
        if !starts_word || after_dot {
            i += 1;
            continue;
        }
        let mut path = String::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            path.extend(&chars[start..j]);
            if j < chars.len() && chars[j] == '.' && j + 1 < chars.len() {
                let n = chars[j + 1];
                if n.is_ascii_alphanumeric() || n == '_' {
                    path.push('.');
                    j += 1;
                    continue;
                }
            }
            if j + 1 < chars.len()
                && chars[j] == '['
                && (chars[j + 1] == '\'' || chars[j + 1] == '"')
            {
                let quote = chars[j + 1];
                let close = chars[j + 2..].iter().position(|&c| c == quote);
                if let Some(len) = close {
                    let key: String = chars[j + 2..j + 2 + len].iter().collect();
                    let end = j + 2 + len + 1;
                    if end < chars.len() && chars[end] == ']' {
                        path.push('.');
                        path.push_str(&key);
                        j = end + 1;
                        if j < chars.len() && chars[j] == '.' {
                            path.push('.');
                            j += 1;
                        }
                        continue;
                    }
                }
            }
            break;
        }
        let path = path.trim_end_matches('.').to_string();
        // `a.b ?? x` and `a?.b` read a member that may be missing: Argo allows those.
        let rest: String = chars[j.min(chars.len())..].iter().collect();
        let guarded = rest.trim_start().starts_with("??") || rest.starts_with("?.");
        if CHECKED.iter().any(|p| path.starts_with(p)) && !guarded {
            out.push(path);
        }
        i = j.max(i + 1);
    }
    out
}

fn skip_string(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == '\\' && quote != '`' {
            i += 2;
            continue;
        }
        if chars[i] == quote {
            return i + 1;
        }
        i += 1;
    }
    i
}

/// What a tag may name at one place: exact names, and prefixes under which anything goes.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    exact: BTreeSet<String>,
    prefixes: BTreeSet<String>,
    /// The names of an enclosing scope (the workflow's globals), shared, not copied.
    parent: Option<std::sync::Arc<Scope>>,
    /// Names are relative (a step's or task's results): every name is checked.
    relative: bool,
}

impl Scope {
    /// A scope of names relative to a step or task, all of them checked.
    pub fn relative() -> Scope {
        Scope {
            relative: true,
            ..Scope::default()
        }
    }

    /// A scope that sees everything `parent` does.
    pub fn within(parent: &std::sync::Arc<Scope>) -> Scope {
        Scope {
            parent: Some(parent.clone()),
            relative: parent.relative,
            ..Scope::default()
        }
    }

    /// This scope and the ones it sits in.
    fn chain(&self) -> impl Iterator<Item = &Scope> {
        std::iter::successors(Some(self), |s| s.parent.as_deref())
    }

    fn has(&self, name: &str) -> bool {
        self.chain().any(|s| s.exact.contains(name))
    }

    pub fn add(&mut self, name: impl Into<String>) {
        self.exact.insert(name.into());
    }

    /// Anything under `prefix` (which ends with `.`), and `prefix` without its dot.
    pub fn add_prefix(&mut self, prefix: impl Into<String>) {
        let p: String = prefix.into();
        self.exact.insert(p.trim_end_matches('.').to_string());
        self.prefixes.insert(p);
    }

    /// Adds every name of `inner` under `prefix` (`steps.a.` + `outputs.result`).
    pub fn nest(&mut self, prefix: &str, inner: &Scope) {
        for e in &inner.exact {
            self.exact.insert(format!("{prefix}{e}"));
        }
        for p in &inner.prefixes {
            self.prefixes.insert(format!("{prefix}{p}"));
        }
    }

    /// Whether a tag name resolves here. Names outside the checked prefixes always do.
    pub fn resolves(&self, name: &str, expression: bool) -> bool {
        if !CHECKED.iter().any(|p| name.starts_with(p)) && !self.relative {
            return true;
        }
        // Prefixes end with `.`: look each dotted beginning of the name up, not every prefix.
        let under_prefix = name
            .match_indices('.')
            .any(|(i, _)| self.chain().any(|s| s.prefixes.contains(&name[..=i])));
        if self.has(name) || under_prefix {
            return true;
        }
        if expression {
            // `inputs.parameters.x.y` in an expression indexes into a resolved value; and
            // `inputs.parameters` alone names the map.
            let mut cut = name;
            while let Some(i) = cut.rfind('.') {
                cut = &cut[..i];
                // `inputs.parameters.x` does not resolve through the map `inputs.parameters`.
                let container = ["parameters", "artifacts", "outputs", "inputs"]
                    .iter()
                    .any(|m| cut == *m || cut.ends_with(&format!(".{m}")));
                if !container && self.has(cut) {
                    return true;
                }
            }
            let dotted = format!("{name}.");
            return self.chain().any(|s| {
                s.exact
                    .range(dotted.clone()..)
                    .next()
                    .is_some_and(|e| e.starts_with(&dotted))
            });
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_expression_paths() {
        let t = tags("a {{ inputs.parameters.x }} b {{=inputs.parameters['my-p'] + 'steps.a' }}");
        assert_eq!(t[0].names, vec!["inputs.parameters.x"]);
        assert_eq!(t[1].names, vec!["inputs.parameters.my-p"]);
        assert!(tags("{{= inputs.parameters.opt ?? \"none\" }}")[0]
            .names
            .is_empty());
        assert!(tags("{{= inputs?.parameters }}")[0].names.is_empty());
        let t = tags("{{=sprig.int(tasks.gen.outputs.result) > 2 && asInt(item.x)}}");
        assert_eq!(t[0].names, vec!["tasks.gen.outputs.result", "item.x"]);
        assert!(tags("{{unclosed").is_empty());
    }

    #[test]
    fn scope_resolution() {
        let mut s = Scope::default();
        s.add("inputs.parameters.x");
        s.add_prefix("workflow.labels.");
        assert!(s.resolves("inputs.parameters.x", false));
        assert!(!s.resolves("inputs.parameters.y", false));
        assert!(s.resolves("workflow.labels.team", false));
        assert!(s.resolves("retries", false));
        assert!(s.resolves("inputs.parameters.x.field", true));
        s.add("inputs.parameters");
        assert!(!s.resolves("inputs.parameters.y", true));
        assert!(!s.resolves("inputs.parameters.x.field", false));
    }
}
