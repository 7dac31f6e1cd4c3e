//! Hygiene: images not pinned to a tag or digest, and privileged containers. Both convert, but
//! both change behaviour or fail policy on the way to Kubernetes.

use super::template::Build;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::ir::JobSpec;

/// Whether an image reference names a version: a tag other than `latest`, or a digest.
pub fn pinned(image: &str) -> bool {
    if image.contains('@') {
        return true;
    }
    // The tag is after the last `:` of the last path component (a registry port is not a tag).
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, tag)) => !tag.is_empty() && tag != "latest",
        None => false,
    }
}

fn check_image(image: &str, origin: &Origin, diags: &mut Diagnostics) {
    if !pinned(image) {
        diags.report(
            Code::ImageTag,
            origin,
            format!("image `{image}` is not pinned to a version tag or digest; what runs changes with the registry"),
        );
    }
}

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    match &b.def.spec {
        JobSpec::Container(c) => {
            if let Some(image) = &c.image {
                check_image(&image.value, &image.origin, diags);
            }
            if let Some(p) = c.privileged.as_ref().filter(|p| p.value) {
                if !b.def.is_fargate() {
                    diags.report(Code::Privileged, &p.origin, "the container runs privileged; many clusters refuse privileged pods by policy");
                }
            }
        }
        JobSpec::Eks(pod) => {
            for c in pod.containers.iter().chain(&pod.init_containers) {
                if let Some(image) = &c.image {
                    check_image(&image.value, &image.origin, diags);
                }
                let privileged = c
                    .security_context
                    .as_ref()
                    .and_then(|s| s.privileged.as_ref())
                    .filter(|p| p.value);
                if let Some(p) = privileged {
                    diags.report(Code::Privileged, &p.origin, "the container runs privileged; many clusters refuse privileged pods by policy");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pinned;

    #[test]
    fn pinned_images() {
        assert!(pinned("python:3.12-slim"));
        assert!(pinned("registry.example.com:5000/team/app:1.4"));
        assert!(pinned("busybox@sha256:abc"));
        assert!(!pinned("python"));
        assert!(!pinned("python:latest"));
        assert!(!pinned("registry.example.com:5000/team/app"));
    }
}
