//! Environment variables: the definition's own, and the `AWS_BATCH_*` variables Batch injects.
//!
//! User values are escaped like command text (the kubelet expands `$(VAR)` in env values too).
//! The injected variables are synthesised from Argo so migrated code keeps reading them:
//! `AWS_BATCH_JOB_ATTEMPT` counts from 1 where Argo's `retries` counts from 0.

use super::template::{
    Build, Variant, ARRAY_INDEX_PARAM, ARRAY_SIZE_PARAM, INSTANCE_PARAM, JOB_ID_PARAM, QUEUE_PARAM,
};
use super::text::{escape, Dollars};
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::EnvVar;
use crate::ir::{BatchCompute, JobSpec, KeyValue};

pub const RESERVED_PREFIX: &str = "AWS_BATCH_";

/// The prefix of the variables BatchCompute injects and reads (the Docker image variables).
pub const BATCH_COMPUTE_PREFIX: &str = "BATCH_COMPUTE_";

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    let env = if b.def.runtime.is_aws() {
        user_env(&c.environment, Dollars::Escape, &mut b.lbrace, diags)
    } else {
        // The source stage reported and removed the reserved BATCH_COMPUTE_ names.
        user_vars(&c.environment, Dollars::Escape, &mut b.lbrace, diags)
    };
    b.env = env;
}

/// The user's variables, escaped; reserved names are reported and left out.
pub fn user_env(
    vars: &[KeyValue],
    dollars: Dollars,
    lbrace: &mut bool,
    diags: &mut Diagnostics,
) -> Vec<EnvVar> {
    let allowed: Vec<KeyValue> = vars
        .iter()
        .filter(|kv| {
            let reserved = kv.key.value.starts_with(RESERVED_PREFIX);
            if reserved {
                diags.report(
                    Code::ReservedEnv,
                    &kv.key.origin,
                    format!("`{}` uses the reserved prefix {RESERVED_PREFIX}; AWS rejects it, and batch2argo sets those variables itself", kv.key.value),
                );
            }
            !reserved
        })
        .cloned()
        .collect();
    user_vars(&allowed, dollars, lbrace, diags)
}

/// Variables, escaped so the container receives their values unchanged.
fn user_vars(
    vars: &[KeyValue],
    dollars: Dollars,
    lbrace: &mut bool,
    diags: &mut Diagnostics,
) -> Vec<EnvVar> {
    let mut out = Vec::new();
    for kv in vars {
        let (value, needs) = escape(&kv.value.value, dollars);
        if needs {
            *lbrace = true;
            diags.report(
                Code::TemplateBraces,
                &kv.value.origin,
                "the literal `{{` was escaped so Argo does not read it as a template tag; the container still receives it unchanged",
            );
        }
        out.push(EnvVar::value(kv.key.value.clone(), value));
    }
    out
}

/// The variables BatchCompute sets in every instance: the job, task and instance, and the
/// region's OSS host. The job id is the Workflow's name; a task run once is instance 0.
pub fn injected_batchcompute(bc: &BatchCompute, variant: Variant) -> Vec<EnvVar> {
    let mut env = vec![
        EnvVar::value("BATCH_COMPUTE_DAG_JOB_ID", "{{workflow.name}}"),
        EnvVar::value(
            "BATCH_COMPUTE_DAG_TASK_ID",
            escape(&bc.task, Dollars::Escape).0,
        ),
        EnvVar::value(
            "BATCH_COMPUTE_DAG_INSTANCE_ID",
            match variant {
                Variant::Single => "0".to_string(),
                Variant::ArrayChild => format!("{{{{inputs.parameters.{INSTANCE_PARAM}}}}}"),
            },
        ),
    ];
    if let Some(region) = &bc.region {
        env.push(EnvVar::value(
            "BATCH_COMPUTE_OSS_HOST",
            super::alibaba_volumes::oss_internal_host(region),
        ));
        env.push(EnvVar::value("BATCH_COMPUTE_REGION", region.clone()));
    }
    env
}

/// The variables Batch sets in every job container.
pub fn injected(variant: Variant, has_retries: bool) -> Vec<EnvVar> {
    let mut env = vec![
        EnvVar::value(
            "AWS_BATCH_JOB_ID",
            format!("{{{{inputs.parameters.{JOB_ID_PARAM}}}}}"),
        ),
        EnvVar::value(
            "AWS_BATCH_JOB_ATTEMPT",
            if has_retries {
                "{{=asInt(retries) + 1}}"
            } else {
                "1"
            },
        ),
        EnvVar::value(
            "AWS_BATCH_JQ_NAME",
            format!("{{{{inputs.parameters.{QUEUE_PARAM}}}}}"),
        ),
    ];
    if variant == Variant::ArrayChild {
        env.push(EnvVar::value(
            "AWS_BATCH_JOB_ARRAY_INDEX",
            format!("{{{{inputs.parameters.{ARRAY_INDEX_PARAM}}}}}"),
        ));
        env.push(EnvVar::value(
            "AWS_BATCH_JOB_ARRAY_SIZE",
            format!("{{{{inputs.parameters.{ARRAY_SIZE_PARAM}}}}}"),
        ));
    }
    env
}
