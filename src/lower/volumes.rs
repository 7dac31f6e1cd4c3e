//! `volumes` + `mountPoints`, and the volumes of `linuxParameters`, → template volumes and
//! container volume mounts.
//!
//! Host paths become hostPath (warned), Docker scratch volumes emptyDir, EFS a PVC reference (a
//! manual step), `sharedMemorySize` a memory emptyDir at `/dev/shm`, tmpfs a memory emptyDir,
//! devices hostPath character devices. Volumes live on the template, not the workflow spec, so
//! they travel with the template through `templateRef`.

use super::names::distinct_label;
use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::{EmptyDir, HostPath, PvcSource, Volume, VolumeMount};
use crate::ir::{JobSpec, VolumeSource};

/// The mount options an EFS volume's transit encryption and IAM settings need.
pub fn efs_mount_options(efs: &crate::ir::EfsVolume) -> Vec<String> {
    let enabled = |t: &Option<crate::ir::Text>| {
        t.as_ref()
            .is_some_and(|t| t.value.eq_ignore_ascii_case("ENABLED"))
    };
    let mut options = Vec::new();
    if enabled(&efs.transit_encryption) {
        options.push("tls".to_string());
    }
    if let Some(port) = &efs.transit_encryption_port {
        options.push(format!("tlsport={}", port.value));
    }
    if enabled(&efs.iam) {
        options.push("iam".to_string());
    }
    options
}

/// The claim name used for an EFS file system (and access point).
pub fn efs_claim_name(file_system_id: &str, access_point: Option<&str>) -> String {
    match access_point {
        Some(ap) => distinct_label(&format!("efs-{file_system_id}-{ap}"), 63),
        None => distinct_label(&format!("efs-{file_system_id}"), 63),
    }
}

