//! Machine-readable lint output checked against what its consumers accept: SARIF against the
//! official OASIS SARIF 2.1.0 schema (vendored in `fixtures/sarif/`, see `SOURCE.md` there) plus
//! the properties GitHub code scanning requires, and GitHub workflow-command lines against
//! their grammar.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

use super::root;
use crate::diagnostics::render;
use crate::diagnostics::Severity;

/// Fixtures whose lint has errors and warnings, located in JSON files of several folders.
const CASES: &[&str] = &[
    "fixtures/codes/B2A115.json",
    "fixtures/codes/B2A202",
    "fixtures/convert/volumes-and-linux",
];

fn lint(paths: &[PathBuf]) -> crate::Conversion {
    crate::lint(paths, &crate::lower::Options::default()).expect("inputs are readable")
}

fn cases() -> Vec<PathBuf> {
    CASES.iter().map(PathBuf::from).collect()
}

/// A fresh, empty directory under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir()
        .join(format!(
            "batch2argo-sarif-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The vendored schema, compiled the way its `$schema` says (draft-04, formats asserted).
fn schema() -> jsonschema::Validator {
    let path = root().join("fixtures/sarif/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).expect("vendored SARIF schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    assert_eq!(
        schema["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "the vendored file is the OASIS 2.1.0 errata01 schema"
    );
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// RFC 3986 URI-reference, checked by hand for the shapes we write: a relative or absolute
/// path of unreserved characters, `/`, sub-delims, `:`/`@` (never `:` in the first segment of
/// a relative path) and `%XX` escapes; or `file:///…`.
fn is_uri_reference(uri: &str) -> bool {
    let path = uri.strip_prefix("file://").unwrap_or(uri);
    if path.is_empty() {
        return false;
    }
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if i + 2 >= bytes.len()
                || !bytes[i + 1].is_ascii_hexdigit()
                || !bytes[i + 2].is_ascii_hexdigit()
            {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b);
        if !ok {
            return false;
        }
        i += 1;
    }
    let relative = !uri.starts_with('/') && !uri.starts_with("file://");
    let first_segment = path.split('/').next().unwrap_or("");
    !(relative && first_segment.contains(':'))
}

/// Undoes `%XX` escapes.
fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&uri[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("escapes decode to UTF-8")
}

/// The properties GitHub code scanning reads, beyond the schema.
fn assert_github_code_scanning_shape(log: &Value, diagnostics: usize) {
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["tool"]["driver"]["name"], "batch2argo");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), crate::diagnostics::Code::ALL.len());
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        assert!(
            id.len() == 6 && id.starts_with("B2A") && id[3..].bytes().all(|b| b.is_ascii_digit()),
            "{id}"
        );
        for key in ["shortDescription", "help"] {
            let text = rule[key]["text"].as_str().unwrap_or_default();
            assert!(!text.trim().is_empty(), "{id}: {key}.text is empty");
        }
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), diagnostics);
    for result in results {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at its rule");
        let level = result["level"].as_str().expect("level");
        assert!(["error", "warning", "note"].contains(&level), "{level}");
        assert!(!result["message"]["text"]
            .as_str()
            .unwrap_or_default()
            .is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: no artifactLocation.uri"));
        assert!(is_uri_reference(uri), "{id}: `{uri}` is no URI reference");
        let start = location["region"]["startLine"].as_u64().expect("startLine");
        assert!(start >= 1);
    }
}

#[test]
fn sarif_is_valid_against_the_oasis_schema_and_has_what_github_reads() {
    let validator = schema();
    let result = lint(&cases());
    let count = |s: Severity| {
        result
            .diagnostics
            .iter()
            .filter(|d| d.severity() == s)
            .count()
    };
    assert!(count(Severity::Error) > 0, "the cases have errors");
    assert!(count(Severity::Warning) > 0, "the cases have warnings");
    assert!(
        result.diagnostics.iter().all(|d| d.origin.is_some()),
        "every diagnostic of the cases points into a file"
    );

    let text = render::sarif(&result.diagnostics, &result.files);
    let log: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    assert_github_code_scanning_shape(&log, result.diagnostics.len());

    // The uris name the files lint read.
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(uris.contains(&"fixtures/codes/B2A115.json"), "{uris:?}");
    assert!(
        uris.iter()
            .any(|u| u.starts_with("fixtures/convert/volumes-and-linux/")),
        "{uris:?}"
    );
}

#[test]
fn sarif_with_no_findings_is_valid() {
    let validator = schema();
    let result = lint(&[PathBuf::from("fixtures/convert/hello-world")]);
    let text = render::sarif(&result.diagnostics, &result.files);
    let log: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    assert_github_code_scanning_shape(&log, result.diagnostics.len());
}

