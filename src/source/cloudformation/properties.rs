//! A resource's resolved `Properties` (PascalCase) → the AWS Batch API object (camelCase) the
//! API readers take, keeping every span.
//!
//! The rules, checked against the CloudFormation resource schemas and the API model:
//! - a property name is the API field name with its first letter upper-cased, except
//!   `S3FilesVolumeConfiguration` ↔ `s3filesVolumeConfiguration`;
//! - map-typed values keep their keys verbatim (`Parameters`, `Tags`, `LogConfiguration.Options`,
//!   EKS `Limits`/`Requests`/`Labels`/`Annotations`, FireLens `Options`): lower-casing them would
//!   rename job parameters and log options;
//! - CloudFormation-only properties (`ResourceRetentionPolicy`, `ReplaceComputeEnvironment`,
//!   `UpdatePolicy`, `ComputeResources.UpdateToLatestImageVersion`) have no API field: B2A611;
//! - scalars take the type the API field has, as CloudFormation converts them: `Value: 4` is the
//!   string `"4"`, `Priority: "10"` (what `Ref` of a Number parameter gives) is the integer 10,
//!   `Privileged: "true"` the boolean. These are not B2A005 findings here; only a number whose
//!   text CloudFormation would rewrite is (B2A610).

use crate::diagnostics::{Code, Diagnostics, FileId, Origin};
use crate::source::syntax::{Entry, Node, Scalar, ScalarKind, Value};

/// API fields whose values are maps with user-chosen keys.
const VERBATIM: &[&str] = &[
    "parameters",
    "tags",
    "options",
    "limits",
    "requests",
    "labels",
    "annotations",
];

/// CloudFormation-only properties: how to update or delete, not what to run.
const CFN_ONLY: &[&str] = &[
    "ResourceRetentionPolicy",
    "ReplaceComputeEnvironment",
    "UpdatePolicy",
    "UpdateToLatestImageVersion",
];

/// API fields typed integer or long in the model.
const INTEGERS: &[&str] = &[
    "attemptDurationSeconds",
    "attempts",
    "availableQuantity",
    "bidPercentage",
    "computeReservation",
    "desiredvCpus",
    "exitCode",
    "fsGroup",
    "hardLimit",
    "index",
    "inUseQuantity",
    "jobExecutionTimeoutMinutes",
    "mainNode",
    "maxSwap",
    "maxTimeSeconds",
    "maxvCpus",
    "memory",
    "minScaleDownDelayMinutes",
    "minvCpus",
    "nodeIndex",
    "numNodes",
    "order",
    "priority",
    "quantity",
    "revision",
    "runAsGroup",
    "runAsUser",
    "scaleInAfter",
    "schedulingPriority",
    "schedulingPriorityOverride",
    "shareDecaySeconds",
    "sharedMemorySize",
    "size",
    "sizeInGiB",
    "softLimit",
    "startTimeout",
    "stopTimeout",
    "storageSizeGiB",
    "swappiness",
    "totalQuantity",
    "transitEncryptionPort",
    "unmanagedvCpus",
    "vcpus",
];

/// API fields typed float.
const FLOATS: &[&str] = &["weightFactor"];

/// API fields typed boolean.
const BOOLEANS: &[&str] = &[
    "allowPrivilegeEscalation",
    "enableExecuteCommand",
    "essential",
    "fipsEnabled",
    "hostNetwork",
    "initProcessEnabled",
    "instanceMetadataTagsPropagation",
    "optional",
    "privileged",
    "propagateTags",
    "readOnly",
    "readOnlyRootFilesystem",
    "readonlyRootFilesystem",
    "runAsNonRoot",
    "shareProcessNamespace",
    "terminateJobsOnUpdate",
    "useLocalStorage",
];

