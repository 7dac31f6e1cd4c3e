//! Which job definition a reference means: `name`, `name:revision`, or an ARN with or without
//! `:revision`. Without a revision the newest definition wins: a request file (which has no
//! revision, and registers the next one), else the highest ACTIVE revision.

use std::collections::BTreeMap;

use crate::ir::{JobDefinition, Status};

/// Name → indices into the project's job definitions.
pub struct Registry {
    by_name: BTreeMap<String, Vec<usize>>,
}

/// Why a reference does not resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum Unresolved {
    NoSuchName,
    NoSuchRevision(u32),
    OnlyInactive,
}

/// `(name, revision)` of a reference.
pub fn parse_reference(reference: &str) -> (String, Option<u32>) {
    let tail = match reference.split_once(":job-definition/") {
        Some((_, tail)) => tail,
        None => reference,
    };
    match tail.rsplit_once(':') {
        Some((name, rev)) => match rev.parse::<u32>() {
            Ok(r) => (name.to_string(), Some(r)),
            Err(_) => (tail.to_string(), None),
        },
        None => (tail.to_string(), None),
    }
}

impl Registry {
    pub fn new(defs: &[JobDefinition]) -> Registry {
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, d) in defs.iter().enumerate() {
            by_name.entry(d.name.value.clone()).or_default().push(i);
        }
        Registry { by_name }
    }

    pub fn names(&self) -> impl Iterator<Item = (&String, &Vec<usize>)> {
        self.by_name.iter()
    }

    /// The definition used when a reference names no revision.
    pub fn default_for(&self, defs: &[JobDefinition], name: &str) -> Result<usize, Unresolved> {
        let candidates = self.by_name.get(name).ok_or(Unresolved::NoSuchName)?;
        if let Some(&i) = candidates.iter().find(|&&i| defs[i].revision.is_none()) {
            return Ok(i);
        }
        candidates
            .iter()
            .copied()
            .filter(|&i| defs[i].status == Status::Active)
            .max_by_key(|&i| defs[i].revision.as_ref().map(|r| r.value))
            .ok_or(Unresolved::OnlyInactive)
    }

    pub fn resolve(&self, defs: &[JobDefinition], reference: &str) -> Result<usize, Unresolved> {
        let (name, revision) = parse_reference(reference);
        match revision {
            None => self.default_for(defs, &name),
            Some(r) => {
                let candidates = self.by_name.get(&name).ok_or(Unresolved::NoSuchName)?;
                candidates
                    .iter()
                    .copied()
                    .find(|&i| defs[i].revision.as_ref().map(|x| x.value) == Some(r))
                    .ok_or(Unresolved::NoSuchRevision(r))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_reference;

    #[test]
    fn references() {
        assert_eq!(parse_reference("etl"), ("etl".into(), None));
        assert_eq!(parse_reference("etl:3"), ("etl".into(), Some(3)));
        assert_eq!(
            parse_reference("arn:aws:batch:us-east-1:123456789012:job-definition/etl:7"),
            ("etl".into(), Some(7))
        );
        assert_eq!(
            parse_reference("arn:aws:batch:us-east-1:123456789012:job-definition/etl"),
            ("etl".into(), None)
        );
    }
}
