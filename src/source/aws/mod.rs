//! The AWS Batch API dialect (camelCase JSON or YAML): request files and `describe-*` dumps.

pub mod container;
pub mod eks;
pub mod job_definition;
pub mod queue;
pub mod submit;

use super::read::{Ctx, Obj};
use super::syntax::{Node, Value};
use crate::diagnostics::{Diagnostics, FileId, Origin};
use crate::ir::Project;
use submit::JobShape;

/// The shape of one document, found from its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    RegisterJobDefinition,
    DescribeJobDefinitions,
    SubmitJob,
    JobGraph,
    DescribeJobs,
    CreateJobQueue,
    DescribeJobQueues,
    CreateComputeEnvironment,
    DescribeComputeEnvironments,
    CreateSchedulingPolicy,
    DescribeSchedulingPolicies,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::RegisterJobDefinition => "RegisterJobDefinition request",
            Shape::DescribeJobDefinitions => "describe-job-definitions output",
            Shape::SubmitJob => "SubmitJob request",
            Shape::JobGraph => "job graph",
            Shape::DescribeJobs => "describe-jobs output",
            Shape::CreateJobQueue => "CreateJobQueue request",
            Shape::DescribeJobQueues => "describe-job-queues output",
            Shape::CreateComputeEnvironment => "CreateComputeEnvironment request",
            Shape::DescribeComputeEnvironments => "describe-compute-environments output",
            Shape::CreateSchedulingPolicy => "CreateSchedulingPolicy request",
            Shape::DescribeSchedulingPolicies => "describe-scheduling-policies output",
        }
    }
}

const POLICY_KEYS: &[&str] = &["name", "arn", "tags", "fairsharePolicy", "quotaSharePolicy"];

fn is_submit(node: &Node) -> bool {
    node.get("jobName").is_some() && node.get("jobDefinition").is_some()
}

/// Recognises a document of this dialect.
pub fn detect(doc: &Node) -> Option<Shape> {
    match &doc.value {
        Value::Seq(items) => {
            (!items.is_empty() && items.iter().all(is_submit)).then_some(Shape::JobGraph)
        }
        Value::Map(entries) => {
            let has = |k: &str| doc.get(k).is_some();
            if has("jobDefinitions") {
                Some(Shape::DescribeJobDefinitions)
            } else if has("jobQueues") {
                Some(Shape::DescribeJobQueues)
            } else if has("computeEnvironments") {
                Some(Shape::DescribeComputeEnvironments)
            } else if has("schedulingPolicies") {
                Some(Shape::DescribeSchedulingPolicies)
            } else if let Some(jobs) = doc.get("jobs").and_then(Node::as_seq) {
                let described = jobs
                    .iter()
                    .any(|j| j.get("jobId").is_some() && j.get("status").is_some());
                if described {
                    Some(Shape::DescribeJobs)
                } else if jobs.iter().all(is_submit) {
                    Some(Shape::JobGraph)
                } else {
                    None
                }
            } else if has("jobDefinitionName") {
                Some(Shape::RegisterJobDefinition)
            } else if is_submit(doc) {
                Some(Shape::SubmitJob)
            } else if has("jobQueueName") {
                Some(Shape::CreateJobQueue)
            } else if has("computeEnvironmentName") {
                Some(Shape::CreateComputeEnvironment)
            } else if has("name")
                && entries
                    .iter()
                    .all(|e| POLICY_KEYS.contains(&e.key.as_str()))
            {
                Some(Shape::CreateSchedulingPolicy)
            } else {
                None
            }
        }
        Value::Scalar(_) => None,
    }
}

