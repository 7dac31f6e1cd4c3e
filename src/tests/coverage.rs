//! The conversion matrix (`src/lower/coverage.rs`) against the field inventory, the code
//! registry, the fixture snapshots and `docs/mapping.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::root;
use crate::diagnostics::Code;
use crate::lower::coverage::{Section, FIELDS};

/// The field inventory, relative to the repository root.
const INVENTORY: &str = "../shared/reference/aws-batch-fields.md";

/// RegisterJobDefinition fields the table covers with everything beneath them.
const DEFINITION_TREES: &[&str] = &[
    "containerProperties",
    "eksProperties",
    "retryStrategy",
    "timeout",
    "parameters",
    "tags",
    "propagateTags",
    "platformCapabilities",
    "schedulingPriority",
    "consumableResourceProperties",
];

/// RegisterJobDefinition fields the table covers without their insides (refused as a whole).
const DEFINITION_TOPS: &[&str] = &[
    "jobDefinitionName",
    "type",
    "nodeProperties",
    "ecsProperties",
];

/// Lossy rows that name no code: the lowering converts or drops these fields without any
/// diagnostic. Each is a gap in the code, not in the table; fixing one means giving the row its
/// code and deleting it here. A new gap fails the test.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// Rows whose codes no snapshot shows on the field itself (the check that the code appears in
/// some snapshot still applies). An entry covers the fields beneath it.
const NOT_SHOWN_ON_FIELD: &[(&str, &str, &str)] = &[
    // Reported on another field by design.
    (
        "RegisterJobDefinition",
        "platformCapabilities",
        "B2A113 is on the VCPU value it caps",
    ),
    (
        "RegisterJobDefinition",
        "nodeProperties",
        "B2A101 is on `type` when the definition has one",
    ),
    (
        "SubmitJob",
        "dependsOn[].type",
        "B2A214 is on the jobs that wait longer",
    ),
    (
        "CreateJobQueue",
        "state",
        "B2A307 is on the job's `jobQueue`, the submission Batch would refuse",
    ),
    (
        "CreateComputeEnvironment",
        "state",
        "B2A308 is on the queue's `computeEnvironmentOrder[].computeEnvironment` naming it",
    ),
    // Reported once per object, on its name, where the decision is about the whole object.
    (
        "CreateJobQueue",
        "priority",
        "B2A301 is on the queue's name: it says what the queue's ordering becomes",
    ),
    (
        "CreateJobQueue",
        "computeEnvironmentOrder",
        "B2A312 is on the queue's name: it is about all of its environments together",
    ),
    (
        "CreateComputeEnvironment",
        "computeResources.instanceTypes",
        "B2A302 is on the environment's name: it sums up what of it has no label",
    ),
    (
        "CreateSchedulingPolicy",
        "fairsharePolicy.shareDecaySeconds",
        "B2A303 and B2A319 are on the policy's name: one finding sums up the whole policy",
    ),
    (
        "CreateSchedulingPolicy",
        "fairsharePolicy.computeReservation",
        "B2A303 and B2A319 are on the policy's name: one finding sums up the whole policy",
    ),
    (
        "CreateSchedulingPolicy",
        "fairsharePolicy.shareDistribution",
        "B2A303 and B2A319 are on the policy's name: one finding sums up the whole policy",
    ),
];

