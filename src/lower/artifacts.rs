//! Object-storage artifacts (BatchCompute `PackagePath`, `OutputMapping`, `LogMapping`, and
//! `InputMapping` with `input-mapping: artifact`) → template input and output artifacts.
//!
//! A template names each artifact's bucket and key; [`locate`] then decides, per Workflow, which
//! bucket is its artifact repository (the one most of its artifacts and its logs use): those
//! artifacts keep the key alone, the others get the full location (endpoint and the OSS Secret),
//! since Argo reads key-only artifacts from the Workflow's repository. Outputs are stored as plain
//! objects (`archive: none`), as BatchCompute uploaded them; a package tarball is unpacked by
//! Argo's executor into the working directory, as BatchCompute did.

use std::collections::BTreeMap;

use super::alibaba_volumes::oss_internal_host;
use super::names::NameSet;
use super::options::Options;
use super::template::Build;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::emit::model::{
    ArchiveStrategy, Artifact, ArtifactRepositoryRef, Object, OssArtifact, Outputs,
    SecretKeySelector, Template, WorkflowSpec,
};
use crate::ir::{ArtifactRole, Direction, JobSpec};

/// The ConfigMap holding one artifact repository per bucket the Workflows use.
pub const REPOSITORIES: &str = "batch2argo-artifact-repositories";

pub fn apply(b: &mut Build<'_>, _diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    if c.artifacts.is_empty() {
        return;
    }
    let mut names = NameSet::default();
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    for a in &c.artifacts {
        let role = match a.role {
            ArtifactRole::Package => "package",
            ArtifactRole::Input => "input",
            ArtifactRole::Output => "output",
            ArtifactRole::Log => "log",
        };
        let name = if let Some(n) = &a.name {
            names.assign(n, 63)
        } else if a.role == ArtifactRole::Package {
            names.assign(role, 63)
        } else {
            names.assign(&format!("{role}-{}", a.path.value.trim_matches('/')), 63)
        };
        let artifact = Artifact {
            name,
            path: a.path.value.clone(),
            oss: Some(OssArtifact {
                endpoint: None,
                bucket: a.bucket.clone(),
                key: a.key.trim_end_matches('/').to_string(),
                access_key_secret: None,
                secret_key_secret: None,
            }),
            archive: (a.direction == Direction::Output).then(ArchiveStrategy::default),
            optional: (a.direction == Direction::Output).then_some(true),
        };
        match a.direction {
            Direction::Input => inputs.push(artifact),
            Direction::Output => outputs.push(artifact),
        }
    }
    if !inputs.is_empty() {
        b.template
            .inputs
            .get_or_insert_with(Default::default)
            .artifacts = inputs;
    }
    if !outputs.is_empty() {
        b.template.outputs = Some(Outputs { artifacts: outputs });
    }
}

fn artifacts_mut(t: &mut Template) -> impl Iterator<Item = &mut Artifact> {
    t.inputs
        .iter_mut()
        .flat_map(|i| i.artifacts.iter_mut())
        .chain(t.outputs.iter_mut().flat_map(|o| o.artifacts.iter_mut()))
}

/// Buckets used by a spec's artifacts (and `log_bucket`), most used first, ties by name.
fn buckets(spec: &WorkflowSpec, log_bucket: Option<&str>) -> Vec<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for t in &spec.templates {
        let all = t
            .inputs
            .iter()
            .flat_map(|i| i.artifacts.iter())
            .chain(t.outputs.iter().flat_map(|o| o.artifacts.iter()));
        for a in all {
            // A bucket an App's job passes at run time is no repository.
            if let Some(b) = a
                .oss
                .as_ref()
                .and_then(|o| o.bucket.as_ref())
                .filter(|b| !b.contains("{{"))
            {
                *count.entry(b.clone()).or_default() += 1;
            }
        }
    }
    if let Some(b) = log_bucket {
        *count.entry(b.to_string()).or_default() += 1;
    }
    let mut order: Vec<(String, usize)> = count.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    order.into_iter().map(|(b, _)| b).collect()
}

