//! The four Batch resource types: provider arguments (snake_case, nested blocks) → the camelCase
//! API objects the AWS Batch readers take, so a Terraform resource becomes exactly the IR its
//! API request would.
//!
//! The tables follow the provider's schema. Where the provider's name is not the API name
//! camel-cased, the table says so: `instance_type` → `instanceTypes`, `desired_vcpus` →
//! `desiredvCpus`, `fair_share_policy` → `fairsharePolicy`, `image_pull_secret` →
//! `imagePullSecrets`, `job_state_time_limit_action` → `jobStateTimeLimitActions`, and the
//! resource names (`name` → `jobDefinitionName` / `jobQueueName` / `computeEnvironmentName`).

use super::eval::JSON_TAG;
use super::text;
use crate::diagnostics::{Code, Diagnostics, FileId, Origin};
use crate::ir::Project;
use crate::source::aws::{job_definition, queue};
use crate::source::read::{Api, Ctx, Obj};
use crate::source::syntax::{Entry, Node, Scalar, ScalarKind, Value};
use std::collections::HashMap;

/// How a provider argument becomes an API field.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Copied as is (scalars and lists of scalars).
    Plain,
    /// A map whose keys are data (`tags`, `parameters`, `labels`): never re-cased.
    Map,
    /// A JSON string holding the camelCase API object (`container_properties`).
    Json,
    /// A block that appears at most once: an object.
    One(&'static [F]),
    /// A repeated block: a list of objects.
    Many(&'static [F]),
    /// Computed by Terraform or only about how Terraform manages the resource.
    Ignore,
    /// Deprecated by the provider; read as `Plain`, with the replacement named.
    Deprecated(&'static str),
    /// `aws_batch_job_queue.compute_environments`: a list whose order is the CE order.
    ComputeEnvironments,
    /// A generated name (`name_prefix`): unknown until apply.
    Generated,
}

/// One argument: provider name, API name, kind.
pub struct F(pub &'static str, pub &'static str, pub Kind);

use Kind::*;

const EVALUATE_ON_EXIT: &[F] = &[
    F("action", "action", Plain),
    F("on_exit_code", "onExitCode", Plain),
    F("on_reason", "onReason", Plain),
    F("on_status_reason", "onStatusReason", Plain),
];
const RETRY: &[F] = &[
    F("attempts", "attempts", Plain),
    F("evaluate_on_exit", "evaluateOnExit", Many(EVALUATE_ON_EXIT)),
];
const TIMEOUT: &[F] = &[F(
    "attempt_duration_seconds",
    "attemptDurationSeconds",
    Plain,
)];
const NAME_VALUE: &[F] = &[F("name", "name", Plain), F("value", "value", Plain)];
const NAME_ONLY: &[F] = &[F("name", "name", Plain)];
const EKS_RESOURCES: &[F] = &[F("limits", "limits", Map), F("requests", "requests", Map)];
const EKS_SECURITY: &[F] = &[
    F("privileged", "privileged", Plain),
    F("read_only_root_filesystem", "readOnlyRootFilesystem", Plain),
    F("run_as_group", "runAsGroup", Plain),
    F("run_as_non_root", "runAsNonRoot", Plain),
    F("run_as_user", "runAsUser", Plain),
    F(
        "allow_privilege_escalation",
        "allowPrivilegeEscalation",
        Plain,
    ),
];
const EKS_MOUNT: &[F] = &[
    F("mount_path", "mountPath", Plain),
    F("name", "name", Plain),
    F("read_only", "readOnly", Plain),
    F("sub_path", "subPath", Plain),
];
const EKS_CONTAINER: &[F] = &[
    F("args", "args", Plain),
    F("command", "command", Plain),
    F("env", "env", Many(NAME_VALUE)),
    F("image", "image", Plain),
    F("image_pull_policy", "imagePullPolicy", Plain),
    F("name", "name", Plain),
    F("resources", "resources", One(EKS_RESOURCES)),
    F("security_context", "securityContext", One(EKS_SECURITY)),
    F("volume_mounts", "volumeMounts", Many(EKS_MOUNT)),
];
const EKS_METADATA: &[F] = &[
    F("labels", "labels", Map),
    F("annotations", "annotations", Map),
    F("namespace", "namespace", Plain),
];
const EKS_VOLUME: &[F] = &[
    F("name", "name", Plain),
    F(
        "empty_dir",
        "emptyDir",
        One(&[
            F("medium", "medium", Plain),
            F("size_limit", "sizeLimit", Plain),
        ]),
    ),
    F("host_path", "hostPath", One(&[F("path", "path", Plain)])),
    F(
        "secret",
        "secret",
        One(&[
            F("secret_name", "secretName", Plain),
            F("optional", "optional", Plain),
        ]),
    ),
    F(
        "persistent_volume_claim",
        "persistentVolumeClaim",
        One(&[
            F("claim_name", "claimName", Plain),
            F("read_only", "readOnly", Plain),
        ]),
    ),
];
const POD_PROPERTIES: &[F] = &[
    F("containers", "containers", Many(EKS_CONTAINER)),
    F("init_containers", "initContainers", Many(EKS_CONTAINER)),
    F("dns_policy", "dnsPolicy", Plain),
    F("host_network", "hostNetwork", Plain),
    F("image_pull_secret", "imagePullSecrets", Many(NAME_ONLY)),
    F("metadata", "metadata", One(EKS_METADATA)),
    F("service_account_name", "serviceAccountName", Plain),
    F("share_process_namespace", "shareProcessNamespace", Plain),
    F("volumes", "volumes", Many(EKS_VOLUME)),
];
const EKS_PROPERTIES: &[F] = &[F("pod_properties", "podProperties", One(POD_PROPERTIES))];

pub const JOB_DEFINITION: &[F] = &[
    F("name", "jobDefinitionName", Plain),
    F("type", "type", Plain),
    F("parameters", "parameters", Map),
    F("platform_capabilities", "platformCapabilities", Plain),
    F("propagate_tags", "propagateTags", Plain),
    F("scheduling_priority", "schedulingPriority", Plain),
    F("tags", "tags", Map),
    F("container_properties", "containerProperties", Json),
    F("ecs_properties", "ecsProperties", Json),
    F("node_properties", "nodeProperties", Json),
    F("eks_properties", "eksProperties", One(EKS_PROPERTIES)),
    F("retry_strategy", "retryStrategy", One(RETRY)),
    F("timeout", "timeout", One(TIMEOUT)),
    F("deregister_on_new_revision", "", Ignore),
    F("arn", "jobDefinitionArn", Plain),
    F("revision", "revision", Plain),
    F("arn_prefix", "", Ignore),
    F("id", "", Ignore),
    F("tags_all", "", Ignore),
    F("region", "", Ignore),
];

pub const JOB_QUEUE: &[F] = &[
    F("name", "jobQueueName", Plain),
    F("state", "state", Plain),
    F("priority", "priority", Plain),
    F("scheduling_policy_arn", "schedulingPolicyArn", Plain),
    F("tags", "tags", Map),
    F(
        "compute_environment_order",
        "computeEnvironmentOrder",
        Many(&[
            F("order", "order", Plain),
            F("compute_environment", "computeEnvironment", Plain),
        ]),
    ),
    F(
        "compute_environments",
        "computeEnvironmentOrder",
        ComputeEnvironments,
    ),
    F(
        "job_state_time_limit_action",
        "jobStateTimeLimitActions",
        Many(&[
            F("action", "action", Plain),
            F("max_time_seconds", "maxTimeSeconds", Plain),
            F("reason", "reason", Plain),
            F("state", "state", Plain),
        ]),
    ),
    F("timeouts", "", Ignore),
    F("arn", "jobQueueArn", Plain),
    F("id", "", Ignore),
    F("tags_all", "", Ignore),
    F("region", "", Ignore),
];

const COMPUTE_RESOURCES: &[F] = &[
    F("allocation_strategy", "allocationStrategy", Plain),
    F("bid_percentage", "bidPercentage", Plain),
    F("desired_vcpus", "desiredvCpus", Plain),
    F("max_vcpus", "maxvCpus", Plain),
    F("min_vcpus", "minvCpus", Plain),
    F(
        "ec2_configuration",
        "ec2Configuration",
        Many(&[
            F("image_id_override", "imageIdOverride", Plain),
            F("image_type", "imageType", Plain),
            F("image_kubernetes_version", "imageKubernetesVersion", Plain),
        ]),
    ),
    F("ec2_key_pair", "ec2KeyPair", Plain),
    F(
        "image_id",
        "imageId",
        Deprecated("`ec2_configuration { image_id_override = … }`"),
    ),
    F("instance_role", "instanceRole", Plain),
    F("instance_type", "instanceTypes", Plain),
    F(
        "launch_template",
        "launchTemplate",
        One(&[
            F("launch_template_id", "launchTemplateId", Plain),
            F("launch_template_name", "launchTemplateName", Plain),
            F("version", "version", Plain),
        ]),
    ),
    F("placement_group", "placementGroup", Plain),
    F("security_group_ids", "securityGroupIds", Plain),
    F("spot_iam_fleet_role", "spotIamFleetRole", Plain),
    F("subnets", "subnets", Plain),
    F("tags", "tags", Map),
    F("type", "type", Plain),
];

pub const COMPUTE_ENVIRONMENT: &[F] = &[
    F("name", "computeEnvironmentName", Plain),
    F("compute_environment_name", "computeEnvironmentName", Plain),
    F("name_prefix", "", Generated),
    F("compute_environment_name_prefix", "", Generated),
    F("type", "type", Plain),
    F("state", "state", Plain),
    F("service_role", "serviceRole", Plain),
    F("tags", "tags", Map),
    F(
        "compute_resources",
        "computeResources",
        One(COMPUTE_RESOURCES),
    ),
    F(
        "eks_configuration",
        "eksConfiguration",
        One(&[
            F("eks_cluster_arn", "eksClusterArn", Plain),
            F("kubernetes_namespace", "kubernetesNamespace", Plain),
        ]),
    ),
    F(
        "update_policy",
        "updatePolicy",
        One(&[
            F(
                "job_execution_timeout_minutes",
                "jobExecutionTimeoutMinutes",
                Plain,
            ),
            F("terminate_jobs_on_update", "terminateJobsOnUpdate", Plain),
        ]),
    ),
    F("unmanaged_vcpus", "unmanagedvCpus", Plain),
    F("unmanaged_v_cpus", "unmanagedvCpus", Plain),
    F("arn", "computeEnvironmentArn", Plain),
    F("ecs_cluster_arn", "ecsClusterArn", Plain),
    F("status", "status", Plain),
    F("status_reason", "statusReason", Plain),
    F("id", "", Ignore),
    F("tags_all", "", Ignore),
    F("region", "", Ignore),
];

pub const SCHEDULING_POLICY: &[F] = &[
    F("name", "name", Plain),
    F("tags", "tags", Map),
    F(
        "fair_share_policy",
        "fairsharePolicy",
        One(&[
            F("compute_reservation", "computeReservation", Plain),
            F("share_decay_seconds", "shareDecaySeconds", Plain),
            F(
                "share_distribution",
                "shareDistribution",
                Many(&[
                    F("share_identifier", "shareIdentifier", Plain),
                    F("weight_factor", "weightFactor", Plain),
                ]),
            ),
        ]),
    ),
    F("arn", "arn", Plain),
    F("id", "", Ignore),
    F("tags_all", "", Ignore),
    F("region", "", Ignore),
];

/// The Batch resource types this dialect reads.
pub const TYPES: &[&str] = &[
    "aws_batch_job_definition",
    "aws_batch_job_queue",
    "aws_batch_compute_environment",
    "aws_batch_scheduling_policy",
];

pub fn is_batch(kind: &str) -> bool {
    TYPES.contains(&kind)
}

fn schema(kind: &str) -> Option<&'static [F]> {
    Some(match kind {
        "aws_batch_job_definition" => JOB_DEFINITION,
        "aws_batch_job_queue" => JOB_QUEUE,
        "aws_batch_compute_environment" => COMPUTE_ENVIRONMENT,
        "aws_batch_scheduling_policy" => SCHEDULING_POLICY,
        _ => return None,
    })
}

/// Translation context: where diagnostics go and how strings map to the file.
pub struct Tr<'a> {
    pub file: FileId,
    pub positions: &'a HashMap<(u32, u32), Vec<u32>>,
    /// Raw JSON-string positions are rebuilt from JSON escaping (`.tf.json`, show output).
    pub json_source: bool,
}