/// The first segment of a path: `containerProperties` of `containerProperties.volumes[]`.
fn top(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

/// The section a field of the inventory belongs to, or `None` when the table does not cover it.
fn section_of(operation: &str, path: &str) -> Option<Section> {
    match operation {
        "SubmitJob" => Some(Section::SubmitJob),
        "CreateJobQueue" => Some(Section::JobQueue),
        "CreateComputeEnvironment" => Some(Section::ComputeEnvironment),
        "CreateSchedulingPolicy" => Some(Section::SchedulingPolicy),
        "RegisterJobDefinition" => {
            let top = top(path);
            if DEFINITION_TOPS.contains(&top) {
                return (top == path).then_some(Section::Definition);
            }
            match top {
                "containerProperties" => Some(Section::Container),
                "eksProperties" => Some(Section::Eks),
                "retryStrategy" | "timeout" => Some(Section::RetryTimeout),
                t if DEFINITION_TREES.contains(&t) => Some(Section::Definition),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The request sections of the inventory the table covers: `(heading start, operation)`.
const INVENTORY_SECTIONS: &[(&str, &str)] = &[
    ("1. RegisterJobDefinition", "RegisterJobDefinition"),
    ("2. SubmitJob", "SubmitJob"),
    ("3. CreateJobQueue", "CreateJobQueue"),
    ("4. CreateComputeEnvironment", "CreateComputeEnvironment"),
    ("5. CreateSchedulingPolicy", "CreateSchedulingPolicy"),
];

/// `(operation, path)` of every field row in sections 1 to 5 of the inventory.
fn parse_inventory(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut operation = None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            operation = INVENTORY_SECTIONS
                .iter()
                .find(|(start, _)| heading.starts_with(start))
                .map(|(_, op)| *op);
            continue;
        }
        let Some(op) = operation else { continue };
        let Some(cell) = line.strip_prefix('|').and_then(|l| l.split('|').next()) else {
            continue;
        };
        let cell = cell.trim();
        if let Some(path) = cell.strip_prefix('`').and_then(|c| c.strip_suffix('`')) {
            out.push((op, path.to_string()));
        }
    }
    out
}

/// The inventory's fields that the table must cover, or `None` when the inventory is absent.
#[allow(clippy::print_stderr)]
fn inventory() -> Option<BTreeSet<(&'static str, String)>> {
    let path = root().join(INVENTORY);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipped: the field inventory {} is not there to compare with",
            path.display()
        );
        return None;
    };
    let rows = parse_inventory(&text);
    assert!(
        INVENTORY_SECTIONS
            .iter()
            .all(|(_, op)| rows.iter().any(|(o, _)| o == op))
            && rows.len() > 200,
        "{INVENTORY} no longer has the tables this test reads ({} rows)",
        rows.len()
    );
    Some(
        rows.into_iter()
            .filter(|(op, path)| section_of(op, path).is_some())
            .collect(),
    )
}

#[test]
fn every_inventory_field_has_exactly_one_row() {
    let Some(inventory) = inventory() else { return };
    let mut rows: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in FIELDS {
        *rows.entry((f.section.operation(), f.path)).or_default() += 1;
    }
    let mut problems = Vec::new();
    for ((op, path), n) in &rows {
        if *n > 1 {
            problems.push(format!("{op} `{path}` has {n} rows"));
        }
        if !inventory.contains(&(*op, path.to_string())) {
            problems.push(format!(
                "{op} `{path}` is not in the inventory (or not in scope)"
            ));
        }
    }
    for (op, path) in &inventory {
        if !rows.contains_key(&(*op, path.as_str())) {
            problems.push(format!("{op} `{path}` has no row"));
        }
    }
    for f in FIELDS {
        if section_of(f.section.operation(), f.path) != Some(f.section) {
            problems.push(format!("`{}` is listed under {:?}", f.path, f.section));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every `(code, field)` pair a snapshot shows: the code of each rendered diagnostic with the
/// JSON pointer of each of its labels, in the inventory's path syntax.
fn snapshot_findings() -> BTreeSet<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "snap") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("snapshots"), &mut files);
    assert!(!files.is_empty(), "no snapshots under snapshots/");
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let mut code: Option<&str> = None;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.len() == 6 && Code::parse(trimmed).is_some() {
                code = Some(trimmed);
                out.insert((trimmed.to_string(), String::new()));
            } else if let (Some(code), Some((_, pointer))) = (code, line.split_once("╰── ")) {
                out.insert((code.to_string(), field_path(pointer.trim())));
            }
        }
    }
    out
}

/// The lists of `describe-*` dumps and job graphs that hold request-shaped objects.
const WRAPPERS: &[&str] = &[
    "jobs",
    "jobDefinitions",
    "jobQueues",
    "computeEnvironments",
    "schedulingPolicies",
];

/// A JSON pointer as an inventory path: `/0/containerOverrides/environment/1/name` →
/// `containerOverrides.environment[].name`. The document's own wrapper (`/jobs/3`,
/// `/computeEnvironments/0`, `/2`) is dropped.
fn field_path(pointer: &str) -> String {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut tokens: &[String] = &tokens;
    let is_index = |t: &String| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match tokens {
        [wrapper, i, rest @ ..] if WRAPPERS.contains(&wrapper.as_str()) && is_index(i) => {
            tokens = rest
        }
        [i, rest @ ..] if is_index(i) => tokens = rest,
        _ => {}
    }
    let mut path = String::new();
    for t in tokens {
        if is_index(t) {
            path.push_str("[]");
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(t);
        }
    }
    path
}

/// `a.b[].c` → `a.b[]`, then `a.b`, then `a`.
fn parent(path: &str) -> Option<&str> {
    if let Some(p) = path.strip_suffix("[]") {
        return Some(p);
    }
    path.rfind('.').map(|i| &path[..i])
}

