//! The CloudFormation dialect: `AWS::Batch::JobDefinition`, `JobQueue`, `ComputeEnvironment` and
//! `SchedulingPolicy` resources of a template (JSON or YAML, long or short intrinsic syntax).
//!
//! Each resource's `Properties` are evaluated ([`intrinsics`]: parameters, pseudo parameters,
//! conditions, mappings, references between resources), translated into the API object the AWS
//! Batch API dialect reads ([`properties`]), and handed to the same readers, so a template gives
//! the same IR as the equivalent API request files. Every value keeps the span of the template
//! text it came from.
//!
//! `--param` (`ReadOptions::params`) gives values: template parameters (`Env=prod`), pseudo
//! parameters (`AWS::Region=eu-west-1`), physical ids of other resources (`Subnet=subnet-1`),
//! their attributes (`JobRole.Arn=arn:…`) and other stacks' exports (`import:Name=value`).

pub mod intrinsics;
pub mod names;
pub mod properties;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use super::read::{pointer_token, Api, Ctx, Obj};
use super::syntax::{Entry, Node, Scalar, ScalarKind, Value};
use super::ReadOptions;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, Span};
use crate::ir::Project;
use intrinsics::{Kind, Resolver, Resource, Template, R};

/// What a detected document is called in messages.
pub const SHAPE: &str = "CloudFormation template";

/// Recognises a template: `AWSTemplateFormatVersion`, or `Resources` whose entries have an
/// `AWS::…` (or `Custom::…`) `Type`.
pub fn detect(doc: &Node) -> Option<&'static str> {
    doc.as_map()?;
    if doc.get("AWSTemplateFormatVersion").is_some() {
        return Some(SHAPE);
    }
    let resources = doc.get("Resources")?.as_map()?;
    resources
        .iter()
        .any(|e| {
            e.value
                .get_str("Type")
                .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
        })
        .then_some(SHAPE)
}

fn origin(file: FileId, span: Span) -> Origin {
    Origin::new(file, span, "")
}

fn structure(diags: &mut Diagnostics, file: FileId, span: Span, message: String) {
    diags.report(Code::CfnTemplateStructure, &origin(file, span), message);
}

/// A section that must be an object when present.
fn section<'a>(
    doc: &'a Node,
    key: &str,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<&'a Node> {
    let node = doc.get(key)?;
    if node.as_map().is_none() {
        if let Value::Scalar(s) = &node.value {
            if s.kind == ScalarKind::Null {
                return None;
            }
        }
        structure(
            diags,
            file,
            node.span,
            format!("`{key}` must be an object, found {}", node.kind_name()),
        );
        return None;
    }
    Some(node)
}

/// Reads one template into the project.
pub fn load(
    file: FileId,
    stem: &str,
    doc: &Node,
    project: &mut Project,
    diags: &mut Diagnostics,
    read: &ReadOptions,
) {
    if let Some(transform) = doc.get("Transform") {
        let names: Vec<String> = match &transform.value {
            Value::Seq(items) => items
                .iter()
                .map(|i| intrinsics::scalar_text(i).unwrap_or("?").to_string())
                .collect(),
            Value::Scalar(s) => vec![s.text.clone()],
            Value::Map(_) => vec!["?".to_string()],
        };
        diags.push(
            Diagnostic::new(
                Code::CfnTransform,
                format!(
                    "the template declares Transform `{}`, which batch2argo does not expand; its Batch resources are read as written",
                    names.join("`, `")
                ),
            )
            .at(&origin(file, transform.span))
            .with_help("convert the processed template (`aws cloudformation get-template --template-stage Processed`)"),
        );
    }
    let parameters = section(doc, "Parameters", file, diags)
        .and_then(Node::as_map)
        .unwrap_or(&[]);
    let mappings = section(doc, "Mappings", file, diags);
    let conditions = section(doc, "Conditions", file, diags);
    let Some(resource_section) = section(doc, "Resources", file, diags) else {
        if doc.get("Resources").is_none() {
            structure(
                diags,
                file,
                Span::new(doc.span.start as usize, doc.span.start as usize + 1),
                "the template has no `Resources`".to_string(),
            );
        }
        return;
    };
    let mut resources = Vec::new();
    for e in resource_section.as_map().unwrap_or(&[]) {
        if e.value.as_map().is_none() {
            structure(
                diags,
                file,
                e.value.span,
                format!(
                    "resource `{}` must be an object, found {}",
                    e.key,
                    e.value.kind_name()
                ),
            );
            continue;
        }
        let Some(type_name) = e.value.get_str("Type") else {
            structure(
                diags,
                file,
                e.key_span,
                format!("resource `{}` has no string `Type`", e.key),
            );
            continue;
        };
        resources.push(Resource {
            id: &e.key,
            key_span: e.key_span,
            node: &e.value,
            kind: Kind::from_type(type_name),
        });
    }
    let template = Template {
        file,
        parameters,
        mappings,
        conditions,
        resources,
    };
    let mut resolver = Resolver::new(&template, &read.params, stem);

    let mut ignored: BTreeSet<&str> = BTreeSet::new();
    let mut first_ignored: Option<Span> = None;
    for (i, resource) in template.resources.iter().enumerate() {
        let Some(kind) = resource.kind else {
            ignored.insert(resource.node.get_str("Type").unwrap_or("?"));
            first_ignored.get_or_insert(resource.key_span);
            continue;
        };
        read_resource(i, resource, kind, &mut resolver, file, project, diags);
    }
    if let Some(at) = first_ignored {
        let types: Vec<&str> = ignored.iter().copied().collect();
        let count = template
            .resources
            .iter()
            .filter(|r| r.kind.is_none())
            .count();
        let shown = if types.len() > 8 {
            format!("{}, …", types[..8].join(", "))
        } else {
            types.join(", ")
        };
        diags.report(
            Code::CfnIgnoredResources,
            &origin(file, at),
            format!(
                "ignored {count} resource{} that {} not an AWS Batch job definition, job queue, compute environment or scheduling policy: {shown}",
                if count == 1 { "" } else { "s" },
                if count == 1 { "is" } else { "are" },
            ),
        );
    }
}

