//! What a task reads and writes: its package, `InputMapping`, `OutputMapping`, `LogMapping` and
//! `Mounts` → volumes, mounts and artifacts of its container.
//!
//! OSS folders and NAS exports become volumes (one per source, mounted wherever the task asks);
//! outputs and logs become artifacts stored when the instance ends, as BatchCompute uploaded
//! them. Map directions differ: `InputMapping` is keyed by the OSS path, the other two by the
//! local one.

use super::job::WORKDIR;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin, Spanned};
use crate::ir::{
    Artifact, ArtifactRole, Container, Direction, MountPoint, NasVolume, OssVolume, Text, Volume,
    VolumeSource,
};
use crate::source::read::{pointer_token, read_string, Obj};

/// ossfs and NAS options with no counterpart in a generated volume.
const MOUNT_OPTIONS: &[&str] = &[
    "Locale",
    "Lock",
    "CacheSupport",
    "CacheBlockSize",
    "CacheTotalSize",
    "RefreshStrategy",
    "RefreshTopicName",
    "RefreshTimeOut",
    "NasMetaCache",
];

/// A task's storage being collected.
#[derive(Default)]
pub struct Storage {
    volumes: Vec<Volume>,
    mounts: Vec<MountPoint>,
    artifacts: Vec<Artifact>,
    /// Mount options given (name, value as written), reported when some OSS or NAS volume
    /// exists for them to matter.
    options: Vec<(String, String, Origin)>,
}

/// `(bucket, key)` of an `oss://bucket/key` URL.
pub fn split_oss(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("oss://")?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then(|| (bucket.to_string(), key.to_string()))
}

/// The `(key, value)` string pairs of a map field, in input order.
pub fn pairs(o: &mut Obj<'_>, key: &str, diags: &mut Diagnostics) -> Vec<(Text, Text)> {
    let Some(map) = o.obj(key, diags) else {
        return Vec::new();
    };
    let ctx = map.ctx;
    let mut out = Vec::new();
    for e in map.node.as_map().unwrap_or(&[]) {
        let ptr = format!("{}/{}", map.ptr, pointer_token(&e.key));
        let k = Spanned::new(
            e.key.clone(),
            Origin::new(ctx.file, e.key_span, ptr.clone()),
        );
        if let Some(v) = read_string(ctx, &e.value, &ptr, diags) {
            out.push((k, v));
        }
    }
    out
}

/// A local path must be absolute: a pod has no working directory to resolve it against when
/// mounting or collecting.
fn absolute(path: &Text, what: &str, diags: &mut Diagnostics) -> bool {
    let ok = path.value.starts_with('/');
    if !ok {
        diags.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!("the {what} `{}` is not an absolute path", path.value),
            )
            .at(&path.origin),
        );
    }
    ok
}

fn not_oss(url: &Text, what: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::new(
            Code::InvalidValue,
            format!("{what} `{}` is not an `oss://bucket/path` URL", url.value),
        )
        .at(&url.origin),
    );
}

impl Storage {
    fn volume(&mut self, name: String, source: VolumeSource, origin: &Origin) -> Text {
        let name = Spanned::new(name, origin.clone());
        if !self.volumes.iter().any(|v| v.name.value == name.value) {
            self.volumes.push(Volume {
                name: name.clone(),
                source,
                origin: origin.clone(),
            });
        }
        name
    }

    /// Whether `path` is still free; two mounts at one path are reported and the first kept.
    fn free(&self, path: &Text, diags: &mut Diagnostics) -> bool {
        let taken = self.mounts.iter().any(|m| {
            m.container_path
                .as_ref()
                .is_some_and(|p| p.value.trim_end_matches('/') == path.value.trim_end_matches('/'))
        });
        if taken {
            diags.report(
                Code::InvalidValue,
                &path.origin,
                format!(
                    "`{}` is already mounted for this task; the first mount is kept",
                    path.value
                ),
            );
        }
        !taken
    }

    fn mount(&mut self, volume: Text, path: &Text, read_only: bool, origin: &Origin) {
        self.mounts.push(MountPoint {
            container_path: Some(path.clone()),
            read_only: Some(Spanned::new(read_only, origin.clone())),
            source_volume: Some(volume),
            origin: origin.clone(),
        });
    }

    /// An OSS folder mounted at `local`.
    fn oss(
        &mut self,
        url: &Text,
        local: &Text,
        read_only: bool,
        input_mapping: bool,
        diags: &mut Diagnostics,
    ) {
        let Some((bucket, key)) = split_oss(&url.value) else {
            return not_oss(url, "the mount source", diags);
        };
        if !self.free(local, diags) {
            return;
        }
        let path = format!("/{}", key.trim_matches('/'));
        let name = format!("oss-{bucket}{path}");
        let volume = self.volume(
            name,
            VolumeSource::Oss(Box::new(OssVolume {
                url: url.clone(),
                bucket,
                path,
                input_mapping,
            })),
            &url.origin,
        );
        self.mount(volume, local, read_only, &local.origin);
    }