fn within(inner: &str, outer: &str) -> bool {
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Whether a diagnostic at `found` is about the field `path`: on it, inside it, on one of the
/// objects that hold it, or inside the same object below the top level (a volume, a rule).
fn about(found: &str, path: &str) -> bool {
    if found.is_empty() {
        return false;
    }
    if within(found, path) || within(path, found) {
        return true;
    }
    let mut holder = parent(path);
    while let Some(h) = holder {
        if !h.contains('.') {
            break;
        }
        if within(found, h) {
            return true;
        }
        holder = parent(h);
    }
    false
}

#[test]
fn codes_exist_and_fire_on_their_fields_in_the_snapshots() {
    let findings = snapshot_findings();
    let internal = [
        Code::SchemaViolation,
        Code::ArgoRule,
        Code::YamlRoundTrip,
        Code::OutputCollision,
    ];
    let mut problems = Vec::new();
    for f in FIELDS {
        let codes = f.mapping.codes();
        for code in codes {
            if !Code::ALL.contains(code) || internal.contains(code) {
                problems.push(format!(
                    "`{}` names {}, which no input can trigger",
                    f.path,
                    code.as_str()
                ));
            }
        }
        if codes.is_empty() {
            continue;
        }
        let exempt = NOT_SHOWN_ON_FIELD
            .iter()
            .find(|(op, p, _)| *op == f.section.operation() && within(f.path, p));
        if !codes
            .iter()
            .any(|c| findings.contains(&(c.as_str().to_string(), String::new())))
        {
            problems.push(format!(
                "{} `{}`: none of its codes appears in any snapshot",
                f.section.operation(),
                f.path
            ));
            continue;
        }
        let shown = codes.iter().any(|c| {
            findings
                .iter()
                .any(|(code, found)| code == c.as_str() && about(found, f.path))
        });
        match (shown, exempt) {
            (false, None) => problems.push(format!(
                "{} `{}`: no snapshot shows {} on this field (add a fixture, or list it in NOT_SHOWN_ON_FIELD)",
                f.section.operation(),
                f.path,
                codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" or ")
            )),
            (true, Some((_, p, _))) if *p == f.path => problems.push(format!(
                "{} `{}` is shown on its field now: delete it from NOT_SHOWN_ON_FIELD",
                f.section.operation(),
                f.path
            )),
            _ => {}
        }
    }
    for (op, path, _) in NOT_SHOWN_ON_FIELD {
        if !FIELDS.iter().any(|f| {
            f.section.operation() == *op && f.path == *path && !f.mapping.codes().is_empty()
        }) {
            problems.push(format!(
                "NOT_SHOWN_ON_FIELD names {op} `{path}`, which is no row with codes"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn lossy_rows_without_a_code_are_the_known_gaps() {
    let gaps: BTreeSet<(&str, &str)> = FIELDS
        .iter()
        .filter(|f| f.mapping.is_lossy() && f.mapping.codes().is_empty())
        .map(|f| (f.section.operation(), f.path))
        .collect();
    let known: BTreeSet<(&str, &str)> = KNOWN_GAPS.iter().copied().collect();
    assert!(
        gaps == known,
        "lossy rows without a code changed.\n  new: {:#?}\n  closed (delete from KNOWN_GAPS): {:#?}",
        gaps.difference(&known).collect::<Vec<_>>(),
        known.difference(&gaps).collect::<Vec<_>>()
    );
}

#[test]
fn pointers_read_as_inventory_paths() {
    assert_eq!(
        field_path("/0/containerOverrides/environment/1/name"),
        "containerOverrides.environment[].name"
    );
    assert_eq!(
        field_path("/jobDefinitions/2/containerProperties/volumes/0/host"),
        "containerProperties.volumes[].host"
    );
    assert_eq!(field_path("/parameters/a~1b"), "parameters.a/b");
    assert_eq!(
        field_path("/computeEnvironments/1/computeResources/ec2Configuration/0"),
        "computeResources.ec2Configuration[]"
    );
    assert!(about(
        "containerProperties.volumes[].efsVolumeConfiguration.fileSystemId",
        "containerProperties.volumes[].efsVolumeConfiguration.authorizationConfig.iam"
    ));
    assert!(about("nodeOverrides", "nodeOverrides.numNodes"));
    assert!(!about(
        "containerProperties.image",
        "containerProperties.user"
    ));
    assert!(!about("", "tags"));
}
