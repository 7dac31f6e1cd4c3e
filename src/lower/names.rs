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
/// `max` characters. A name that had to change (or was cut) gets a hash of the original so that
/// two different originals never map to the same result.
pub fn dns_label(original: &str, max: usize) -> String {
    let mut out = String::with_capacity(original.len());
    for c in original.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_matches('-').to_string();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out = format!("x-{out}").trim_end_matches('-').to_string();
    }
    let lossless = out == original;
    if lossless && out.len() <= max {
        return out;
    }
    let hash = short_hash(original);
    let keep = max.saturating_sub(hash.len() + 1);
    let mut base: String = out.chars().take(keep).collect();
    while base.ends_with('-') {
        base.pop();
    }
    format!("{base}-{hash}")
}

/// Hands out unique names within one scope (the templates of a spec, the tasks of a DAG).
#[derive(Debug, Default)]
pub struct NameSet {
    used: BTreeMap<String, String>,
    given: BTreeMap<String, String>,
}

impl NameSet {
    /// A unique label for `original`. The same original always gets the same name.
    pub fn assign(&mut self, original: &str, max: usize) -> String {
        if let Some(name) = self.given.get(original) {
            return name.clone();
        }
        let name = self.fresh(original, max);
        self.given.insert(original.to_string(), name.clone());
        name
    }

    fn fresh(&mut self, original: &str, max: usize) -> String {
        let base = dns_label(original, max);
        match self.used.get(&base) {
            None => {
                self.used.insert(base.clone(), original.to_string());
                base
            }
            Some(owner) if owner == original => base,
            Some(_) => {
                let mut n = 0u32;
                loop {
                    let salted = format!("{original}\u{0}{n}");
                    let hash = short_hash(&salted);
                    let keep = max.saturating_sub(hash.len() + 1);
                    let mut stem: String = base.chars().take(keep).collect();
                    while stem.ends_with('-') {
                        stem.pop();
                    }
                    let candidate = format!("{stem}-{hash}");
                    if !self.used.contains_key(&candidate) {
                        self.used.insert(candidate.clone(), original.to_string());
                        return candidate;
                    }
                    n += 1;
                }
            }
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
    }

    #[test]
    fn changed_names_get_a_hash_so_they_cannot_collide() {
        let a = dns_label("My_Job", 63);
        let b = dns_label("my-job", 63);
        assert_ne!(a, b);
        assert!(a.starts_with("my-job-"), "{a}");
        assert_eq!(b, "my-job");
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
    fn name_sets_never_hand_out_a_name_twice() {
        let mut set = NameSet::default();
        set.reserve("main");
        let a = set.assign("main", 63);
        assert_ne!(a, "main");
        assert_eq!(set.assign("main", 63), a);
        assert_eq!(parameter_name("in.file"), "in_file");
    }
}
