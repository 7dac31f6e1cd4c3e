//! What a BatchCompute job says about its run as a whole: priority, going on after failed
//! instances, archived logs, deletion on success, its description; and the region its tasks are
//! told.
//!
//! `JobFailOnInstanceFail: false` lets the job go on when instances fail: every task gets
//! `continueOn` for failures and errors, and its dependents wait for it to finish (succeeded,
//! failed or errored) instead of to succeed.

use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::{ContinueOn, ObjectMeta, Template, TtlStrategy, WorkflowSpec};
use crate::ir::{JobDefinition, RunSettings, Runtime};

use super::options::Options;

/// Gives BatchCompute definitions the configured region (over the one read from the job) and
/// reports, once, the tasks whose region stays unknown.
pub fn set_regions(defs: &mut [JobDefinition], options: &Options, diags: &mut Diagnostics) {
    let mut unknown = Vec::new();
    for d in defs.iter_mut() {
        if let Runtime::BatchCompute(bc) = &mut d.runtime {
            if let Some(r) = &options.batchcompute.region {
                bc.region = Some(r.clone());
            }
            if bc.region.is_none() {
                unknown.push((bc.task.clone(), d.origin.clone()));
            }
        }
    }
    if let Some((_, origin)) = unknown.first() {
        diags.report(
            Code::UnknownRegion,
            origin,
            format!(
                "the region of {} is unknown, so BATCH_COMPUTE_REGION and BATCH_COMPUTE_OSS_HOST are not set: set `batchcompute.region` in .batch2argo.yaml",
                if unknown.len() == 1 {
                    format!("task `{}`", unknown[0].0)
                } else {
                    format!("{} tasks", unknown.len())
                }
            ),
        );
    }
}

/// The bucket of an `oss://bucket/…` URL.
pub fn bucket_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("oss://")?;
    let bucket = rest.split('/').next().unwrap_or_default();
    (!bucket.is_empty()).then(|| bucket.to_string())
}

/// Puts a job's run settings on its Workflow.
pub fn run_settings(run: &RunSettings, metadata: &mut ObjectMeta, spec: &mut WorkflowSpec) {
    if let Some(d) = &run.description {
        metadata
            .annotations
            .insert("workflows.argoproj.io/description".into(), d.value.clone());
    }
    if run.archive_logs.is_some() {
        spec.archive_logs = Some(true);
    }
    if run.delete_on_success.is_some() {
        spec.ttl_strategy = Some(TtlStrategy {
            seconds_after_success: 0,
        });
    }
    if run.continue_on_failure.is_some() {
        for t in &mut spec.templates {
            continue_on_failure(t);
        }
    }
}

/// Every task of a DAG template goes on after failures, and waits for completion only.
fn continue_on_failure(t: &mut Template) {
    let Some(dag) = t.dag.as_mut() else { return };
    for task in &mut dag.tasks {
        task.continue_on = Some(ContinueOn {
            failed: true,
            error: true,
        });
        if let Some(d) = &task.depends {
            task.depends = Some(completion(d));
        }
    }
}

/// `a.Succeeded && b.Succeeded` → each upstream finished in any way.
fn completion(depends: &str) -> String {
    depends
        .split(" && ")
        .map(|term| match term.strip_suffix(".Succeeded") {
            Some(task) => format!("({task}.Succeeded || {task}.Failed || {task}.Errored)"),
            None => term.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" && ")
}

/// Drops the templates no task calls (the unused single or array entry point of a task).
pub fn prune(templates: &mut Vec<Template>) {
    let mut called = std::collections::BTreeSet::new();
    called.insert("main".to_string());
    for t in templates.iter() {
        for task in t.dag.iter().flat_map(|d| d.tasks.iter()) {
            if let Some(name) = &task.template {
                called.insert(name.clone());
            }
        }
    }
    templates.retain(|t| called.contains(&t.name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependents_wait_for_completion() {
        assert_eq!(
            completion("a.Succeeded && b-2.Succeeded"),
            "(a.Succeeded || a.Failed || a.Errored) && (b-2.Succeeded || b-2.Failed || b-2.Errored)"
        );
    }

    #[test]
    fn buckets_come_from_oss_urls_only() {
        assert_eq!(bucket_of("oss://my-bucket/logs/").as_deref(), Some("my-bucket"));
        assert_eq!(bucket_of("oss:///logs/"), None);
        assert_eq!(bucket_of("s3://b/x"), None);
    }
}
