//! Getting user text to the container byte for byte, through Argo and the kubelet.
//!
//! Two layers rewrite strings on the way to a container:
//! - **Argo** substitutes `{{…}}` tags, in several passes that rescan what earlier passes
//!   inserted, so no encoding that still contains `{{` is safe. We never let `{{` reach Argo:
//!   `{{` becomes `{$(BATCH2ARGO_LBRACE)` and the container gets `BATCH2ARGO_LBRACE={`.
//! - **The kubelet** expands `$(VAR)` and turns `$$` into `$` in `command`, `args` and `env`
//!   values. Batch (ECS) does neither, so a `$` followed by `$` or `(` is doubled; any other `$`
//!   is left alone, since the kubelet leaves it alone too. EKS containers already have kubelet
//!   semantics and keep their `$` as written.
//!
//! `Ref::name` placeholders in Batch commands become Argo input-parameter tags.

/// Environment variable holding `{`, referenced where the input had `{{`.
pub const LBRACE_VAR: &str = "BATCH2ARGO_LBRACE";

/// Whether the kubelet's `$` rules are foreign to the source (ECS) or native to it (EKS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dollars {
    /// Escape `$$` and `$(` so the kubelet leaves them as written.
    Escape,
    /// Keep `$` as written: the source already had Kubernetes semantics.
    Keep,
}

/// Literal text escaped for Argo and the kubelet. Returns the text and whether it needs
/// [`LBRACE_VAR`] in the container environment.
pub fn escape(text: &str, dollars: Dollars) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut lbrace = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' if dollars == Dollars::Escape && matches!(chars.peek(), Some('$') | Some('(')) => {
                out.push_str("$$");
            }
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
                out.push_str("$(");
                out.push_str(LBRACE_VAR);
                out.push(')');
                lbrace = true;
            }
            c => out.push(c),
        }
    }
    (out, lbrace)
}

/// A piece of a command element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Literal(&'a str),
    /// `Ref::name`.
    Ref(&'a str),
}

const REF: &str = "Ref::";

/// Splits a command element at its `Ref::` placeholders. A placeholder's name is the longest
/// `known` key that follows `Ref::`, otherwise the longest run of `[A-Za-z0-9_]`.
pub fn segments<'a>(text: &'a str, known: &[&str]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut literal_start = 0usize;
    let mut pos = 0usize;
    while let Some(i) = rest.find(REF) {
        let at = pos + i;
        let after = &text[at + REF.len()..];
        let known_len = known
            .iter()
            .filter(|k| !k.is_empty() && after.starts_with(**k))
            .map(|k| k.len())
            .max();
        let len = known_len.unwrap_or_else(|| {
            after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len())
        });
        if len == 0 {
            pos = at + REF.len();
            rest = &text[pos..];
            continue;
        }
        if at > literal_start {
            out.push(Segment::Literal(&text[literal_start..at]));
        }
        out.push(Segment::Ref(&after[..len]));
        pos = at + REF.len() + len;
        literal_start = pos;
        rest = &text[pos..];
    }
    if literal_start < text.len() {
        out.push(Segment::Literal(&text[literal_start..]));
    }
    out
}

/// Splits a BatchCompute App command line at its `${name}` placeholders: only the App's own
/// inputs (`known`); any other `${…}` is the shell's and stays literal.
pub fn dollar_segments<'a>(text: &'a str, known: &[&str]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut literal_start = 0usize;
    let mut pos = 0usize;
    while let Some(i) = text[pos..].find("${") {
        let at = pos + i;
        let after = &text[at + 2..];
        let name = after.find('}').map(|end| &after[..end]);
        match name.filter(|n| known.contains(n)) {
            Some(name) => {
                if at > literal_start {
                    out.push(Segment::Literal(&text[literal_start..at]));
                }
                out.push(Segment::Ref(name));
                pos = at + 2 + name.len() + 1;
                literal_start = pos;
            }
            None => pos = at + 2,
        }
    }
    if literal_start < text.len() {
        out.push(Segment::Literal(&text[literal_start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the kubelet does to a string: `$$` → `$`, `$(VAR)` → value when VAR is defined.
    fn kubelet(text: &str, env: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let b: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < b.len() {
            if b[i] == '$' && i + 1 < b.len() && b[i + 1] == '$' {
                out.push('$');
                i += 2;
            } else if b[i] == '$' && i + 1 < b.len() && b[i + 1] == '(' {
                let close = b[i..].iter().position(|c| *c == ')').map(|p| p + i);
                match close {
                    Some(end) => {
                        let name: String = b[i + 2..end].iter().collect();
                        match env.iter().find(|(k, _)| *k == name) {
                            Some((_, v)) => out.push_str(v),
                            None => out.extend(&b[i..=end]),
                        }
                        i = end + 1;
                    }
                    None => {
                        out.extend(&b[i..]);
                        i = b.len();
                    }
                }
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn text_survives_the_kubelet_byte_for_byte() {
        let env = [(LBRACE_VAR, "{"), ("HOME", "/root")];
        for original in [
            "echo $$ $(date) $HOME ${X}",
            "$$$(",
            "a $",
            "{{not a tag}} {{{x}}}",
            "cost: $5 and $(HOME)",
            "",
        ] {
            let (escaped, _) = escape(original, Dollars::Escape);
            assert!(!escaped.contains("{{"), "{escaped}");
            assert_eq!(kubelet(&escaped, &env), original, "{original} → {escaped}");
        }
    }

    #[test]
    fn eks_text_keeps_its_dollars() {
        let (escaped, lbrace) = escape("$(HOME) {{x}}", Dollars::Keep);
        assert_eq!(escaped, "$(HOME) {$(BATCH2ARGO_LBRACE)x}}");
        assert!(lbrace);
    }

    #[test]
    fn ref_placeholders_are_found_whole_and_embedded() {
        assert_eq!(
            segments("Ref::codec", &["codec"]),
            vec![Segment::Ref("codec")]
        );
        assert_eq!(
            segments("--q=Ref::quality.txt", &[]),
            vec![
                Segment::Literal("--q="),
                Segment::Ref("quality"),
                Segment::Literal(".txt")
            ]
        );
        assert_eq!(
            segments("s3://b/Ref::in.file", &["in.file"]),
            vec![Segment::Literal("s3://b/"), Segment::Ref("in.file")]
        );
        assert_eq!(segments("Ref::", &[]), vec![Segment::Literal("Ref::")]);
    }
}