/// The EFS CSI driver's `volumeHandle`: `fs-id`, `fs-id:path`, `fs-id::ap` or `fs-id:path:ap`.
pub fn efs_volume_handle(efs: &crate::ir::EfsVolume) -> String {
    let root = efs
        .root_directory
        .as_ref()
        .map(|r| r.value.as_str())
        .filter(|r| !r.is_empty() && *r != "/");
    match (root, &efs.access_point_id) {
        (None, None) => efs.file_system_id.value.clone(),
        (Some(root), None) => format!("{}:{root}", efs.file_system_id.value),
        (root, Some(ap)) => format!(
            "{}:{}:{}",
            efs.file_system_id.value,
            root.unwrap_or(""),
            ap.value
        ),
    }
}

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    let mut names = super::names::NameSet::default();
    let mut volume_names = std::collections::BTreeMap::new();
    for v in &c.volumes {
        let name = names.assign(&v.name.value, 63);
        volume_names.insert(v.name.value.clone(), name.clone());
        let mut vol = Volume::named(name);
        match &v.source {
            VolumeSource::Host(Some(path)) => {
                diags.report(
                    Code::HostPath,
                    &path.origin,
                    format!("host volume `{}` became a hostPath volume on `{}`: the pod sees whatever that node holds", v.name.value, path.value),
                );
                vol.host_path = Some(HostPath {
                    path: path.value.clone(),
                    kind: None,
                });
            }
            VolumeSource::Host(None) | VolumeSource::Empty => {
                diags.report(
                    Code::HostPath,
                    &v.origin,
                    format!("volume `{}` has no source path (a Docker scratch volume) and became an emptyDir", v.name.value),
                );
                vol.empty_dir = Some(EmptyDir::default());
            }
            VolumeSource::Efs(efs) => {
                let claim = efs_claim_name(
                    &efs.file_system_id.value,
                    efs.access_point_id.as_ref().map(|a| a.value.as_str()),
                );
                let handle = efs_volume_handle(efs);
                let options = efs_mount_options(efs);
                let options = if options.is_empty() {
                    String::new()
                } else {
                    format!(" and mount options {}", options.join(", "))
                };
                diags.report(
                    Code::EfsVolume,
                    &efs.file_system_id.origin,
                    format!("EFS volume `{}` needs the PersistentVolumeClaim `{claim}` bound to a PersistentVolume on driver efs.csi.aws.com with volumeHandle `{handle}`{options}: `--platform eks` writes both, other platforms need them created", v.name.value),
                );
                vol.persistent_volume_claim = Some(PvcSource {
                    claim_name: claim,
                    read_only: None,
                });
            }
            VolumeSource::Scratch(size) => {
                vol.empty_dir = Some(EmptyDir {
                    medium: None,
                    size_limit: size.as_ref().map(|s| format!("{}Gi", s.value)),
                });
            }
            VolumeSource::Oss(o) => {
                vol.persistent_volume_claim = Some(PvcSource {
                    claim_name: super::alibaba_volumes::oss_claim(o),
                    read_only: None,
                });
            }
            VolumeSource::Nas(n) => {
                vol.persistent_volume_claim = Some(PvcSource {
                    claim_name: super::alibaba_volumes::nas_claim(n),
                    read_only: None,
                });
            }
            VolumeSource::S3Files(origin) => {
                diags.report(
                    Code::S3FilesVolume,
                    origin,
                    format!("S3 Files volume `{}` has no Kubernetes equivalent batch2argo knows; it became an empty placeholder", v.name.value),
                );
                vol.empty_dir = Some(EmptyDir::default());
            }
        }
        b.template.volumes.push(vol);
    }
    for m in &c.mount_points {
        let Some(source) = &m.source_volume else {
            diags.report(
                Code::MissingField,
                &m.origin,
                "a mount point has no `sourceVolume`",
            );
            continue;
        };
        let Some(name) = volume_names.get(&source.value) else {
            diags.report(
                Code::UnknownVolume,
                &source.origin,
                format!(
                    "mount point names volume `{}`, which the job definition does not define",
                    source.value
                ),
            );
            continue;
        };
        let Some(path) = &m.container_path else {
            diags.report(
                Code::MissingField,
                &m.origin,
                "a mount point has no `containerPath`",
            );
            continue;
        };
        b.container.volume_mounts.push(VolumeMount {
            name: name.clone(),
            mount_path: path.value.clone(),
            sub_path: None,
            read_only: m.read_only.as_ref().map(|r| r.value).filter(|r| *r),
        });
    }
    let linux = &c.linux;
    if let Some(shm) = &linux.shared_memory_size {
        let name = names.assign("dshm", 63);
        b.template.volumes.push(Volume {
            empty_dir: Some(EmptyDir {
                medium: Some("Memory".into()),
                size_limit: Some(format!("{}Mi", shm.value)),
            }),
            ..Volume::named(name.clone())
        });
        b.container.volume_mounts.push(VolumeMount {
            name,
            mount_path: "/dev/shm".into(),
            sub_path: None,
            read_only: None,
        });
    }
    for t in &linux.tmpfs {
        let name = names.assign(&format!("tmpfs{}", t.container_path.value), 63);
        if !t.mount_options.is_empty() {
            let opts: Vec<&str> = t.mount_options.iter().map(|o| o.value.as_str()).collect();
            diags.report(
                Code::TmpfsMountOptions,
                &t.origin,
                format!(
                    "tmpfs mount options {} cannot be set on a memory emptyDir and were dropped",
                    opts.join(",")
                ),
            );
        }
        b.template.volumes.push(Volume {
            empty_dir: Some(EmptyDir {
                medium: Some("Memory".into()),
                size_limit: Some(format!("{}Mi", t.size_mib.value)),
            }),
            ..Volume::named(name.clone())
        });
        b.container.volume_mounts.push(VolumeMount {
            name,
            mount_path: t.container_path.value.clone(),
            sub_path: None,
            read_only: None,
        });
    }
    for d in &linux.devices {
        let name = names.assign(&format!("device{}", d.host_path.value), 63);
        let target = d.container_path.as_ref().unwrap_or(&d.host_path);
        diags.report(
            Code::Devices,
            &d.origin,
            format!("device `{}` became a hostPath CharDevice volume at `{}`; device permissions are not expressed, so the container usually needs privileged or a device plugin", d.host_path.value, target.value),
        );
        b.template.volumes.push(Volume {
            host_path: Some(HostPath {
                path: d.host_path.value.clone(),
                kind: Some("CharDevice".into()),
            }),
            ..Volume::named(name.clone())
        });
        b.container.volume_mounts.push(VolumeMount {
            name,
            mount_path: target.value.clone(),
            sub_path: None,
            read_only: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::efs_volume_handle;
    use crate::diagnostics::{FileId, Origin, Span, Spanned};
    use crate::ir::EfsVolume;

    fn t(s: &str) -> Spanned<String> {
        Spanned::new(s.into(), Origin::new(FileId(0), Span::default(), ""))
    }

    #[test]
    fn efs_handles_follow_the_csi_driver_format() {
        let mut v = EfsVolume {
            file_system_id: t("fs-1"),
            root_directory: None,
            transit_encryption: None,
            transit_encryption_port: None,
            access_point_id: None,
            iam: None,
        };
        assert_eq!(efs_volume_handle(&v), "fs-1");
        v.root_directory = Some(t("/data"));
        assert_eq!(efs_volume_handle(&v), "fs-1:/data");
        v.access_point_id = Some(t("fsap-2"));
        assert_eq!(efs_volume_handle(&v), "fs-1:/data:fsap-2");
        v.root_directory = Some(t("/"));
        assert_eq!(efs_volume_handle(&v), "fs-1::fsap-2");
    }
}
