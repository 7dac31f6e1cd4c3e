//! OSS and NAS volumes (BatchCompute `Mounts` and `InputMapping`) → claims the templates mount,
//! and on `--platform ack-eci`/`ack-acs` the PersistentVolumes on Alibaba's CSI drivers behind
//! them.
//!
//! One volume and claim per OSS folder or NAS export, statically provisioned as Alibaba documents
//! for workflow clusters: the claim binds its volume by name, with no storage class, and the
//! capacity is a formality the drivers ignore. OSS credentials are referenced by Secret name,
//! never copied: access keys written into a job are reported (B2A413) and left out.

use std::collections::BTreeMap;

use serde_json::json;

use super::names::distinct_label;
use super::options::Options;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::emit::model::Object;
use crate::ir::{JobDefinition, JobSpec, NasVolume, OssVolume, Runtime, VolumeSource};

/// The claim (and volume) name of an OSS folder.
pub fn oss_claim(v: &OssVolume) -> String {
    distinct_label(
        &format!("oss-{}-{}", v.bucket, v.path.trim_matches('/')),
        63,
    )
}

/// The claim (and volume) name of a NAS export.
pub fn nas_claim(v: &NasVolume) -> String {
    let host = v.server.split('.').next().unwrap_or(&v.server);
    distinct_label(&format!("nas-{host}-{}", v.path.trim_matches('/')), 63)
}

/// The OSS endpoint inside the region's network.
pub fn oss_internal_host(region: &str) -> String {
    format!("oss-{region}-internal.aliyuncs.com")
}

/// The region a definition's OSS endpoints use (the configured one was put in when lowering
/// began).
pub fn region(def: &JobDefinition) -> Option<&str> {
    match &def.runtime {
        Runtime::BatchCompute(bc) => bc.region.as_deref(),
        Runtime::AwsBatch => None,
    }
}

/// What one claim stands for.
enum Source<'a> {
    Oss(&'a OssVolume, Option<String>),
    Nas(&'a NasVolume),
}

/// The PersistentVolumes and claims of every OSS and NAS volume the definitions mount.
pub fn objects<'a>(
    defs: impl Iterator<Item = &'a JobDefinition>,
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    let mut claims: BTreeMap<String, (Source<'a>, Origin)> = BTreeMap::new();
    for d in defs {
        let JobSpec::Container(c) = &d.spec else {
            continue;
        };
        for v in &c.volumes {
            match &v.source {
                VolumeSource::Oss(o) => {
                    let region = region(d).map(str::to_string);
                    claims
                        .entry(oss_claim(o))
                        .or_insert((Source::Oss(o, region), o.url.origin.clone()));
                }
                VolumeSource::Nas(n) => {
                    claims
                        .entry(nas_claim(n))
                        .or_insert((Source::Nas(n), n.url.origin.clone()));
                }
                _ => {}
            }
        }
    }
    let Some((_, first)) = claims.values().next() else {
        return Vec::new();
    };
    if !options.platform.is_ack() {
        diags.report(
            Code::ManualStep,
            first,
            format!(
                "the OSS and NAS volumes need PersistentVolumeClaims {} on a cluster with their CSI drivers; `--platform ack-eci` or `ack-acs` writes them, --platform {} does not",
                claims.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
                options.platform.as_str()
            ),
        );
        return Vec::new();
    }
    let ns = options.namespace.as_str();
    let secret = options.batchcompute.oss_secret.as_str();
    let mut out = Vec::new();
    let mut oss = None;
    for (claim, (source, origin)) in &claims {
        let pv_spec = match source {
            Source::Oss(o, region) => {
                let Some(region) = region else {
                    diags.report(
                        Code::RegionRequired,
                        origin,
                        format!("the OSS volume `{claim}` needs the bucket's endpoint, and the region is unknown: set `batchcompute.region` in .batch2argo.yaml"),
                    );
                    continue;
                };
                oss.get_or_insert(origin.clone());
                json!({
                    "capacity": {"storage": "20Gi"},
                    "accessModes": ["ReadWriteMany"],
                    "persistentVolumeReclaimPolicy": "Retain",
                    "storageClassName": "",
                    "csi": {
                        "driver": "ossplugin.csi.alibabacloud.com",
                        "volumeHandle": claim,
                        "nodePublishSecretRef": {"name": secret, "namespace": ns},
                        "volumeAttributes": {
                            "bucket": o.bucket,
                            "url": oss_internal_host(region),
                            "path": o.path,
                            "otherOpts": "-o max_stat_cache_size=0 -o allow_other",
                        },
                    },
                })
            }
            Source::Nas(n) => json!({
                "capacity": {"storage": "20Gi"},
                "accessModes": ["ReadWriteMany"],
                "persistentVolumeReclaimPolicy": "Retain",
                "storageClassName": "",
                "mountOptions": ["nolock,tcp,noresvport", "vers=3"],
                "csi": {
                    "driver": "nasplugin.csi.alibabacloud.com",
                    "volumeHandle": claim,
                    "volumeAttributes": {"server": n.server, "path": n.path},
                },
            }),
        };
        out.push(Object::new("v1", "PersistentVolume", claim, None).with("spec", pv_spec));
        out.push(
            Object::new("v1", "PersistentVolumeClaim", claim, Some(ns)).with(
                "spec",
                json!({
                    "accessModes": ["ReadWriteMany"],
                    "storageClassName": "",
                    "volumeName": claim,
                    "resources": {"requests": {"storage": "20Gi"}},
                }),
            ),
        );
    }
    if let Some(origin) = oss {
        diags.report(
            Code::ManualStep,
            &origin,
            format!("the OSS PersistentVolumes read their access keys from the Secret `{secret}` (keys `akId`, `akSecret`) in namespace `{ns}`: create it before the workflows run"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Spanned;

    fn text(s: &str) -> crate::ir::Text {
        Spanned::new(
            s.to_string(),
            Origin::new(
                crate::diagnostics::FileId(0),
                crate::diagnostics::Span::new(0, 0),
                "",
            ),
        )
    }

    #[test]
    fn claims_are_named_by_what_they_mount() {
        let o = OssVolume {
            url: text("oss://my-bucket/render/prepared/"),
            bucket: "my-bucket".into(),
            path: "/render/prepared/".into(),
            input_mapping: false,
        };
        // Folders that sanitise alike (`a/b`, `a-b`) must not share a claim: a hash tells them
        // apart whenever the path has more than one segment.
        assert!(oss_claim(&o).starts_with("oss-my-bucket-render-prepared-"));
        let dashed = OssVolume {
            path: "/render-prepared/".into(),
            ..o.clone()
        };
        assert_ne!(oss_claim(&o), oss_claim(&dashed));
        let n = NasVolume {
            url: text("nas://0a1b2c3d4e-xyz12.cn-hangzhou.nas.aliyuncs.com/frames/"),
            server: "0a1b2c3d4e-xyz12.cn-hangzhou.nas.aliyuncs.com".into(),
            path: "/frames/".into(),
        };
        assert_eq!(nas_claim(&n), "nas-0a1b2c3d4e-xyz12-frames");
    }
}
