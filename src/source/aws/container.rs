//! `containerProperties` (and the `container` of a `describe-jobs` entry) → [`ir::Container`].

use crate::diagnostics::{Code, Diagnostics, Spanned};
use crate::ir::{
    Container, Device, EfsVolume, LinuxParameters, LogConfiguration, MountPoint,
    ResourceRequirement, ResourceType, Secret, Tmpfs, Ulimit, Volume, VolumeSource,
};
use crate::source::read::Obj;

/// Runtime-only fields of `describe-jobs` `container` objects, read and ignored.
pub const CONTAINER_RUNTIME_FIELDS: &[&str] = &[
    "exitCode",
    "reason",
    "containerInstanceArn",
    "taskArn",
    "logStreamName",
    "networkInterfaces",
];

pub fn read_container(mut o: Obj<'_>, diags: &mut Diagnostics) -> Container {
    let mut c = Container {
        image: o.string("image", diags),
        command: o.strings("command", diags),
        environment: o.name_values("environment", diags),
        resources: read_resources(&mut o, "resourceRequirements", diags),
        legacy_vcpus: o.int("vcpus", diags),
        legacy_memory: o.int("memory", diags),
        job_role_arn: o.string("jobRoleArn", diags),
        execution_role_arn: o.string("executionRoleArn", diags),
        readonly_root_filesystem: o.bool("readonlyRootFilesystem", diags),
        privileged: o.bool("privileged", diags),
        user: o.string("user", diags),
        instance_type: o.string("instanceType", diags),
        secrets: read_secrets(&mut o, "secrets", diags),
        enable_execute_command: o.bool("enableExecuteCommand", diags),
        ..Container::default()
    };
    c.volumes = o
        .objects("volumes", diags)
        .into_iter()
        .filter_map(|v| read_volume(v, diags))
        .collect();
    c.mount_points = o
        .objects("mountPoints", diags)
        .into_iter()
        .map(|mut m| {
            let mp = MountPoint {
                container_path: m.string("containerPath", diags),
                read_only: m.bool("readOnly", diags),
                source_volume: m.string("sourceVolume", diags),
                origin: m.origin(),
            };
            m.finish(diags);
            mp
        })
        .collect();
    c.ulimits = o
        .objects("ulimits", diags)
        .into_iter()
        .filter_map(|mut u| {
            let name = u.required_string("name", "a ulimit", diags);
            let soft = u.int("softLimit", diags);
            let hard = u.int("hardLimit", diags);
            let origin = u.origin();
            u.finish(diags);
            Some(Ulimit {
                name: name?,
                soft_limit: soft.unwrap_or_else(|| Spanned::new(0, origin.clone())),
                hard_limit: hard.unwrap_or_else(|| Spanned::new(0, origin.clone())),
                origin,
            })
        })
        .collect();
    if let Some(l) = o.obj("linuxParameters", diags) {
        c.linux = read_linux(l, diags);
    }
    if let Some(mut l) = o.obj("logConfiguration", diags) {
        let origin = l.origin();
        let driver = l.required_string("logDriver", "logConfiguration", diags);
        let options = l.string_map("options", diags);
        let secret_options = read_secrets(&mut l, "secretOptions", diags);
        l.finish(diags);
        if let Some(driver) = driver {
            c.log_configuration = Some(LogConfiguration {
                driver,
                options,
                secret_options,
                origin,
            });
        }
    }
    if let Some(mut n) = o.obj("networkConfiguration", diags) {
        c.network_configuration = Some(n.origin());
        let _ = n.string("assignPublicIp", diags);
        n.finish(diags);
    }
    if let Some(mut f) = o.obj("fargatePlatformConfiguration", diags) {
        c.fargate_platform_configuration = Some(f.origin());
        let _ = f.string("platformVersion", diags);
        f.finish(diags);
    }
    if let Some(mut e) = o.obj("ephemeralStorage", diags) {
        c.ephemeral_storage_gib = e.int("sizeInGiB", diags);
        e.finish(diags);
    }
    if let Some(mut r) = o.obj("runtimePlatform", diags) {
        c.os_family = r.string("operatingSystemFamily", diags);
        c.cpu_architecture = r.string("cpuArchitecture", diags);
        r.finish(diags);
    }
    if let Some(mut r) = o.obj("repositoryCredentials", diags) {
        c.repository_credentials =
            r.required_string("credentialsParameter", "repositoryCredentials", diags);
        r.finish(diags);
    }
    o.ignore(CONTAINER_RUNTIME_FIELDS);
    o.finish(diags);
    c
}