/// The API name of a CloudFormation property.
pub fn api_key(key: &str) -> String {
    if key == "S3FilesVolumeConfiguration" {
        return "s3filesVolumeConfiguration".to_string();
    }
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Converts resolved `Properties` into the API object.
pub fn to_api(node: &Node, file: FileId, diags: &mut Diagnostics) -> Node {
    convert(node, None, file, diags)
}

fn convert(node: &Node, field: Option<&str>, file: FileId, diags: &mut Diagnostics) -> Node {
    let value = match &node.value {
        Value::Scalar(s) => Value::Scalar(coerce(s, node, field, file, diags)),
        Value::Seq(items) => Value::Seq(
            items
                .iter()
                .map(|i| convert(i, field, file, diags))
                .collect(),
        ),
        Value::Map(entries) if field.is_some_and(|f| VERBATIM.contains(&f)) => Value::Map(
            entries
                .iter()
                .map(|e| Entry {
                    key: e.key.clone(),
                    key_span: e.key_span,
                    value: match &e.value.value {
                        Value::Scalar(s) => Node {
                            value: Value::Scalar(coerce(s, &e.value, None, file, diags)),
                            span: e.value.span,
                            tag: None,
                        },
                        _ => e.value.clone(),
                    },
                })
                .collect(),
        ),
        Value::Map(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            for e in entries {
                if CFN_ONLY.contains(&e.key.as_str()) {
                    diags.report(
                        Code::CfnOnlyProperty,
                        &Origin::new(file, e.key_span, ""),
                        format!(
                            "`{}` only tells CloudFormation how to update or delete the resource; it has no effect on the output",
                            e.key
                        ),
                    );
                    continue;
                }
                if e.key.starts_with(|c: char| c.is_ascii_lowercase()) {
                    let mut chars = e.key.chars();
                    let pascal: String = chars
                        .next()
                        .map(|c| c.to_ascii_uppercase())
                        .into_iter()
                        .chain(chars)
                        .collect();
                    diags.report(
                        Code::CfnCamelCaseProperty,
                        &Origin::new(file, e.key_span, ""),
                        format!(
                            "CloudFormation property names are PascalCase: `{}` should be `{pascal}`; CloudFormation rejects the template",
                            e.key
                        ),
                    );
                }
                let key = api_key(&e.key);
                let value = convert(&e.value, Some(&key), file, diags);
                out.push(Entry {
                    key,
                    key_span: e.key_span,
                    value,
                });
            }
            Value::Map(out)
        }
    };
    Node {
        value,
        span: node.span,
        tag: None,
    }
}

/// A scalar with the type its API field has (`field` `None`: a map value, always a string).
fn coerce(
    s: &Scalar,
    node: &Node,
    field: Option<&str>,
    file: FileId,
    diags: &mut Diagnostics,
) -> Scalar {
    let with = |text: String, kind: ScalarKind| Scalar {
        text,
        kind,
        plain: s.plain,
    };
    if s.kind == ScalarKind::Null {
        return s.clone();
    }
    let field_name = field.unwrap_or("");
    if INTEGERS.contains(&field_name) {
        if s.kind == ScalarKind::Str && s.text.trim().parse::<i64>().is_ok() {
            return with(s.text.trim().to_string(), ScalarKind::Number);
        }
        return s.clone();
    }
    if FLOATS.contains(&field_name) {
        if s.kind == ScalarKind::Str && s.text.trim().parse::<f64>().is_ok() {
            return with(s.text.trim().to_string(), ScalarKind::Number);
        }
        return s.clone();
    }
    if BOOLEANS.contains(&field_name) {
        if s.kind == ScalarKind::Str {
            if s.text.eq_ignore_ascii_case("true") {
                return with("true".to_string(), ScalarKind::Bool(true));
            }
            if s.text.eq_ignore_ascii_case("false") {
                return with("false".to_string(), ScalarKind::Bool(false));
            }
        }
        return s.clone();
    }
    match s.kind {
        ScalarKind::Number => {
            if let Some(canonical) = rewritten(&s.text) {
                let becomes = if canonical.is_empty() {
                    "in another form".to_string()
                } else {
                    format!("as `{canonical}`")
                };
                diags.report(
                    Code::CfnNumberText,
                    &Origin::new(file, node.span, ""),
                    format!(
                        "the number `{}` stands where AWS wants a string; CloudFormation passes it on {becomes}, batch2argo reads it as written",
                        s.text
                    ),
                );
            }
            with(s.text.clone(), ScalarKind::Str)
        }
        ScalarKind::Bool(b) => with(b.to_string(), ScalarKind::Str),
        _ => s.clone(),
    }
}

/// How CloudFormation writes a number back, when that differs from `text` (empty: in a form
/// batch2argo does not predict).
fn rewritten(text: &str) -> Option<String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical_integer = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && digits.len() <= 15;
    if canonical_integer {
        return None;
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => {
            let shown = if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", f as i64)
            } else {
                format!("{f}")
            };
            (shown != text).then_some(shown)
        }
        // Hexadecimal, octal, infinities: CloudFormation's reading differs from YAML 1.2's.
        _ => Some(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_names_map_to_api_fields() {
        assert_eq!(api_key("ContainerProperties"), "containerProperties");
        assert_eq!(api_key("MaxvCpus"), "maxvCpus");
        assert_eq!(
            api_key("S3FilesVolumeConfiguration"),
            "s3filesVolumeConfiguration"
        );
        assert_eq!(api_key(""), "");
    }

    #[test]
    fn only_numbers_cloudformation_rewrites_are_flagged() {
        assert_eq!(rewritten("4"), None);
        assert_eq!(rewritten("-12"), None);
        assert_eq!(rewritten("0.25"), None);
        assert_eq!(rewritten("3.10").as_deref(), Some("3.1"));
        assert_eq!(rewritten("1.0").as_deref(), Some("1"));
        assert_eq!(rewritten("0755").as_deref(), Some("755"));
        assert_eq!(rewritten("1e3").as_deref(), Some("1000"));
        assert!(rewritten("0x1F").is_some());
    }
}
