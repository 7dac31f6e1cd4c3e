//! One job definition → one Argo template, built by the ordered mapping rules in [`PASSES`].
//!
//! Each rule is a file of its own and reads one part of the definition; the builder collects
//! what they produce and assembles the container, the inputs and the environment in a fixed
//! order at the end.

use std::collections::{BTreeMap, BTreeSet};

use super::text::LBRACE_VAR;
use super::{
    artifacts, command, eks, environment, extras, fargate, hygiene, platform, resources, retry,
    secrets, security, timeout, volumes,
};
use crate::diagnostics::Diagnostics;
use crate::emit::model::{Container, EnvVar, Inputs, Parameter, Template, TemplateMeta};
use crate::ir::{JobDefinition, Runtime};

/// Input parameter carrying `AWS_BATCH_JOB_ID`.
pub const JOB_ID_PARAM: &str = "aws-batch-job-id";
/// Input parameter carrying `AWS_BATCH_JQ_NAME`.
pub const QUEUE_PARAM: &str = "aws-batch-jq-name";
/// Input parameters of an array child.
pub const ARRAY_INDEX_PARAM: &str = "aws-batch-job-array-index";
pub const ARRAY_SIZE_PARAM: &str = "aws-batch-job-array-size";
/// Input parameter of a BatchCompute instance: `BATCH_COMPUTE_DAG_INSTANCE_ID`.
pub const INSTANCE_PARAM: &str = "instance-id";
/// Annotation prefix of everything batch2argo records.
pub const ANNOTATION: &str = "batch2argo.io";

/// Which entry point of a job definition a template is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// A single job.
    Single,
    /// One child of an array job: gets the array index and size variables.
    ArrayChild,
}

/// A template under construction.
#[derive(Clone)]
pub struct Build<'a> {
    pub def: &'a JobDefinition,
    pub variant: Variant,
    pub template: Template,
    /// The main container (ECS-style definitions); EKS definitions fill the template directly.
    pub container: Container,
    /// Input parameters from `Ref::` placeholders, in first-use order.
    pub inputs: Vec<Parameter>,
    /// Original Batch parameter name → Argo input name.
    pub param_names: BTreeMap<String, String>,
    /// Where each `Ref::` name is first used.
    pub ref_origins: BTreeMap<String, crate::diagnostics::Origin>,
    /// User environment, after the rules that fill it.
    pub env: Vec<EnvVar>,
    /// Some text needs [`LBRACE_VAR`] in the environment.
    pub lbrace: bool,
    pub image_pull_secrets: BTreeSet<String>,
    pub annotations: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
}

type Pass = fn(&mut Build<'_>, &mut Diagnostics);

/// The mapping rules, in the order they run. This list is the only place rules are registered.
pub const PASSES: &[(&str, Pass)] = &[
    ("command", command::apply),
    ("environment", environment::apply),
    ("artifacts", artifacts::apply),
    ("resources", resources::apply),
    ("retry", retry::apply),
    ("timeout", timeout::apply),
    ("volumes", volumes::apply),
    ("secrets", secrets::apply),
    ("security", security::apply),
    ("platform", platform::apply),
    ("extras", extras::apply),
    ("eks", eks::apply),
    ("fargate", fargate::apply),
    ("hygiene", hygiene::apply),
];

impl<'a> Build<'a> {
    /// Registers (once) an input parameter for a Batch parameter and returns its Argo name.
    pub fn input_for(&mut self, original: &str, diags: &mut Diagnostics) -> String {
        if let Some(name) = self.param_names.get(original) {
            return name.clone();
        }
        let mut name = super::names::parameter_name(original);
        let reserved = [
            JOB_ID_PARAM,
            QUEUE_PARAM,
            ARRAY_INDEX_PARAM,
            ARRAY_SIZE_PARAM,
            INSTANCE_PARAM,
        ];
        while reserved.contains(&name.as_str()) || self.param_names.values().any(|n| n == &name) {
            name = format!("{name}_");
        }
        let default = self.def.parameters.iter().find(|p| p.key.value == original);
        if name != original {
            let origin = default.map(|p| &p.key.origin).unwrap_or(&self.def.origin);
            diags.report(
                crate::diagnostics::Code::ParameterRenamed,
                origin,
                format!("parameter `{original}` is the input parameter `{name}` in Argo"),
            );
        }
        let value = default
            .map(|p| command::escape_value(&self.def.spec, &p.value.value, &mut self.lbrace));
        self.inputs.push(Parameter::new(name.clone(), value));
        self.param_names.insert(original.to_string(), name.clone());
        name
    }
}

/// Builds the template `name` for a job definition.
pub fn build(def: &JobDefinition, name: &str, variant: Variant, diags: &mut Diagnostics) -> Built {
    finish(run(def, name, variant, diags))
}

/// Builds both entry points of a job definition, running the rules once: the variants differ
/// only in their inputs and injected environment, which `finish` adds.
pub fn build_both(
    def: &JobDefinition,
    single: &str,
    array: &str,
    diags: &mut Diagnostics,
) -> (Built, Built) {
    let b = run(def, single, Variant::Single, diags);
    let mut a = b.clone();
    a.variant = Variant::ArrayChild;
    a.template.name = array.to_string();
    (finish(b), finish(a))
}

fn run<'a>(
    def: &'a JobDefinition,
    name: &str,
    variant: Variant,
    diags: &mut Diagnostics,
) -> Build<'a> {
    let mut b = Build {
        def,
        variant,
        template: Template {
            name: name.to_string(),
            ..Template::default()
        },
        container: Container::default(),
        inputs: Vec::new(),
        param_names: BTreeMap::new(),
        ref_origins: BTreeMap::new(),
        env: Vec::new(),
        lbrace: false,
        image_pull_secrets: BTreeSet::new(),
        annotations: BTreeMap::new(),
        labels: BTreeMap::new(),
    };
    for (_, pass) in PASSES {
        pass(&mut b, diags);
    }
    b
}