    /// `PackagePath`: a tarball unpacked into the working directory.
    /// `reported` holds the local packages of the job already reported: tasks sharing one
    /// (`pack` in `[DEFAULT]`) share its key and its diagnostic.
    pub fn package(
        &mut self,
        job: &str,
        package: Text,
        reported: &mut std::collections::BTreeSet<String>,
        diags: &mut Diagnostics,
    ) {
        let (bucket, key) = match split_oss(&package.value) {
            Some((bucket, key)) => (Some(bucket), key),
            None => {
                // A local folder `bcs sub` packed and uploaded at submit time.
                let folder: String = package
                    .value
                    .trim_start_matches("./")
                    .trim_matches('/')
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let folder = if folder.is_empty() {
                    "package".to_string()
                } else {
                    folder
                };
                let key = format!("{job}/{folder}/worker.tar.gz");
                if !reported.insert(package.value.clone()) {
                    return self.push_package(package, None, key);
                }
                diags.report(
                    Code::LocalPackage,
                    &package.origin,
                    format!("the package `{}` is a local folder that `bcs` uploaded when submitting; the task downloads it from key `{key}` of the Workflow's artifact repository, where it must be uploaded (`tar czf worker.tar.gz -C {} .`)", package.value, package.value),
                );
                (None, key)
            }
        };
        self.push_package(package, bucket, key);
    }

    fn push_package(&mut self, package: Text, bucket: Option<String>, key: String) {
        self.artifacts.push(Artifact {
            name: None,
            direction: Direction::Input,
            role: ArtifactRole::Package,
            path: Spanned::new(WORKDIR.to_string(), package.origin.clone()),
            origin: package.origin.clone(),
            url: package,
            bucket,
            key,
        });
    }

    /// An `InputMapping` entry: the OSS folder, read-only unless the task's `WriteSupport`.
    pub fn input_mapping(
        &mut self,
        oss: Text,
        local: Text,
        writable: bool,
        diags: &mut Diagnostics,
    ) {
        if absolute(&local, "InputMapping path", diags) {
            self.oss(&oss, &local, !writable, true, diags);
        }
    }

    /// An `OutputMapping` entry: the local folder stored under the OSS folder.
    pub fn output(&mut self, local: Text, oss: Text, diags: &mut Diagnostics) {
        if !absolute(&local, "OutputMapping path", diags) {
            return;
        }
        let Some((bucket, key)) = split_oss(&oss.value) else {
            return not_oss(&oss, "the OutputMapping destination", diags);
        };
        self.artifacts.push(Artifact {
            name: None,
            direction: Direction::Output,
            role: ArtifactRole::Output,
            origin: local.origin.clone(),
            path: local,
            url: oss,
            bucket: Some(bucket),
            key,
        });
    }

    /// A `LogMapping` entry: the local file stored in the OSS folder, under its own name.
    pub fn log(&mut self, local: Text, oss: Text, diags: &mut Diagnostics) {
        if !absolute(&local, "LogMapping file", diags) {
            return;
        }
        let Some((bucket, dir)) = split_oss(&oss.value) else {
            return not_oss(&oss, "the LogMapping destination", diags);
        };
        let file = local.value.rsplit('/').next().unwrap_or_default();
        let key = format!("{}/{file}", dir.trim_end_matches('/'));
        self.artifacts.push(Artifact {
            name: None,
            direction: Direction::Output,
            role: ArtifactRole::Log,
            origin: local.origin.clone(),
            path: local,
            url: oss,
            bucket: Some(bucket),
            key: key.trim_start_matches('/').to_string(),
        });
    }

    /// A data disk: scratch space at its mount point.
    pub fn scratch(&mut self, disk: (Text, Option<Spanned<i64>>), diags: &mut Diagnostics) {
        let (path, size) = disk;
        if !self.free(&path, diags) {
            return;
        }
        let origin = path.origin.clone();
        let volume = self.volume(
            format!("data-disk{}", path.value),
            VolumeSource::Scratch(size),
            &origin,
        );
        self.mount(volume, &path, false, &origin);
    }

    /// A mount option, reported if the task mounts anything it could apply to.
    pub fn option(&mut self, name: &str, value: String, origin: Origin) {
        self.options.push((name.to_string(), value, origin));
    }