/// The validator really validates: documents that break the schema in different ways fail.
#[test]
fn the_schema_rejects_invalid_sarif() {
    let validator = schema();
    let result = lint(&[PathBuf::from(CASES[0])]);
    let good: Value = serde_json::from_str(&render::sarif(&result.diagnostics, &result.files))
        .expect("SARIF is JSON");
    assert!(validator.is_valid(&good));

    let mut broken: Vec<(&str, Value)> = Vec::new();
    let mut v = good.clone();
    v.as_object_mut().expect("object").remove("runs");
    broken.push(("no runs", v));
    let mut v = good.clone();
    v["version"] = json!("2.0.0");
    broken.push(("wrong version", v));
    let mut v = good.clone();
    v["runs"][0]["results"][0]["level"] = json!("fatal");
    broken.push(("unknown level", v));
    let mut v = good.clone();
    v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    broken.push(("line 0", v));
    let mut v = good.clone();
    v["runs"][0]["results"][0]["message"] = json!({"markup": "x"});
    broken.push(("message without text or id", v));
    let mut v = good.clone();
    v["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .expect("driver")
        .remove("name");
    broken.push(("driver without name", v));
    let mut v = good.clone();
    v["runs"][0]["results"][0]["unknownProperty"] = json!(true);
    broken.push(("additional property", v));
    let mut v = good.clone();
    v["$schema"] = json!("not a uri");
    broken.push(("$schema is no uri (formats are asserted)", v));
    for (what, doc) in &broken {
        assert!(
            !validator.is_valid(doc),
            "the schema accepted a document with {what}"
        );
    }
}

/// Paths with spaces, `%`, `,`, `:` and non-ASCII characters still make valid SARIF URIs that
/// decode back to the path, and well-formed GitHub annotations.
#[test]
fn odd_file_names_stay_valid() {
    let dir = scratch("odd, name: 100% é");
    let file = dir.join("job #1.json");
    std::fs::copy(root().join(CASES[0]), &file).expect("copy fixture");
    let result = lint(std::slice::from_ref(&file));
    assert!(!result.diagnostics.is_empty());

    let log: Value = serde_json::from_str(&render::sarif(&result.diagnostics, &result.files))
        .expect("SARIF is JSON");
    let errors = schema_errors(&schema(), &log);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    assert_github_code_scanning_shape(&log, result.diagnostics.len());
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .expect("uri");
    assert_eq!(
        percent_decode(uri),
        file.to_string_lossy().replace('\\', "/"),
        "{uri}"
    );

    let text = render::github(&result.diagnostics, &result.files);
    for line in text.lines() {
        if let Err(why) = located_annotation(line) {
            panic!("{why}: {line}");
        }
    }
    let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
}

/// Checks one line against
/// `^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=B2A\d{3}::.+$`.
fn located_annotation(line: &str) -> Result<(), String> {
    let rest = line.strip_prefix("::").ok_or("does not start with `::`")?;
    let (level, rest) = rest.split_once(' ').ok_or("no space after the level")?;
    if !["error", "warning", "notice"].contains(&level) {
        return Err(format!("level `{level}`"));
    }
    let (properties, message) = rest.split_once("::").ok_or("no `::` before the message")?;
    if message.is_empty() {
        return Err("empty message".into());
    }
    if message.contains(['\n', '\r']) {
        return Err("line break in the message".into());
    }
    let properties: Vec<&str> = properties.split(',').collect();
    let keys = ["file", "line", "col", "endLine", "endColumn", "title"];
    if properties.len() != keys.len() {
        return Err(format!("{} properties", properties.len()));
    }
    for (property, key) in properties.iter().zip(keys) {
        let value = property
            .strip_prefix(key)
            .and_then(|p| p.strip_prefix('='))
            .ok_or(format!("expected `{key}=` in `{property}`"))?;
        let ok = match key {
            "file" => !value.is_empty(),
            "title" => {
                value.len() == 6
                    && value.starts_with("B2A")
                    && value[3..].bytes().all(|b| b.is_ascii_digit())
            }
            _ => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        };
        if !ok {
            return Err(format!("bad `{key}` value `{value}`"));
        }
    }
    Ok(())
}

#[test]
fn github_annotations_are_well_formed() {
    let result = lint(&cases());
    let text = render::github(&result.diagnostics, &result.files);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        result.diagnostics.len(),
        "one line per diagnostic"
    );
    let mut levels = std::collections::BTreeSet::new();
    for (line, d) in lines.iter().zip(&result.diagnostics) {
        assert!(d.origin.is_some());
        if let Err(why) = located_annotation(line) {
            panic!("{why}: {line}");
        }
        assert!(
            line.contains(&format!(",title={}::", d.code.as_str())),
            "{line}"
        );
        levels.insert(line[2..].split(' ').next().unwrap_or_default().to_string());
    }
    assert!(
        levels.contains("error") && levels.contains("warning"),
        "{levels:?}"
    );

    // The checker itself rejects what the grammar rejects.
    for bad in [
        "::error file=a.json,line=1,col=1,endLine=1,endColumn=2,title=B2A115",
        "::fatal file=a.json,line=1,col=1,endLine=1,endColumn=2,title=B2A115::m",
        "::error file=a.json,line=x,col=1,endLine=1,endColumn=2,title=B2A115::m",
        "::error file=,line=1,col=1,endLine=1,endColumn=2,title=B2A115::m",
        "::error file=a.json,line=1,col=1,endLine=1,title=B2A115::m",
        "::error file=a.json,line=1,col=1,endLine=1,endColumn=2,title=E115::m",
        "::error file=a,b.json,line=1,col=1,endLine=1,endColumn=2,title=B2A115::m",
    ] {
        assert!(located_annotation(bad).is_err(), "accepted {bad}");
    }
    assert!(located_annotation(
        "::warning file=a%2Cb.json,line=1,col=1,endLine=1,endColumn=2,title=B2A115::B2A115 m"
    )
    .is_ok());
}