/// `resourceRequirements[]` with a known `type`.
pub fn read_resources(
    o: &mut Obj<'_>,
    key: &str,
    diags: &mut Diagnostics,
) -> Vec<ResourceRequirement> {
    let mut out = Vec::new();
    for mut r in o.objects(key, diags) {
        let origin = r.origin();
        let kind = r.required_string("type", "a resource requirement", diags);
        let value = r.required_string("value", "a resource requirement", diags);
        r.finish(diags);
        let (Some(kind), Some(value)) = (kind, value) else {
            continue;
        };
        let kind = match kind.value.to_ascii_uppercase().as_str() {
            "VCPU" => ResourceType::Vcpu,
            "MEMORY" => ResourceType::Memory,
            "GPU" => ResourceType::Gpu,
            other => {
                diags.report(
                    Code::InvalidValue,
                    &kind.origin,
                    format!("resource type `{other}` is not one of VCPU, MEMORY, GPU"),
                );
                continue;
            }
        };
        out.push(ResourceRequirement {
            kind,
            value,
            origin,
        });
    }
    out
}

pub fn read_secrets(o: &mut Obj<'_>, key: &str, diags: &mut Diagnostics) -> Vec<Secret> {
    let mut out = Vec::new();
    for mut s in o.objects(key, diags) {
        let origin = s.origin();
        let name = s.required_string("name", "a secret", diags);
        let value_from = s.required_string("valueFrom", "a secret", diags);
        s.finish(diags);
        if let (Some(name), Some(value_from)) = (name, value_from) {
            out.push(Secret {
                name,
                value_from,
                origin,
            });
        }
    }
    out
}

fn read_volume(mut v: Obj<'_>, diags: &mut Diagnostics) -> Option<Volume> {
    let origin = v.origin();
    let name = v.required_string("name", "a volume", diags);
    let mut source = VolumeSource::Empty;
    if let Some(mut h) = v.obj("host", diags) {
        source = VolumeSource::Host(h.string("sourcePath", diags));
        h.finish(diags);
    } else if v.origin_of("host").is_some() {
        let _ = v.take("host");
        source = VolumeSource::Host(None);
    }
    if let Some(mut e) = v.obj("efsVolumeConfiguration", diags) {
        let file_system_id = e.required_string("fileSystemId", "an EFS volume", diags);
        let root_directory = e.string("rootDirectory", diags);
        let transit_encryption = e.string("transitEncryption", diags);
        let transit_encryption_port = e.int("transitEncryptionPort", diags);
        let (mut access_point_id, mut iam) = (None, None);
        if let Some(mut a) = e.obj("authorizationConfig", diags) {
            access_point_id = a.string("accessPointId", diags);
            iam = a.string("iam", diags);
            a.finish(diags);
        }
        e.finish(diags);
        if let Some(file_system_id) = file_system_id {
            source = VolumeSource::Efs(Box::new(EfsVolume {
                file_system_id,
                root_directory,
                transit_encryption,
                transit_encryption_port,
                access_point_id,
                iam,
            }));
        }
    }
    if let Some(mut s) = v.obj("s3filesVolumeConfiguration", diags) {
        source = VolumeSource::S3Files(s.origin());
        let _ = s.string("fileSystemArn", diags);
        let _ = s.string("rootDirectory", diags);
        let _ = s.int("transitEncryptionPort", diags);
        let _ = s.string("accessPointArn", diags);
        s.finish(diags);
    }
    v.finish(diags);
    Some(Volume {
        name: name?,
        source,
        origin,
    })
}

fn read_linux(mut l: Obj<'_>, diags: &mut Diagnostics) -> LinuxParameters {
    let mut lp = LinuxParameters {
        init_process_enabled: l.bool("initProcessEnabled", diags),
        shared_memory_size: l.int("sharedMemorySize", diags),
        max_swap: l.int("maxSwap", diags),
        swappiness: l.int("swappiness", diags),
        ..LinuxParameters::default()
    };
    for mut d in l.objects("devices", diags) {
        let origin = d.origin();
        let host_path = d.required_string("hostPath", "a device", diags);
        let container_path = d.string("containerPath", diags);
        let permissions = d
            .strings("permissions", diags)
            .map(|p| p.value)
            .unwrap_or_default();
        d.finish(diags);
        if let Some(host_path) = host_path {
            lp.devices.push(Device {
                host_path,
                container_path,
                permissions,
                origin,
            });
        }
    }
    for mut t in l.objects("tmpfs", diags) {
        let origin = t.origin();
        let container_path = t.required_string("containerPath", "a tmpfs mount", diags);
        let size = t.int("size", diags);
        let mount_options = t
            .strings("mountOptions", diags)
            .map(|p| p.value)
            .unwrap_or_default();
        if size.is_none() && !t.has("size") {
            diags.report(Code::MissingField, &origin, "a tmpfs mount has no `size`");
        }
        t.finish(diags);
        if let (Some(container_path), Some(size_mib)) = (container_path, size) {
            lp.tmpfs.push(Tmpfs {
                container_path,
                size_mib,
                mount_options,
                origin,
            });
        }
    }
    l.finish(diags);
    lp
}
