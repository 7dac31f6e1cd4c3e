//! The Alibaba Cloud BatchCompute dialect: job descriptions (DAG and App jobs), App and cluster
//! descriptions, and the `bcs` CLI's `job.cfg` files.
//!
//! BatchCompute is read into the same IR as AWS Batch: a job becomes a job graph whose jobs are
//! its tasks, each task a job definition of its own (BatchCompute has no reusable definitions,
//! so their templates are inlined into the job's Workflow), and a task's cluster a compute
//! environment the task names directly. Only an App is reusable: it becomes a WorkflowTemplate.

pub mod app;
pub mod cluster;
pub mod job;
pub mod jobcfg;
pub mod storage;

use super::read::{Api, Ctx, Obj};
use super::syntax::Node;
use crate::diagnostics::{Diagnostics, FileId};
use crate::ir::Project;

/// The shape of one BatchCompute document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    DagJob,
    AppJob,
    App,
    Cluster,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::DagJob => "BatchCompute job description (DAG)",
            Shape::AppJob => "BatchCompute App job",
            Shape::App => "BatchCompute App description",
            Shape::Cluster => "BatchCompute cluster description",
        }
    }
}

/// Recognises a BatchCompute document by its PascalCase keys.
pub fn detect(doc: &Node) -> Option<Shape> {
    doc.as_map()?;
    let has = |k: &str| doc.get(k).is_some();
    match doc.get_str("Type") {
        Some("DAG") => return Some(Shape::DagJob),
        Some("App") if has("App") => return Some(Shape::AppJob),
        _ => {}
    }
    if has("DAG") && has("Name") {
        Some(Shape::DagJob)
    } else if has("Name") && has("CommandLine") && (has("Docker") || has("VM")) {
        Some(Shape::App)
    } else if has("Name") && has("Groups") {
        Some(Shape::Cluster)
    } else {
        None
    }
}

/// Reads one detected document into the project.
pub fn load(
    file: FileId,
    doc: &Node,
    shape: Shape,
    project: &mut Project,
    diags: &mut Diagnostics,
) {
    let ctx = Ctx {
        file,
        api: Api::BatchCompute,
    };
    let Some(o) = Obj::new(ctx, doc, String::new(), diags) else {
        return;
    };
    match shape {
        Shape::DagJob => job::read_job(o, project, diags),
        Shape::AppJob => app::read_app_job(o, project, diags),
        Shape::App => {
            if let Some(d) = app::read_app(o, project, diags) {
                project.job_definitions.push(d);
            }
        }
        Shape::Cluster => {
            project
                .compute_environments
                .extend(cluster::read_cluster(o, diags));
        }
    }
}

/// Jobs of the same `Name` in different files (two versions of one job, or a job.cfg beside the
/// job JSON it was made from) each keep their own tasks: the tasks and clusters of every such job
/// after the first get the file's hash in their names. Inputs are read in a stable order, so
/// the same job is always the first.
pub fn disambiguate(project: &mut Project, files: &crate::diagnostics::SourceMap) {
    let mut seen = std::collections::BTreeSet::new();
    for graph in project.graphs.iter_mut().filter(|g| g.run.inline) {
        if seen.insert(graph.name.clone()) {
            continue;
        }
        let file = graph.origin.file;
        let suffix = crate::lower::names::short_hash(files.path(file));
        for job in &mut graph.jobs {
            let old = job.job_definition.value.clone();
            let new = format!("{old}@{suffix}");
            for d in project
                .job_definitions
                .iter_mut()
                .filter(|d| d.name.value == old && d.origin.file == file)
            {
                d.name.value = new.clone();
            }
            for c in project
                .compute_environments
                .iter_mut()
                .filter(|c| c.name.value == old && c.origin.file == file)
            {
                c.name.value = new.clone();
            }
            if job
                .compute_environment
                .as_ref()
                .is_some_and(|c| c.value == old)
            {
                if let Some(c) = job.compute_environment.as_mut() {
                    c.value = new.clone();
                }
            }
            job.job_definition.value = new;
        }
    }
}

/// The region named by an Alibaba Cloud host (`registry.cn-hangzhou.aliyuncs.com`,
/// `0a1b-xyz.cn-hangzhou.nas.aliyuncs.com`, `ns.cn-shanghai.cr.aliyuncs.com`).
pub fn region_of_host(host: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    if !host.ends_with(".aliyuncs.com") {
        return None;
    }
    host.split('.')
        .flat_map(|label| {
            // `registry-vpc.cn-hangzhou`, `oss-cn-hangzhou-internal`: strip the service parts.
            let label = label
                .strip_prefix("oss-")
                .unwrap_or(label)
                .trim_end_matches("-internal");
            std::iter::once(label.to_string())
        })
        .find(|label| is_region(label))
}

/// `cn-hangzhou`, `us-west-1`, `ap-southeast-1`, `eu-central-1`, `cn-hongkong`.
fn is_region(label: &str) -> bool {
    let mut parts = label.split('-');
    let (Some(area), Some(place)) = (parts.next(), parts.next()) else {
        return false;
    };
    const AREAS: &[&str] = &["cn", "us", "ap", "eu", "me", "na", "sa", "af"];
    AREAS.contains(&area)
        && place.len() >= 4
        && place.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The host of an image reference or URL, if it names one.
pub fn host_of(reference: &str) -> Option<&str> {
    let rest = reference.split_once("://").map_or(reference, |(_, r)| r);
    let host = rest.split('/').next()?;
    (host.contains('.') && rest.contains('/')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_come_from_alibaba_hosts() {
        let r = |h: &str| region_of_host(h);
        assert_eq!(
            r("registry.cn-hangzhou.aliyuncs.com").as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(
            r("registry-vpc.cn-beijing.aliyuncs.com").as_deref(),
            Some("cn-beijing")
        );
        assert_eq!(
            r("0a1b2c3d4e-xyz12.cn-hangzhou.nas.aliyuncs.com").as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(
            r("oss-us-west-1-internal.aliyuncs.com").as_deref(),
            Some("us-west-1")
        );
        assert_eq!(r("docker.io"), None);
        assert_eq!(r("cn-hangzhou.example.com"), None);
        assert_eq!(
            host_of("registry.cn-hangzhou.aliyuncs.com/acme/render:1"),
            Some("registry.cn-hangzhou.aliyuncs.com")
        );
        assert_eq!(host_of("python:3.12"), None);
        assert_eq!(
            host_of("nas://x.cn-hangzhou.nas.aliyuncs.com/frames/"),
            Some("x.cn-hangzhou.nas.aliyuncs.com")
        );
    }
}