    /// `Mounts` (of the task, its AutoCluster or its cluster).
    pub fn mounts(&mut self, mut m: Obj<'_>, diags: &mut Diagnostics) {
        for mut e in m.objects("Entries", diags) {
            let source = e.string("Source", diags);
            let destination = e.string("Destination", diags);
            let write = e.bool("WriteSupport", diags).is_some_and(|w| w.value);
            let origin = e.origin();
            e.finish(diags);
            let (Some(source), Some(destination)) = (source, destination) else {
                diags.report(
                    Code::MissingField,
                    &origin,
                    "a mount entry needs `Source` and `Destination`",
                );
                continue;
            };
            if !destination.value.starts_with('/') {
                diags.report(
                    Code::UnsupportedMount,
                    &destination.origin,
                    format!("mount destination `{}` is not an absolute Linux path (Windows drives have no pod equivalent)", destination.value),
                );
                continue;
            }
            let scheme = source
                .value
                .split_once("://")
                .map(|(s, _)| s.to_ascii_lowercase());
            match scheme.as_deref() {
                Some("oss") => self.oss(&source, &destination, !write, false, diags),
                Some("nas") => {
                    let rest = source.value.split_once("://").map_or("", |(_, r)| r);
                    let (server, path) = rest.split_once('/').unwrap_or((rest, ""));
                    if server.is_empty() {
                        diags.report(Code::InvalidValue, &source.origin, format!("NAS source `{}` names no mount target", source.value));
                        continue;
                    }
                    if !self.free(&destination, diags) {
                        continue;
                    }
                    let path = format!("/{}", path.trim_matches('/'));
                    let host = server.split('.').next().unwrap_or(server);
                    let volume = self.volume(
                        format!("nas-{host}{path}"),
                        VolumeSource::Nas(Box::new(NasVolume {
                            url: source.clone(),
                            server: server.to_string(),
                            path,
                        })),
                        &source.origin,
                    );
                    self.mount(volume, &destination, !write, &destination.origin);
                }
                _ => diags.report(
                    Code::UnsupportedMount,
                    &source.origin,
                    format!("mount source `{}`: only oss:// and nas:// sources have volumes on the workflow cluster", source.value),
                ),
            }
        }
        if let Some(mut nas) = m.obj("NAS", diags) {
            let groups = nas.strings("AccessGroup", diags);
            let _ = nas.strings("FileSystem", diags);
            let origin = nas.origin();
            nas.finish(diags);
            let groups = groups.map(|g| {
                g.value
                    .iter()
                    .map(|t| format!("`{}`", t.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            diags.report(
                Code::ManualStep,
                &origin,
                format!(
                    "NAS is mounted by its mount target; the access group{} must admit the workflow cluster's vSwitches",
                    groups.map_or(String::new(), |g| format!(" {g}"))
                ),
            );
        }
        if let Some((node, ptr)) = m.take("OSS") {
            diags.report(
                Code::InlineCredentials,
                &m.ctx.origin(node, &ptr),
                "the OSS access keys in `Mounts.OSS` are not copied: the volumes read them from the OSS Secret (see B2A412); remove them from the job description",
            );
        }
        for k in MOUNT_OPTIONS {
            if let Some((node, ptr)) = m.take(k) {
                let value = node.as_scalar().map(|s| s.text.clone()).unwrap_or_default();
                self.option(k, value, m.ctx.origin(node, &ptr));
            }
        }
        m.finish(diags);
    }

    /// Puts what was collected on the container; NAS hosts name the region.
    pub fn finish(self, c: &mut Container, hosts: &mut Vec<String>, diags: &mut Diagnostics) {
        let mounted = self
            .volumes
            .iter()
            .any(|v| matches!(v.source, VolumeSource::Oss(_) | VolumeSource::Nas(_)));
        if mounted {
            for (name, value, origin) in &self.options {
                if !matters(name, value) {
                    continue;
                }
                diags.report(
                    Code::MountOption,
                    origin,
                    format!("mount option `{name}` is not converted: set the matching ossfs or NFS option on the PersistentVolume by hand if the task relied on it"),
                );
            }
        }
        for v in &self.volumes {
            if let VolumeSource::Nas(n) = &v.source {
                hosts.push(n.server.clone());
            }
        }
        c.volumes.extend(self.volumes);
        c.mount_points.extend(self.mounts);
        c.artifacts.extend(self.artifacts);
    }
}

/// Whether a mount option changes anything: ossfs reads UTF-8 names and takes no lock or cache
/// unless asked, so those settings need no counterpart.
fn matters(name: &str, value: &str) -> bool {
    match name {
        "Locale" => !value.eq_ignore_ascii_case("utf-8") && !value.eq_ignore_ascii_case("utf8"),
        "Lock" | "CacheSupport" | "NasMetaCache" => value.eq_ignore_ascii_case("true"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oss_urls_split_into_bucket_and_key() {
        assert_eq!(
            split_oss("oss://my-bucket/render/input/"),
            Some(("my-bucket".into(), "render/input/".into()))
        );
        assert_eq!(
            split_oss("oss://bucket"),
            Some(("bucket".into(), String::new()))
        );
        assert_eq!(split_oss("oss:///x"), None);
        assert_eq!(split_oss("/local/path"), None);
    }
}