/// Reads one detected document into the project.
pub fn load(
    file: FileId,
    stem: &str,
    doc: &Node,
    shape: Shape,
    project: &mut Project,
    diags: &mut Diagnostics,
) {
    let ctx = Ctx {
        file,
        api: super::read::Api::AwsBatch,
    };
    let root = String::new();
    match shape {
        Shape::RegisterJobDefinition => {
            if let Some(o) = Obj::new(ctx, doc, root, diags) {
                project
                    .job_definitions
                    .extend(job_definition::read_job_definition(o, diags));
            }
        }
        Shape::DescribeJobDefinitions => {
            for o in list_of(ctx, doc, "jobDefinitions", diags) {
                project
                    .job_definitions
                    .extend(job_definition::read_job_definition(o, diags));
            }
        }
        Shape::SubmitJob => {
            if let Some(o) = Obj::new(ctx, doc, root, diags) {
                let origin = o.origin();
                let name = doc.get_str("jobName").unwrap_or(stem).to_string();
                project.graphs.push(submit::read_graph(
                    name,
                    vec![o],
                    JobShape::Submit,
                    origin,
                    diags,
                ));
            }
        }
        Shape::JobGraph | Shape::DescribeJobs => {
            let job_shape = if shape == Shape::DescribeJobs {
                JobShape::Describe
            } else {
                JobShape::Submit
            };
            let items = match &doc.value {
                Value::Seq(items) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| Obj::new(ctx, n, format!("/{i}"), diags))
                    .collect(),
                _ => list_of(ctx, doc, "jobs", diags),
            };
            let origin = Origin::new(file, doc.span, "");
            project.graphs.push(submit::read_graph(
                stem.to_string(),
                items,
                job_shape,
                origin,
                diags,
            ));
        }
        Shape::CreateJobQueue => {
            if let Some(o) = Obj::new(ctx, doc, root, diags) {
                project.queues.extend(queue::read_queue(o, diags));
            }
        }
        Shape::DescribeJobQueues => {
            for o in list_of(ctx, doc, "jobQueues", diags) {
                project.queues.extend(queue::read_queue(o, diags));
            }
        }
        Shape::CreateComputeEnvironment => {
            if let Some(o) = Obj::new(ctx, doc, root, diags) {
                project
                    .compute_environments
                    .extend(queue::read_compute_environment(o, diags));
            }
        }
        Shape::DescribeComputeEnvironments => {
            for o in list_of(ctx, doc, "computeEnvironments", diags) {
                project
                    .compute_environments
                    .extend(queue::read_compute_environment(o, diags));
            }
        }
        Shape::CreateSchedulingPolicy => {
            if let Some(o) = Obj::new(ctx, doc, root, diags) {
                project
                    .scheduling_policies
                    .extend(queue::read_scheduling_policy(o, diags));
            }
        }
        Shape::DescribeSchedulingPolicies => {
            for o in list_of(ctx, doc, "schedulingPolicies", diags) {
                project
                    .scheduling_policies
                    .extend(queue::read_scheduling_policy(o, diags));
            }
        }
    }
}

/// The objects of a dump's list (`jobDefinitions`, `jobs`…); `nextToken` is accepted.
fn list_of<'a>(ctx: Ctx, doc: &'a Node, key: &str, diags: &mut Diagnostics) -> Vec<Obj<'a>> {
    let Some(mut o) = Obj::new(ctx, doc, String::new(), diags) else {
        return Vec::new();
    };
    let items = o.objects(key, diags);
    o.ignore(&["nextToken"]);
    o.finish(diags);
    items
}

/// AWS names: 1 to 128 letters, digits, `_` and `-`, starting with a letter or digit.
pub fn check_name(name: &crate::ir::Text, what: &str, diags: &mut Diagnostics) {
    let text = &name.value;
    let chars_ok = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let starts_ok = text.starts_with(|c: char| c.is_ascii_alphanumeric());
    if text.is_empty() || text.chars().count() > 128 || !chars_ok || !starts_ok {
        let shown: String = text.chars().take(40).collect();
        let more = if text.chars().count() > 40 { "…" } else { "" };
        diags.report(
            crate::diagnostics::Code::InvalidValue,
            &name.origin,
            format!(
                "{what} `{shown}{more}` is not 1–128 letters, digits, `_` or `-` starting with a letter or digit ({} characters)",
                text.chars().count()
            ),
        );
    }
}

/// Reported when a document matches no shape.
pub fn unknown_shape_message(doc: &Node) -> String {
    let keys: Vec<&str> = doc
        .as_map()
        .map(|m| m.iter().take(5).map(|e| e.key.as_str()).collect())
        .unwrap_or_default();
    if keys.is_empty() {
        format!(
            "this document ({}) is not an AWS Batch request or describe output",
            doc.kind_name()
        )
    } else {
        format!(
            "this document (keys: {}) is not an AWS Batch request or describe output",
            keys.join(", ")
        )
    }
}
