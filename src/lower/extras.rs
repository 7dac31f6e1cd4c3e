//! Fields with no Kubernetes equivalent, kept as annotations and reported: log driver,
//! ulimits, swap, init process, consumable resources, tags and scheduling priority.

use super::template::{Build, ANNOTATION};
use crate::diagnostics::{Code, Diagnostics};
use crate::ir::{JobSpec, KeyValue};

/// `{"k": "v", …}` in input order, as one annotation value.
pub fn json_map(pairs: &[KeyValue]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .map(|kv| {
            (
                kv.key.value.clone(),
                serde_json::Value::String(kv.value.value.clone()),
            )
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let def = b.def;
    if let Some(p) = &def.scheduling_priority {
        diags.report(
            Code::KeptAsAnnotation,
            &p.origin,
            format!("schedulingPriority {} is kept as an annotation; it orders jobs within a share identifier; `--queueing kueue` also makes it a WorkloadPriorityClass", p.value),
        );
        b.annotations.insert(
            format!("{ANNOTATION}/scheduling-priority"),
            p.value.to_string(),
        );
    }
    if let Some(c) = &def.consumable_resources {
        diags.report(
            Code::ConsumableResources,
            c,
            "consumableResourceProperties are not enforced on Argo; the job does not wait for the resource",
        );
    }
    if let Some(p) = def.propagate_tags.as_ref().filter(|p| p.value) {
        diags.report(
            Code::KeptAsAnnotation,
            &p.origin,
            "propagateTags copies the definition's tags to the pods as the annotation batch2argo.io/tags; pods carry no AWS tags",
        );
        if !def.tags.is_empty() {
            b.annotations
                .insert(format!("{ANNOTATION}/tags"), json_map(&def.tags));
        }
    }
    let JobSpec::Container(c) = &def.spec else {
        return;
    };
    if let Some(log) = &c.log_configuration {
        diags.report(
            Code::LogConfiguration,
            &log.driver.origin,
            format!("log driver `{}` has no Kubernetes equivalent; configure log shipping in the cluster (kept as an annotation)", log.driver.value),
        );
        let mut value = serde_json::Map::new();
        value.insert("logDriver".into(), log.driver.value.clone().into());
        if !log.options.is_empty() {
            value.insert(
                "options".into(),
                serde_json::from_str(&json_map(&log.options)).unwrap_or_default(),
            );
        }
        if !log.secret_options.is_empty() {
            let names: Vec<serde_json::Value> = log
                .secret_options
                .iter()
                .map(|s| s.name.value.clone().into())
                .collect();
            value.insert("secretOptions".into(), names.into());
        }
        b.annotations.insert(
            format!("{ANNOTATION}/log-configuration"),
            serde_json::Value::Object(value).to_string(),
        );
    }
    if !c.ulimits.is_empty() {
        let text: Vec<String> = c
            .ulimits
            .iter()
            .map(|u| {
                format!(
                    "{}={}:{}",
                    u.name.value, u.soft_limit.value, u.hard_limit.value
                )
            })
            .collect();
        diags.report(
            Code::Ulimits,
            &c.ulimits[0].origin,
            format!(
                "ulimits {} have no Kubernetes equivalent (kept as an annotation)",
                text.join(", ")
            ),
        );
        b.annotations
            .insert(format!("{ANNOTATION}/ulimits"), text.join(","));
    }
    for (field, value) in [
        ("maxSwap", &c.linux.max_swap),
        ("swappiness", &c.linux.swappiness),
    ] {
        if let Some(v) = value {
            diags.report(
                Code::Swap,
                &v.origin,
                format!(
                    "{field} {} has no Kubernetes container equivalent; swap is a node setting",
                    v.value
                ),
            );
        }
    }
    if let Some(init) = &c.linux.init_process_enabled {
        if init.value {
            diags.report(
                Code::InitProcess,
                &init.origin,
                "initProcessEnabled has no Kubernetes equivalent; add tini or dumb-init to the image's entrypoint",
            );
        }
    }
}