/// Reads one evaluated resource (`attrs`: provider arguments, blocks as lists) into the project.
pub fn read(
    tr: &Tr<'_>,
    kind: &str,
    address: &str,
    attrs: &Node,
    ptr: String,
    project: &mut Project,
    diags: &mut Diagnostics,
) {
    let Some(fields) = schema(kind) else {
        return;
    };
    let bad_json = |d: &Diagnostics| {
        d.iter()
            .filter(|x| x.code == Code::TerraformJsonString)
            .count()
    };
    let before = bad_json(diags);
    let api = convert(tr, fields, attrs, &ptr, kind, diags);
    if bad_json(diags) > before {
        // Reading the rest would only report the missing properties again.
        return;
    }
    let ctx = Ctx {
        file: tr.file,
        api: Api::AwsBatch,
    };
    let _ = address;
    let Some(o) = Obj::new(ctx, &api, ptr, diags) else {
        return;
    };
    match kind {
        "aws_batch_job_definition" => project
            .job_definitions
            .extend(job_definition::read_job_definition(o, diags)),
        "aws_batch_job_queue" => project.queues.extend(queue::read_queue(o, diags)),
        "aws_batch_compute_environment" => project
            .compute_environments
            .extend(queue::read_compute_environment(o, diags)),
        _ => project
            .scheduling_policies
            .extend(queue::read_scheduling_policy(o, diags)),
    }
}