/// A finished template and what its enclosing object needs.
pub struct Built {
    pub template: Template,
    pub image_pull_secrets: BTreeSet<String>,
    /// Batch parameter → Argo input name.
    pub params: BTreeMap<String, String>,
    /// Placeholders without a default: Batch name → where it is first used.
    pub required: BTreeMap<String, crate::diagnostics::Origin>,
}

fn finish(mut b: Build<'_>) -> Built {
    let mut required = BTreeMap::new();
    for (original, name) in &b.param_names {
        let has_default = b
            .inputs
            .iter()
            .any(|p| &p.name == name && p.value.is_some());
        if !has_default {
            let origin = b.ref_origins.get(original).unwrap_or(&b.def.origin).clone();
            required.insert(original.clone(), origin);
        }
    }
    let mut params = b.inputs;
    let injected = match &b.def.runtime {
        Runtime::AwsBatch => {
            params.push(Parameter::new(
                JOB_ID_PARAM,
                Some(match b.variant {
                    Variant::Single => "{{workflow.uid}}".to_string(),
                    Variant::ArrayChild => {
                        "{{workflow.uid}}:{{inputs.parameters.aws-batch-job-array-index}}"
                            .to_string()
                    }
                }),
            ));
            params.push(Parameter::new(QUEUE_PARAM, Some(String::new())));
            if b.variant == Variant::ArrayChild {
                params.push(Parameter::new(ARRAY_INDEX_PARAM, None));
                params.push(Parameter::new(ARRAY_SIZE_PARAM, None));
            }
            environment::injected(b.variant, b.template.retry_strategy.is_some())
        }
        Runtime::BatchCompute(bc) => {
            if b.variant == Variant::ArrayChild {
                params.push(Parameter::new(INSTANCE_PARAM, None));
            }
            environment::injected_batchcompute(bc, b.variant)
        }
    };
    // Input artifacts come from their own rule.
    let artifacts = b
        .template
        .inputs
        .take()
        .map(|i| i.artifacts)
        .unwrap_or_default();
    b.template.inputs = (!params.is_empty() || !artifacts.is_empty()).then_some(Inputs {
        parameters: params,
        artifacts,
    });

    let mut env = Vec::new();
    // A caller may pass a value holding `{{` to any input; its escape needs the variable here.
    if b.lbrace || !b.param_names.is_empty() {
        env.push(EnvVar::value(LBRACE_VAR, "{"));
    }
    env.extend(b.env);
    env.extend(injected);
    if let Some(set) = b.template.container_set.as_mut() {
        for c in &mut set.containers {
            let mut all = env.clone();
            all.append(&mut c.env);
            c.env = all;
        }
    } else if let Some(c) = b.template.container.as_mut() {
        let mut all = env;
        all.append(&mut c.env);
        c.env = all;
    } else {
        b.container.env = env;
        b.template.container = Some(b.container);
    }
    if !b.annotations.is_empty() || !b.labels.is_empty() {
        let meta = b
            .template
            .metadata
            .get_or_insert_with(TemplateMeta::default);
        meta.annotations.append(&mut b.annotations);
        meta.labels.append(&mut b.labels);
    }
    Built {
        template: b.template,
        image_pull_secrets: b.image_pull_secrets,
        params: b.param_names,
        required,
    }
}