/// Completes the artifact locations of one Workflow (`repository: true`) or WorkflowTemplate
/// (`false`: it has no repository of its own, so every artifact is complete). Returns the
/// repository bucket the Workflow now references.
pub fn locate(
    spec: &mut WorkflowSpec,
    repository: bool,
    log_bucket: Option<&str>,
    region: Option<&str>,
    origin: &Origin,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<String> {
    let order = buckets(spec, log_bucket);
    let home = if repository { order.first() } else { None };
    let secret = &options.batchcompute.oss_secret;
    let mut missing_region = false;
    for t in &mut spec.templates {
        for a in artifacts_mut(t) {
            let Some(oss) = a.oss.as_mut() else { continue };
            // No bucket: the repository's by design (a package uploaded there by hand).
            if oss.bucket.is_none() || oss.bucket.as_ref() == home {
                oss.bucket = None;
                continue;
            }
            match region {
                Some(region) => {
                    oss.endpoint = Some(format!("https://{}", oss_internal_host(region)));
                    oss.access_key_secret = Some(SecretKeySelector {
                        name: secret.clone(),
                        key: "akId".into(),
                    });
                    oss.secret_key_secret = Some(SecretKeySelector {
                        name: secret.clone(),
                        key: "akSecret".into(),
                    });
                }
                None => missing_region = true,
            }
        }
    }
    if missing_region {
        diags.report(
            Code::RegionRequired,
            origin,
            "artifacts outside the Workflow's artifact repository need their bucket's endpoint, and the region is unknown: set `batchcompute.region` in .batch2argo.yaml",
        );
    }
    let home = home.cloned()?;
    if order.len() > 1 {
        diags.report(
            Code::OtherBucket,
            origin,
            format!(
                "the artifact repository is bucket `{home}`; artifacts in {} carry their full location and the Secret `{secret}`, which must be allowed to read and write there",
                order[1..].iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    spec.artifact_repository_ref = Some(ArtifactRepositoryRef {
        config_map: REPOSITORIES.into(),
        key: home.clone(),
    });
    Some(home)
}

/// The ConfigMap of artifact repositories: one key per bucket the Workflows use, with the
/// region of the first Workflow that uses it.
pub fn repositories(
    buckets: &BTreeMap<String, (Origin, Option<String>)>,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<Object> {
    let (_, (first, _)) = buckets.iter().next()?;
    let secret = &options.batchcompute.oss_secret;
    let mut data = serde_json::Map::new();
    for (bucket, (origin, region)) in buckets {
        let Some(region) = region else {
            diags.report(
                Code::RegionRequired,
                origin,
                format!("the artifact repository of bucket `{bucket}` needs the bucket's endpoint, and the region is unknown: set `batchcompute.region` in .batch2argo.yaml"),
            );
            continue;
        };
        let repo = serde_json::json!({
            "oss": {
                "endpoint": format!("https://{}", oss_internal_host(region)),
                "bucket": bucket,
                "accessKeySecret": {"name": secret, "key": "akId"},
                "secretKeySecret": {"name": secret, "key": "akSecret"},
            }
        });
        data.insert(
            bucket.clone(),
            // JSON is YAML too: the fallback reads the same.
            serde_json::Value::String(
                crate::emit::yaml::to_yaml(&repo).unwrap_or_else(|_| repo.to_string()),
            ),
        );
    }
    if data.is_empty() {
        return None;
    }
    diags.report(
        Code::ArtifactRepository,
        first,
        format!(
            "artifacts and archived logs use the repositories of ConfigMap `{REPOSITORIES}` ({}): create the Secret `{secret}` (keys `akId`, `akSecret`) in namespace `{}`",
            buckets.keys().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", "),
            options.namespace
        ),
    );
    Some(
        Object::new("v1", "ConfigMap", REPOSITORIES, Some(&options.namespace))
            .with("data", serde_json::Value::Object(data)),
    )
}