fn read_resource(
    i: usize,
    resource: &Resource<'_>,
    kind: Kind,
    resolver: &mut Resolver<'_>,
    file: FileId,
    project: &mut Project,
    diags: &mut Diagnostics,
) {
    if let Some(condition) = resource.node.get("Condition") {
        let Some(name) =
            intrinsics::scalar_text(condition).filter(|_| condition.as_map().is_none())
        else {
            structure(
                diags,
                file,
                condition.span,
                format!(
                    "the `Condition` of `{}` must be a condition name",
                    resource.id
                ),
            );
            return;
        };
        match resolver.condition(name, condition.span, diags) {
            Some(true) => {}
            Some(false) => {
                diags.report(
                    Code::CfnConditionFalse,
                    &origin(file, resource.key_span),
                    format!(
                        "`{}` is not created: its condition `{name}` is false with these parameter values",
                        resource.id
                    ),
                );
                return;
            }
            None => return,
        }
    }
    let empty = Node {
        value: Value::Map(Vec::new()),
        span: resource.key_span,
        tag: None,
    };
    let raw = match resource.node.get("Properties") {
        Some(p) if matches!(&p.value, Value::Scalar(s) if s.kind == ScalarKind::Null) => &empty,
        Some(p) => p,
        None => &empty,
    };
    let resolved = match resolver.resolve(raw, diags) {
        R::Val(v) if v.as_map().is_some() => v,
        R::Val(v) => {
            structure(
                diags,
                file,
                raw.span,
                format!(
                    "the `Properties` of `{}` must be an object, found {}",
                    resource.id,
                    v.kind_name()
                ),
            );
            return;
        }
        R::NoValue => empty.clone(),
        R::Failed => return,
    };
    let mut properties = resolved;
    let name_property = kind.name_property();
    if properties.get(name_property).is_none() {
        if let Some((name, true)) = resolver.physical_name(i, diags) {
            diags.report(
                Code::CfnGeneratedName,
                &origin(file, resource.key_span),
                format!(
                    "`{}` has no `{name_property}`; CloudFormation generates one at deploy time, here `{name}`",
                    resource.id
                ),
            );
            if let Value::Map(entries) = &mut properties.value {
                entries.insert(
                    0,
                    Entry {
                        key: name_property.to_string(),
                        key_span: resource.key_span,
                        value: Node {
                            value: Value::Scalar(Scalar {
                                text: name,
                                kind: ScalarKind::Str,
                                plain: false,
                            }),
                            span: resource.key_span,
                            tag: None,
                        },
                    },
                );
            }
        }
    }
    let api = properties::to_api(&properties, file, diags);
    let ctx = Ctx {
        file,
        api: Api::AwsBatch,
    };
    let pointer = format!("/Resources/{}/Properties", pointer_token(resource.id));
    let Some(o) = Obj::new(ctx, &api, pointer, diags) else {
        return;
    };
    match kind {
        Kind::JobDefinition => {
            project
                .job_definitions
                .extend(crate::source::aws::job_definition::read_job_definition(
                    o, diags,
                ))
        }
        Kind::JobQueue => project
            .queues
            .extend(crate::source::aws::queue::read_queue(o, diags)),
        Kind::ComputeEnvironment => project.compute_environments.extend(
            crate::source::aws::queue::read_compute_environment(o, diags),
        ),
        Kind::SchedulingPolicy => project
            .scheduling_policies
            .extend(crate::source::aws::queue::read_scheduling_policy(o, diags)),
    }
}
