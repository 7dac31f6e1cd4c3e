//! The config file, `.batch2argo.yaml`, looked up from the working directory upwards.
//!
//! ```yaml
//! platform: eks               # generic | eks | ack-eci | ack-acs (convert and lint)
//! queueing: kueue             # none | kueue | volcano | semaphore
//! namespace: batch            # where the Workflows run (LocalQueues, ConfigMaps…)
//! gpu-toleration: true        # GPU jobs tolerate the nvidia.com/gpu taint
//! queues:                     # per job queue
//!   high-priority: {namespace: prod, local-queue: high, flavor-labels: {pool: batch}}
//! compute-environments:       # per compute environment: Kueue quotas
//!   gpu-ce: {memory: 960Gi, gpu: 16}
//! batchcompute:               # Alibaba BatchCompute inputs
//!   region: cn-hangzhou       # OSS endpoints, BATCH_COMPUTE_REGION (else read from the job)
//!   default-image: registry.cn-hangzhou.aliyuncs.com/acme/base:1   # tasks run on a VM image
//!   oss-secret: oss-secret    # Secret with akId/akSecret for OSS volumes and artifacts
//!   input-mapping: volume     # volume | artifact: how InputMapping reaches the pod
//!   images: {"localhost:5000/tool": registry.cn-hangzhou.aliyuncs.com/acme/tool:1}
//! lint:
//!   select: [B2A1, B2A2]      # codes or prefixes; default: everything
//!   ignore: [B2A161]
//!   deny-warnings: true
//!   per-file-ignores:
//!     "legacy/**": [B2A165]
//! ```
//!
//! The options are the same model as `convert`'s flags ([`Options`]); flags win. Unknown keys
//! and unknown codes are errors: a typo must not silently switch a check off.

use std::path::{Path, PathBuf};

use crate::diagnostics::select::{CodePattern, Selection};
use crate::diagnostics::{Diagnostics, SourceMap};
use crate::lower::options::{EnvironmentOverride, InputMapping, QueueOverride};
use crate::lower::{Options, Platform, Queueing};
use crate::source::read::{Ctx, Obj};
use crate::source::syntax;

pub const FILE_NAME: &str = ".batch2argo.yaml";

/// The nearest config file from `start` upwards.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn codes(items: Option<Vec<crate::ir::Text>>, errors: &mut Vec<String>) -> Vec<CodePattern> {
    items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| {
            CodePattern::parse(&t.value)
                .map_err(|e| errors.push(e))
                .ok()
        })
        .collect()
}

/// The config file given, else the nearest one from the working directory up, else defaults.
pub fn discover(given: Option<&Path>) -> Result<Config, String> {
    match given {
        Some(path) => load(path),
        None => match std::env::current_dir().ok().and_then(|d| find(&d)) {
            Some(path) => load(&path),
            None => Ok(Config::default()),
        },
    }
}

/// What a config file says.
#[derive(Debug, Default)]
pub struct Config {
    pub selection: Selection,
    pub options: Options,
}

/// The keys of a map node, each with its value node.
fn entries(node: &syntax::Node) -> &[syntax::Entry] {
    node.as_map().unwrap_or(&[])
}

