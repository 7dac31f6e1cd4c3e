//! `--platform eks`: each EFS file system (and access point) the templates mount becomes a
//! PersistentVolume on the EFS CSI driver and the claim the templates name. EFS ignores the
//! capacity; the claim binds to its volume by name, with no storage class, so nothing is
//! provisioned dynamically.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::names::distinct_label;
use super::volumes::{efs_claim_name, efs_mount_options, efs_volume_handle};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::emit::model::Object;
use crate::ir::{JobDefinition, JobSpec, VolumeSource};

/// A claim per file system and namespace its jobs run in, each bound to its own volume (a
/// PersistentVolume binds one claim): named as the claim in `default_namespace`, with the
/// namespace appended elsewhere.
pub fn objects<'a>(
    defs: impl Iterator<Item = (&'a JobDefinition, &'a BTreeSet<String>)>,
    default_namespace: &str,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    // Claim name → (volume handle, mount options, where, namespaces).
    let mut claims: BTreeMap<String, (String, Vec<String>, Origin, BTreeSet<String>)> =
        BTreeMap::new();
    for (d, namespaces) in defs {
        let JobSpec::Container(c) = &d.spec else {
            continue;
        };
        for v in &c.volumes {
            let VolumeSource::Efs(efs) = &v.source else {
                continue;
            };
            let claim = efs_claim_name(
                &efs.file_system_id.value,
                efs.access_point_id.as_ref().map(|a| a.value.as_str()),
            );
            claims
                .entry(claim)
                .or_insert_with(|| {
                    (
                        efs_volume_handle(efs),
                        efs_mount_options(efs),
                        efs.file_system_id.origin.clone(),
                        BTreeSet::new(),
                    )
                })
                .3
                .extend(namespaces.iter().cloned());
        }
    }
    let mut out = Vec::new();
    let mut first = None;
    for (claim, (handle, options, origin, namespaces)) in claims {
        first.get_or_insert(origin);
        for namespace in &namespaces {
            let volume = if namespace == default_namespace {
                claim.clone()
            } else {
                distinct_label(&format!("{claim}-{namespace}"), 63)
            };
            let mut pv_spec = json!({
                "capacity": {"storage": "5Gi"},
                "volumeMode": "Filesystem",
                "accessModes": ["ReadWriteMany"],
                "persistentVolumeReclaimPolicy": "Retain",
                "storageClassName": "",
                "csi": {"driver": "efs.csi.aws.com", "volumeHandle": handle},
            });
            if !options.is_empty() {
                pv_spec["mountOptions"] = json!(options);
            }
            out.push(Object::new("v1", "PersistentVolume", &volume, None).with("spec", pv_spec));
            out.push(
                Object::new("v1", "PersistentVolumeClaim", &claim, Some(namespace)).with(
                    "spec",
                    json!({
                        "accessModes": ["ReadWriteMany"],
                        "storageClassName": "",
                        "volumeName": volume,
                        "resources": {"requests": {"storage": "5Gi"}},
                    }),
                ),
            );
        }
    }
    if let Some(origin) = first {
        diags.report(
            Code::ManualStep,
            &origin,
            "the EFS PersistentVolumes need the EFS CSI driver (`aws-efs-csi-driver`) installed, and mount targets of the file systems in the cluster's subnets",
        );
    }
    out
}
