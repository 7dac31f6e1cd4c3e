//! Which diagnostics a run reports: `--select` / `--ignore` by code or prefix (`B2A1`),
//! per-path ignores from the config file, and whether warnings fail the run.

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::{Code, Diagnostic, Severity, SourceMap};

/// A validated code or code prefix (`B2A104`, `B2A1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodePattern(String);

impl CodePattern {
    /// Accepts a code or a prefix that at least one code of the registry has.
    pub fn parse(text: &str) -> Result<CodePattern, String> {
        let upper = text.trim().to_ascii_uppercase();
        if upper.len() >= 3 && Code::ALL.iter().any(|c| c.as_str().starts_with(&upper)) {
            Ok(CodePattern(upper))
        } else {
            Err(format!(
                "`{text}` is not a batch2argo code or code prefix (codes look like B2A104; prefixes like B2A1 select a family)"
            ))
        }
    }

    pub fn matches(&self, code: Code) -> bool {
        code.as_str().starts_with(&self.0)
    }
}

/// The selection of one run.
#[derive(Debug, Default)]
pub struct Selection {
    pub select: Vec<CodePattern>,
    pub ignore: Vec<CodePattern>,
    pub deny_warnings: bool,
    per_path: Vec<(GlobSet, Vec<CodePattern>)>,
}

impl Selection {
    /// Ignores `codes` in files matching `pattern` (a glob over the path as shown).
    pub fn ignore_in(&mut self, pattern: &str, codes: Vec<CodePattern>) -> Result<(), String> {
        let glob =
            Glob::new(pattern).map_err(|e| format!("`{pattern}` is not a valid glob: {e}"))?;
        let set = GlobSetBuilder::new()
            .add(glob)
            .build()
            .map_err(|e| format!("`{pattern}`: {e}"))?;
        self.per_path.push((set, codes));
        Ok(())
    }

    fn keeps(&self, d: &Diagnostic, files: &SourceMap) -> bool {
        if !self.select.is_empty() && !self.select.iter().any(|p| p.matches(d.code)) {
            return false;
        }
        if self.ignore.iter().any(|p| p.matches(d.code)) {
            return false;
        }
        let path = d.origin.as_ref().map(|o| files.path(o.file));
        !self.per_path.iter().any(|(set, codes)| {
            path.is_some_and(|p| set.is_match(p)) && codes.iter().any(|c| c.matches(d.code))
        })
    }

    /// The diagnostics this selection reports.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>, files: &SourceMap) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| self.keeps(d, files))
            .collect()
    }

    /// Whether the reported diagnostics fail the run.
    pub fn fails(&self, diagnostics: &[Diagnostic]) -> bool {
        diagnostics.iter().any(|d| {
            d.severity() == Severity::Error
                || (self.deny_warnings && d.severity() == Severity::Warning)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_codes_or_prefixes_of_codes() {
        assert!(CodePattern::parse("b2a104").is_ok_and(|p| p.matches(Code::EmbeddedRef)));
        assert!(CodePattern::parse("B2A1")
            .is_ok_and(|p| p.matches(Code::EmbeddedRef) && !p.matches(Code::Cycle)));
        assert!(CodePattern::parse("B2A999").is_err());
        assert!(CodePattern::parse("E501").is_err());
        assert!(CodePattern::parse("B").is_err());
    }

    #[test]
    fn per_path_ignores() {
        let mut files = SourceMap::default();
        let a = files.add("legacy/a.json".into(), "{}");
        let b = files.add("new/b.json".into(), "{}");
        let mut s = Selection::default();
        s.ignore_in(
            "legacy/**",
            vec![CodePattern::parse("B2A165").expect("code")],
        )
        .expect("glob");
        let at = |f| crate::diagnostics::Origin::new(f, Default::default(), "");
        let d = |f| Diagnostic::new(Code::ImageTag, "x").at(&at(f));
        let kept = s.apply(vec![d(a), d(b)], &files);
        assert_eq!(kept.len(), 1);
        assert!(!s.fails(&kept));
        s.deny_warnings = true;
        assert!(s.fails(&kept));
    }
}