fn origin(tr: &Tr<'_>, node: &Node, ptr: &str) -> Origin {
    Origin::new(tr.file, node.span, ptr)
}

fn convert(
    tr: &Tr<'_>,
    fields: &[F],
    src: &Node,
    ptr: &str,
    what: &str,
    diags: &mut Diagnostics,
) -> Node {
    let mut out: Vec<Entry> = Vec::new();
    let entries = src.as_map().unwrap_or(&[]);
    let explicit_order = entries.iter().any(|e| e.key == "compute_environment_order");
    for e in entries {
        let p = format!("{ptr}/{}", crate::source::read::pointer_token(&e.key));
        if is_null(&e.value) || e.key.starts_with("//") {
            continue;
        }
        let Some(F(_, api, kind)) = fields.iter().find(|f| f.0 == e.key) else {
            diags.push(
                crate::diagnostics::Diagnostic::new(
                    Code::TerraformUnknownArgument,
                    format!(
                        "`{}` is not an argument of `{what}`; it was not read",
                        e.key
                    ),
                )
                .at(&Origin::new(tr.file, e.key_span, p.clone()))
                .with_help(format!(
                    "arguments here: {}",
                    fields
                        .iter()
                        .filter(|f| !matches!(f.2, Ignore))
                        .map(|f| f.0)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            continue;
        };
        let value = match kind {
            Plain => Some(untag(&e.value)),
            Map => Some(untag(&e.value)),
            Ignore => None,
            Generated => {
                diags.report(
                    Code::TerraformUnknownValue,
                    &origin(tr, &e.value, &p),
                    format!("`{}` makes Terraform generate the name when it applies; batch2argo does not guess it", e.key),
                );
                None
            }
            Deprecated(instead) => {
                diags.report(
                    Code::TerraformDeprecated,
                    &Origin::new(tr.file, e.key_span, p.clone()),
                    format!(
                        "`{}` is deprecated by the AWS provider; use {instead}",
                        e.key
                    ),
                );
                Some(untag(&e.value))
            }
            ComputeEnvironments => {
                diags.report(
                    Code::TerraformDeprecated,
                    &Origin::new(tr.file, e.key_span, p.clone()),
                    "`compute_environments` is deprecated by the AWS provider; use `compute_environment_order { order = …, compute_environment = … }` blocks (the list order was the order)",
                );
                if explicit_order {
                    None
                } else {
                    e.value.as_seq().map(|items| Node {
                        value: Value::Seq(
                            items
                                .iter()
                                .enumerate()
                                .map(|(i, ce)| Node {
                                    value: Value::Map(vec![
                                        Entry {
                                            key: "order".into(),
                                            key_span: ce.span,
                                            value: number(i, ce),
                                        },
                                        Entry {
                                            key: "computeEnvironment".into(),
                                            key_span: ce.span,
                                            value: untag(ce),
                                        },
                                    ]),
                                    span: ce.span,
                                    tag: None,
                                })
                                .collect(),
                        ),
                        span: e.value.span,
                        tag: None,
                    })
                }
            }
            Json => json_value(tr, &e.key, &e.value, &p, diags),
            One(sub) => {
                let block = match &e.value.value {
                    Value::Seq(items) => {
                        if items.len() > 1 {
                            diags.report(
                                Code::InvalidValue,
                                &origin(tr, &items[1], &p),
                                format!(
                                    "`{}` may appear once; the provider refuses a second block",
                                    e.key
                                ),
                            );
                        }
                        items.first()
                    }
                    Value::Map(_) => Some(&e.value),
                    Value::Scalar(_) => {
                        diags.report(
                            Code::WrongType,
                            &origin(tr, &e.value, &p),
                            format!("`{}` must be a block, not {}", e.key, e.value.kind_name()),
                        );
                        None
                    }
                };
                block.map(|b| convert(tr, sub, b, &format!("{p}/0"), &e.key, diags))
            }
            Many(sub) => {
                let items: Vec<&Node> = match &e.value.value {
                    Value::Seq(items) => items.iter().collect(),
                    Value::Map(_) => vec![&e.value],
                    Value::Scalar(_) => {
                        diags.report(
                            Code::WrongType,
                            &origin(tr, &e.value, &p),
                            format!("`{}` must be blocks, not {}", e.key, e.value.kind_name()),
                        );
                        Vec::new()
                    }
                };
                Some(Node {
                    value: Value::Seq(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, b)| convert(tr, sub, b, &format!("{p}/{i}"), &e.key, diags))
                            .collect(),
                    ),
                    span: e.value.span,
                    tag: None,
                })
            }
        };
        if let Some(value) = value {
            if let Some(prev) = out.iter_mut().find(|x| x.key == *api) {
                // `name` and `compute_environment_name` both set: the provider refuses it.
                diags.report(
                    Code::InvalidValue,
                    &Origin::new(tr.file, e.key_span, p.clone()),
                    format!("`{}` sets `{api}` a second time", e.key),
                );
                prev.value = value;
            } else {
                out.push(Entry {
                    key: api.to_string(),
                    key_span: e.key_span,
                    value,
                });
            }
        }
    }
    Node {
        value: Value::Map(out),
        span: src.span,
        tag: None,
    }
}

fn is_null(n: &Node) -> bool {
    matches!(n.as_scalar().map(|s| s.kind), Some(ScalarKind::Null))
}

fn number(i: usize, at: &Node) -> Node {
    Node {
        value: Value::Scalar(Scalar {
            text: i.to_string(),
            kind: ScalarKind::Number,
            plain: true,
        }),
        span: at.span,
        tag: None,
    }
}

/// A value without the `jsonencode` mark: where a string is expected, its JSON text.
fn untag(n: &Node) -> Node {
    if n.tag.as_deref() == Some(JSON_TAG) {
        return super::eval::str_node(text::to_json(n), n.span);
    }
    n.clone()
}

/// `container_properties` and the other JSON-string arguments → the API object.
fn json_value(
    tr: &Tr<'_>,
    key: &str,
    v: &Node,
    ptr: &str,
    diags: &mut Diagnostics,
) -> Option<Node> {
    if v.tag.as_deref() == Some(JSON_TAG) {
        let mut n = v.clone();
        n.tag = None;
        return Some(n);
    }
    match &v.value {
        Value::Scalar(s) if s.kind == ScalarKind::Str => {
            if s.text.trim().is_empty() {
                return None;
            }
            let pos = match tr.positions.get(&(v.span.start, v.span.end)) {
                Some(p) if !tr.json_source => p.clone(),
                _ if tr.json_source => text::json_string_positions(&s.text, v.span),
                _ => vec![v.span.start; s.text.len() + 1],
            };
            match text::parse_json_in_string(
                tr.file,
                &s.text,
                &pos,
                &format!("`{key}`"),
                Code::TerraformJsonString,
            ) {
                Ok(n) if n.as_map().is_some() => Some(n),
                Ok(n) => {
                    diags.report(
                        Code::TerraformJsonString,
                        &origin(tr, &n, ptr),
                        format!("`{key}` must hold a JSON object, not {}", n.kind_name()),
                    );
                    None
                }
                Err(ds) => {
                    for mut d in ds {
                        if let Some(o) = d.origin.as_mut() {
                            o.pointer = ptr.to_string();
                        }
                        diags.push(d);
                    }
                    None
                }
            }
        }
        // The block form (`container_properties { … }`), or an object in `.tf.json`.
        Value::Seq(items) if items.len() == 1 && items[0].as_map().is_some() => {
            Some(camelize(&items[0]))
        }
        Value::Map(_) => Some(camelize(v)),
        _ => {
            diags.report(
                Code::TerraformJsonString,
                &origin(tr, v, ptr),
                format!(
                    "`{key}` must be a JSON string (heredoc or `jsonencode({{…}})`), not {}",
                    v.kind_name()
                ),
            );
            None
        }
    }
}

/// Keys whose values are data maps: kept verbatim.
const DATA_MAPS: &[&str] = &[
    "options",
    "parameters",
    "tags",
    "labels",
    "annotations",
    "limits",
    "requests",
];
/// API objects that the block form writes as a single block.
const SINGLE: &[&str] = &[
    "linuxParameters",
    "logConfiguration",
    "fargatePlatformConfiguration",
    "networkConfiguration",
    "runtimePlatform",
    "ephemeralStorage",
    "host",
    "efsVolumeConfiguration",
    "authorizationConfig",
    "repositoryCredentials",
    "container",
    "resources",
    "securityContext",
    "metadata",
];

fn snake_to_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A block-form API object (snake_case keys, blocks as lists) → camelCase.
fn camelize(n: &Node) -> Node {
    fn go(n: &Node, depth: usize) -> Node {
        if depth > 64 {
            return n.clone();
        }
        match &n.value {
            Value::Map(entries) => Node {
                value: Value::Map(
                    entries
                        .iter()
                        .map(|e| {
                            let key = snake_to_camel(&e.key);
                            let value = if DATA_MAPS.contains(&key.as_str()) {
                                untag(&e.value)
                            } else {
                                match &e.value.value {
                                    Value::Seq(items)
                                        if SINGLE.contains(&key.as_str())
                                            && items.len() == 1
                                            && items[0].as_map().is_some() =>
                                    {
                                        go(&items[0], depth + 1)
                                    }
                                    _ => go(&e.value, depth + 1),
                                }
                            };
                            Entry {
                                key,
                                key_span: e.key_span,
                                value,
                            }
                        })
                        .collect(),
                ),
                span: n.span,
                tag: None,
            },
            Value::Seq(items) => Node {
                value: Value::Seq(items.iter().map(|i| go(i, depth + 1)).collect()),
                span: n.span,
                tag: None,
            },
            Value::Scalar(_) => untag(n),
        }
    }
    go(n, 0)
}