/// The options the config file sets (everything but `lint`).
fn read_options(root: &mut Obj<'_>, diags: &mut Diagnostics, errors: &mut Vec<String>) -> Options {
    let mut options = Options::default();
    if let Some(p) = root.string("platform", diags) {
        options.platform_chosen = true;
        match Platform::parse(&p.value) {
            Some(v) => options.platform = v,
            None => errors.push(format!(
                "platform `{}` is not one of generic, eks, ack-eci, ack-acs",
                p.value
            )),
        }
    }
    if let Some(q) = root.string("queueing", diags) {
        match Queueing::parse(&q.value) {
            Some(v) => options.queueing = v,
            None => errors.push(format!(
                "queueing `{}` is not one of none, kueue, volcano, semaphore",
                q.value
            )),
        }
    }
    if let Some(ns) = root.string("namespace", diags) {
        options.namespace = ns.value;
    }
    if let Some(b) = root.bool("gpu-toleration", diags) {
        options.gpu_toleration = b.value;
    }
    let ctx = root.ctx;
    if let Some(map) = root.obj("queues", diags) {
        for entry in entries(map.node) {
            let Some(mut q) = Obj::new(ctx, &entry.value, String::new(), diags) else {
                continue;
            };
            let over = QueueOverride {
                namespace: q.string("namespace", diags).map(|t| t.value),
                local_queue: q.string("local-queue", diags).map(|t| t.value),
                flavor_labels: q
                    .string_map("flavor-labels", diags)
                    .into_iter()
                    .map(|kv| (kv.key.value, kv.value.value))
                    .collect(),
            };
            q.finish(diags);
            options.queues.insert(entry.key.clone(), over);
        }
    }
    if let Some(mut bc) = root.obj("batchcompute", diags) {
        let o = &mut options.batchcompute;
        o.region = bc.string("region", diags).map(|t| t.value);
        o.default_image = bc.string("default-image", diags).map(|t| t.value);
        if let Some(s) = bc.string("oss-secret", diags) {
            o.oss_secret = s.value;
        }
        if let Some(m) = bc.string("input-mapping", diags) {
            match m.value.as_str() {
                "volume" => o.input_mapping = InputMapping::Volume,
                "artifact" => o.input_mapping = InputMapping::Artifact,
                other => errors.push(format!(
                    "batchcompute.input-mapping `{other}` is not one of volume, artifact"
                )),
            }
        }
        o.images = bc
            .string_map("images", diags)
            .into_iter()
            .map(|kv| (kv.key.value, kv.value.value))
            .collect();
        bc.finish(diags);
    }
    if let Some(map) = root.obj("compute-environments", diags) {
        for entry in entries(map.node) {
            let Some(mut c) = Obj::new(ctx, &entry.value, String::new(), diags) else {
                continue;
            };
            let memory = c.string("memory", diags).map(|t| t.value);
            let gpu = c.int("gpu", diags).map(|n| n.value);
            c.finish(diags);
            let gpu = match gpu.map(u32::try_from) {
                Some(Ok(n)) => Some(n),
                Some(Err(_)) => {
                    errors.push(format!(
                        "compute-environments.{}.gpu is not a count",
                        entry.key
                    ));
                    None
                }
                None => None,
            };
            if let Some(m) = &memory {
                if !crate::validate::quantity_ok(m) {
                    errors.push(format!(
                        "compute-environments.{}.memory `{m}` is not a Kubernetes quantity",
                        entry.key
                    ));
                }
            }
            options
                .environments
                .insert(entry.key.clone(), EnvironmentOverride { memory, gpu });
        }
    }
    options
}

/// Reads a config file: the options and the `lint` selection.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut files = SourceMap::default();
    let shown = path.display().to_string();
    let id = files.add(shown.clone(), text.as_str());
    let parsed = syntax::parse(id, &shown, &text);
    let mut diags = Diagnostics::new();
    let mut errors: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    let mut selection = Selection::default();
    let mut options = Options::default();
    if let Some(doc) = parsed.documents.first() {
        let ctx = Ctx {
            file: id,
            api: crate::source::read::Api::AwsBatch,
        };
        if let Some(mut root) = Obj::new(ctx, doc, String::new(), &mut diags) {
            options = read_options(&mut root, &mut diags, &mut errors);
            if let Some(mut lint) = root.obj("lint", &mut diags) {
                selection.select = codes(
                    lint.strings("select", &mut diags).map(|s| s.value),
                    &mut errors,
                );
                selection.ignore = codes(
                    lint.strings("ignore", &mut diags).map(|s| s.value),
                    &mut errors,
                );
                selection.deny_warnings = lint
                    .bool("deny-warnings", &mut diags)
                    .is_some_and(|b| b.value);
                if let Some(map) = lint.obj("per-file-ignores", &mut diags) {
                    for entry in map.node.as_map().unwrap_or(&[]) {
                        let list: Vec<crate::ir::Text> = entry
                            .value
                            .as_seq()
                            .unwrap_or(&[])
                            .iter()
                            .filter_map(|n| {
                                crate::source::read::read_string(ctx, n, "", &mut diags)
                            })
                            .collect();
                        let patterns = codes(Some(list), &mut errors);
                        if let Err(e) = selection.ignore_in(&entry.key, patterns) {
                            errors.push(e);
                        }
                    }
                    // Every key of this map is a glob, read above.
                    let _ = map;
                }
                lint.finish(&mut diags);
            }
            root.finish(&mut diags);
        }
    }
    for d in diags.iter() {
        let line = d
            .origin
            .as_ref()
            .and_then(|o| files.get(o.file).map(|f| f.line_col(o.span.start).0))
            .unwrap_or(0);
        errors.push(format!("line {line}: {}", d.message));
    }
    if let Err(e) = options.validate() {
        errors.push(e);
    }
    if errors.is_empty() {
        Ok(Config { selection, options })
    } else {
        Err(format!("{}: {}", path.display(), errors.join("; ")))
    }
}
