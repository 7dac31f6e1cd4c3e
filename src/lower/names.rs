//! Kubernetes-safe names: lowercase `[a-z0-9-]`, starting with a letter, bounded in length,
//! deterministic, and made unique with a short content hash when two sources would clash.

use std::collections::BTreeMap;

/// A stable 32-bit FNV-1a hash, printed as 8 hex digits: the same input gives the same suffix on
/// every platform and run.
pub fn short_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// Lowercase DNS label: `[a-z0-9-]`, starts with a letter, no double or trailing dashes, at most
/// `max` characters (a name that must be cut gets a hash of the original, so two long names
/// sharing a prefix stay apart). Different originals can give the same label (`My_Job` and
/// `my-job`); [`NameSet`] resolves such clashes.
pub fn dns_label(original: &str, max: usize) -> String {
    let out = sanitize(original);
    if out.len() <= max {
        return out;
    }
    with_hash(&out, original, max)
}

/// Like [`dns_label`], but any change to the original adds its hash: for names that must never
/// clash with another source (Secrets, claims) and are not checked in a [`NameSet`].
pub fn distinct_label(original: &str, max: usize) -> String {
    let out = sanitize(original);
    if out == original && out.len() <= max {
        return out;
    }
    with_hash(&out, original, max)
}

fn sanitize(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    for c in original.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out
    } else {
        format!("x-{out}").trim_end_matches('-').to_string()
    }
}

/// `label` cut to fit `max` with `-<hash of key>` appended.
fn with_hash(label: &str, key: &str, max: usize) -> String {
    let hash = short_hash(key);
    let keep = max.saturating_sub(hash.len() + 1);
    let mut base: String = label.chars().take(keep).collect();
    while base.ends_with('-') {
        base.pop();
    }
    format!("{base}-{hash}")
}

/// Hands out unique names within one scope (the templates of a spec, the tasks of a DAG).
/// A name keeps its plain label unless another original maps to the same label; then the
/// original that *is* the label keeps it and the others get a hash suffix, so the result does
/// not depend on the order names are given in.
#[derive(Debug, Default)]
pub struct NameSet {
    used: BTreeMap<String, String>,
    given: BTreeMap<String, String>,
}

impl NameSet {
    /// Unique labels for a whole list of originals at once (order-independent).
    pub fn assign_all(&mut self, originals: &[&str], max: usize) -> Vec<String> {
        let mut by_label: BTreeMap<String, std::collections::BTreeSet<&str>> = BTreeMap::new();
        for o in originals {
            by_label.entry(dns_label(o, max)).or_default().insert(o);
        }
        let mut out = Vec::with_capacity(originals.len());
        for o in originals {
            if let Some(name) = self.given.get(*o) {
                out.push(name.clone());
                continue;
            }
            let label = dns_label(o, max);
            let clash = by_label.get(&label).is_some_and(|s| s.len() > 1);
            let name = if !self.used.contains_key(&label) && (!clash || label == *o) {
                label
            } else {
                self.hashed(o, &label, max)
            };
            self.used.insert(name.clone(), o.to_string());
            self.given.insert(o.to_string(), name.clone());
            out.push(name);
        }
        out
    }

    /// A unique label for one original; the same original always gets the same name.
    pub fn assign(&mut self, original: &str, max: usize) -> String {
        self.assign_all(&[original], max).remove(0)
    }

    fn hashed(&self, original: &str, label: &str, max: usize) -> String {
        let mut n = 0u32;
        loop {
            let key = if n == 0 {
                original.to_string()
            } else {
                format!("{original}\u{0}{n}")
            };
            let candidate = with_hash(label, &key, max);
            if !self.used.contains_key(&candidate) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Reserves a fixed name so no assigned name takes it.
    pub fn reserve(&mut self, name: &str) {
        self.used
            .insert(name.to_string(), format!("\u{0}reserved:{name}"));
    }
}

/// Argo parameter names: `[-a-zA-Z0-9_]`.
pub fn parameter_name(original: &str) -> String {
    let out: String = original
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_names_stay_as_they_are() {
        assert_eq!(dns_label("hello-world", 63), "hello-world");
        assert_eq!(dns_label("My_Job", 63), "my-job");
    }

    #[test]
    fn names_are_bounded_and_start_with_a_letter() {
        let long = "A".repeat(300);
        let n = dns_label(&long, 63);
        assert!(n.len() <= 63, "{n}");
        assert!(n.starts_with('a'));
        let digits = dns_label("123/../x", 63);
        assert!(digits.starts_with("x-123"), "{digits}");
        assert!(digits
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    }

    #[test]
    fn clashes_get_a_hash_whatever_the_order() {
        let mut a = NameSet::default();
        let first = a.assign_all(&["My_Job", "my-job", "other"], 63);
        let mut b = NameSet::default();
        let second = b.assign_all(&["other", "my-job", "My_Job"], 63);
        assert_eq!(first[1], "my-job");
        assert!(first[0].starts_with("my-job-") && first[0] != "my-job");
        assert_eq!(
            (first[0].as_str(), first[1].as_str()),
            (second[2].as_str(), second[1].as_str())
        );
        assert_eq!(distinct_label("Db", 63).len(), "db-".len() + 8);
    }

    #[test]
    fn name_sets_never_hand_out_a_name_twice() {
        let mut set = NameSet::default();
        set.reserve("main");
        let a = set.assign("main", 63);
        assert_ne!(a, "main");
        assert_eq!(set.assign("main", 63), a);
        assert_eq!(parameter_name("in.file"), "in_file");
    }
}
