//! Stage 3: the IR → Argo objects. One file per mapping rule; [`template::PASSES`] lists them.
//!
//! Every job definition becomes a WorkflowTemplate (the latest ACTIVE revision of each name,
//! plus revisions a submission names explicitly); every job graph or SubmitJob becomes a
//! Workflow calling those templates.

pub mod alibaba_volumes;
pub mod artifacts;
pub mod batch_compute;
pub mod capacity;
pub mod command;
pub mod coverage;
pub mod coverage_batchcompute;
pub mod dag;
pub mod efs_volumes;
pub mod eks;
pub mod environment;
pub mod extras;
pub mod fargate;
pub mod hygiene;
pub mod names;
pub mod options;
pub mod overrides;
pub mod placement;
pub mod platform;
pub mod platforms;
pub mod queueing;
pub mod queues;
pub mod resolve;
pub mod resources;
pub mod retry;
pub mod scheduling;
pub mod secrets;
pub mod security;
pub mod service_accounts;
pub mod spill;
pub mod template;
pub mod text;
pub mod timeout;
pub mod volumes;
pub mod workflow;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap};
use crate::emit::model::{
    Arguments, Kind, LocalObjectReference, Manifest, Object, ObjectMeta, Parameter, Template,
    WorkflowSpec, API_VERSION,
};
use crate::ir::{Job, JobDefinition, JobSpec, Project, Status};
use names::NameSet;
use placement::Placement;
use resolve::{Registry, Unresolved};
use template::{Variant, ANNOTATION};

pub use options::{Options, Platform, Queueing};

/// The label every generated object carries.
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "batch2argo");

/// How a job definition's templates are called.
#[derive(Clone, Debug)]
pub struct TemplateNames {
    target: workflow::TargetNames,
    /// Batch parameter → Argo input name.
    pub params: BTreeMap<String, String>,
    /// Placeholders with no default: Batch name → Argo input name.
    pub required: BTreeMap<String, String>,
}

/// One job definition converted.
struct Converted {
    wft_name: String,
    single: Template,
    array: Template,
    /// Both templates before the home placement, to derive the variants of other queues; only
    /// kept when there is a home placement (otherwise the base templates are unplaced, and the
    /// per-pod platform settings that are on them apply to every variant alike).
    unplaced: Option<Box<(Template, Template)>>,
    /// [`Placement::pod_key`] → the names of its `(single, array)` templates and the queues
    /// that use them, for placements other than the definition's home one.
    variants: BTreeMap<String, (String, String, BTreeSet<String>)>,
    /// The variants' templates, in the WorkflowTemplate after the two base ones.
    extra: Vec<Template>,
    image_pull_secrets: BTreeSet<String>,
    params: BTreeMap<String, String>,
    required: BTreeMap<String, String>,
    /// Where each placeholder without a default is used.
    required_origins: BTreeMap<String, crate::diagnostics::Origin>,
    emitted: bool,
    /// Emitted into a Workflow that inlines its definitions: no WorkflowTemplate of its own.
    inline: bool,
}

/// State shared by the lowering of every object of a run.
pub struct LowerCtx<'p> {
    defs: Vec<JobDefinition>,
    registry: Registry,
    options: &'p Options,
    files: &'p SourceMap,
    converted: BTreeMap<usize, Converted>,
    wft_names: NameSet,
    /// Definitions used by the Workflow being built (for `--self-contained`).
    used: BTreeSet<usize>,
    /// `(definition, parameter)` pairs some job gives a value.
    pub supplied: BTreeSet<(usize, String)>,
    /// How many definitions came from the inputs; later ones are synthesised.
    inputs_len: usize,
    project: &'p Project,
    /// Job queue reference → its placement (`None`: unresolved).
    placements: BTreeMap<String, Option<Placement>>,
    object_names: queueing::ObjectNames,
    /// Job queue name → what its jobs request.
    uses: BTreeMap<String, queueing::QueueUse>,
    /// Definition → the placement every job running it shares, put on its base templates.
    home: BTreeMap<usize, Placement>,
    /// Definition → the namespaces its jobs run in (for its ServiceAccount and claims).
    namespaces: BTreeMap<usize, BTreeSet<String>>,
    /// The graph being lowered inlines its definitions' templates.
    inline: bool,
}

impl<'p> LowerCtx<'p> {
    /// The job definition a job runs, or an error diagnostic.
    pub fn resolve_job(&mut self, job: &Job, diags: &mut Diagnostics) -> Option<usize> {
        let reference = &job.job_definition;
        match self.registry.resolve(&self.defs, &reference.value) {
            Ok(i) => {
                let (_, revision) = resolve::parse_reference(&reference.value);
                if revision.is_some() {
                    let (name, _) = resolve::parse_reference(&reference.value);
                    if self.registry.default_for(&self.defs, &name).ok() != Some(i) {
                        let status = if self.defs[i].status == Status::Inactive {
                            " (INACTIVE)"
                        } else {
                            ""
                        };
                        diags.report(
                            Code::OlderRevision,
                            &reference.origin,
                            format!("`{}`{status} is not the latest ACTIVE revision, so it gets its own WorkflowTemplate", reference.value),
                        );
                    }
                }
                Some(i)
            }
            Err(why) => {
                if let Some(spec) = &job.effective_spec {
                    return Some(self.synthesize(job, spec.clone()));
                }
                let (name, _) = resolve::parse_reference(&reference.value);
                let message = match why {
                    Unresolved::NoSuchName => format!("no job definition named `{name}` among the inputs"),
                    Unresolved::NoSuchRevision(r) => format!("job definition `{name}` has no revision {r} among the inputs"),
                    Unresolved::OnlyInactive => format!("job definition `{name}` has only INACTIVE revisions; name one explicitly (`{name}:N`) to use it"),
                };
                diags.push(
                    Diagnostic::new(Code::UnknownJobDefinition, format!("job `{}`: {message}", job.name.value))
                        .at(&reference.origin)
                        .with_help("add the job definition's file (or its describe-job-definitions dump) to the inputs"),
                );
                None
            }
        }
    }

    /// Whether a definition was made from a `describe-jobs` entry rather than read.
    pub fn is_synthesized(&self, i: usize) -> bool {
        i >= self.inputs_len
    }

    /// A definition from a `describe-jobs` entry whose definition is not among the inputs.
    fn synthesize(&mut self, job: &Job, spec: JobSpec) -> usize {
        let (name, revision) = resolve::parse_reference(&job.job_definition.value);
        if let Some(i) = self.defs.iter().position(|d| {
            d.name.value == name
                && d.revision.as_ref().map(|r| r.value) == revision
                && d.spec == spec
        }) {
            return i;
        }
        let origin = job.job_definition.origin.clone();
        self.defs.push(JobDefinition {
            name: crate::diagnostics::Spanned::new(name, origin.clone()),
            revision: revision.map(|r| crate::diagnostics::Spanned::new(r, origin.clone())),
            status: Status::Active,
            spec,
            parameters: job.parameters.clone(),
            retry: job.retry.clone(),
            timeout: job.timeout.clone(),
            tags: Vec::new(),
            propagate_tags: None,
            platform_capabilities: Vec::new(),
            scheduling_priority: None,
            consumable_resources: None,
            runtime: crate::ir::Runtime::AwsBatch,
            origin: job.origin.clone(),
        });
        self.registry = Registry::new(&self.defs);
        self.defs.len() - 1
    }

    /// The placement of a job: its queue's, with the queueing system's part for the job.
    /// `None` when the job names no queue or an unresolved one.
    pub fn placement_for(
        &mut self,
        job: &Job,
        def: usize,
        diags: &mut Diagnostics,
    ) -> Option<Placement> {
        let Some(reference) = job.queue.as_ref() else {
            // A BatchCompute task names its cluster directly.
            let env = job.compute_environment.as_ref()?;
            let key = format!("cluster:{}", env.value);
            if !self.placements.contains_key(&key) {
                let p = queues::compute_environment(self.project, &env.value)
                    .map(|ce| placement::cluster::placement(ce, self.options, diags));
                self.placements.insert(key.clone(), p);
            }
            return self.placements.get(&key).cloned().flatten();
        };
        if !self.placements.contains_key(&reference.value) {
            let base = queues::resolve(self.project, &reference.value)
                .map(|r| Placement::for_queue(&r, self.options, diags));
            self.placements.insert(reference.value.clone(), base);
        }
        let mut p = self.placements.get(&reference.value).cloned().flatten()?;
        let share = job
            .share_identifier
            .as_ref()
            .filter(|_| p.fair_share)
            .map(|s| s.value.clone());
        let priority = job
            .scheduling_priority_override
            .as_ref()
            .or(self
                .defs
                .get(def)
                .and_then(|d| d.scheduling_priority.as_ref()))
            .map(|p| p.value);
        queueing::for_job(
            &mut p,
            &self.object_names,
            self.options,
            share.as_deref(),
            priority,
        );
        Some(p)
    }

    /// A job whose queue's instances cannot run its definition's architecture.
    pub fn check_architecture(
        &self,
        job: &Job,
        def: usize,
        p: Option<&Placement>,
        diags: &mut Diagnostics,
    ) {
        let (Some(p), Some(reference)) = (p, job.queue.as_ref()) else {
            return;
        };
        if let (Some(arch), Some(JobSpec::Container(c))) =
            (p.arch, self.defs.get(def).map(|d| &d.spec))
        {
            if let Some(want) = &c.cpu_architecture {
                let want_arch = if want.value.eq_ignore_ascii_case("ARM64") {
                    "arm64"
                } else {
                    "amd64"
                };
                if want_arch != arch {
                    diags.report(
                        Code::ArchitectureConflict,
                        &reference.origin,
                        format!(
                            "job `{}` asks for {} (runtimePlatform) but job queue `{}` has only {arch} instances: no node satisfies both",
                            job.name.value, want.value, p.queue
                        ),
                    );
                }
            }
        }
    }

    /// Records the namespace a job of definition `i` runs in.
    pub fn record_namespace(&mut self, i: usize, p: Option<&Placement>) {
        if self.options.platform != Platform::Eks {
            // Only the eks objects (ServiceAccounts, claims) are written per namespace.
            return;
        }
        let ns = p.map_or(&self.options.namespace, |p| &p.namespace);
        self.namespaces.entry(i).or_default().insert(ns.clone());
    }

    /// Records what a job's own template requests, for its queue's quotas and limits.
    pub fn record_use(&mut self, job: &Job, p: Option<&Placement>, t: &Template) {
        if let Some(p) = p {
            let (share, priority) = use_keys(job, p);
            queueing::record(&mut self.uses, &p.queue, t, share, priority);
        }
    }

    pub fn options(&self) -> &'p Options {
        self.options
    }

    /// Records what a job running definition `i`'s templates requests.
    pub fn record_definition_use(&mut self, job: &Job, p: Option<&Placement>, i: usize) {
        if let (Some(p), Some(c)) = (p, self.converted.get(&i)) {
            let (share, priority) = use_keys(job, p);
            // Placement changes no resource: the base template requests what every variant does.
            queueing::record(&mut self.uses, &p.queue, &c.single, share, priority);
        }
    }

    /// The definition's converted templates, built on first use.
    fn ensure_converted(&mut self, i: usize, diags: &mut Diagnostics) {
        if !self.converted.contains_key(&i) {
            let converted = self.convert(i, diags);
            self.converted.insert(i, converted);
        }
    }

    /// The WorkflowTemplate of a definition (built on first use) and how to call it from a job
    /// with `placement`: its base templates, or the variant for that placement.
    pub fn template_for(
        &mut self,
        i: usize,
        placement: Option<&Placement>,
        diags: &mut Diagnostics,
    ) -> (TemplateNames, BTreeSet<String>) {
        self.ensure_converted(i, diags);
        self.used.insert(i);
        let home = self.home.get(&i);
        let options = self.options;
        let Some(c) = self.converted.get_mut(&i) else {
            unreachable!("converted above")
        };
        // The common case, no queue placement at all, needs no key.
        let key = if placement == home {
            None
        } else {
            Some(Placement::pod_key(placement)).filter(|k| *k != Placement::pod_key(home))
        };
        let (single, array) = match key {
            None => (c.single.name.clone(), c.array.name.clone()),
            Some(key) => {
                if !c.variants.contains_key(&key) {
                    // Names taken in the WorkflowTemplate: the base pair and earlier variants.
                    let mut taken = NameSet::default();
                    for name in c
                        .extra
                        .iter()
                        .map(|t| &t.name)
                        .chain([&c.single.name, &c.array.name])
                    {
                        taken.reserve(name);
                    }
                    let slug = placement.map_or("no-queue".to_string(), Placement::slug);
                    let base = format!("{}-{}", c.single.name, slug);
                    let single_name = taken.assign(&base, 57);
                    let array_name = taken.assign(&format!("{single_name}-array"), 63);
                    let (mut single, mut array) = match &c.unplaced {
                        Some(pair) => (pair.0.clone(), pair.1.clone()),
                        None => (c.single.clone(), c.array.clone()),
                    };
                    single.name = single_name.clone();
                    array.name = array_name.clone();
                    placement::apply(&mut single, placement, options);
                    placement::apply(&mut array, placement, options);
                    c.extra.push(single);
                    c.extra.push(array);
                    c.variants
                        .insert(key.clone(), (single_name, array_name, BTreeSet::new()));
                }
                match c.variants.get_mut(&key) {
                    Some((single, array, queues)) => {
                        queues.extend(placement.map(|p| p.queue.clone()));
                        (single.clone(), array.clone())
                    }
                    None => (c.single.name.clone(), c.array.name.clone()),
                }
            }
        };
        let target = if self.options.self_contained || self.inline {
            workflow::TargetNames::Local { single, array }
        } else {
            workflow::TargetNames::Ref {
                template: c.wft_name.clone(),
                single,
                array,
            }
        };
        (
            TemplateNames {
                target,
                params: c.params.clone(),
                required: c.required.clone(),
            },
            c.image_pull_secrets.clone(),
        )
    }

    fn convert(&mut self, i: usize, diags: &mut Diagnostics) -> Converted {
        let def = &self.defs[i];
        let default = self.registry.default_for(&self.defs, &def.name.value).ok() == Some(i);
        let base = if default || def.revision.is_none() {
            def.name.value.clone()
        } else {
            format!(
                "{}-{}",
                def.name.value,
                def.revision.as_ref().map(|r| r.value).unwrap_or(0)
            )
        };
        let wft_name = self.wft_names.assign(&base, 63);
        let single_name = wft_name.clone();
        let stem: String = wft_name.chars().take(57).collect();
        let array_name = format!("{}-array", stem.trim_end_matches('-'));
        let (mut single, mut array) = template::build_both(def, &single_name, &array_name, diags);
        let home = self.home.get(&i);
        let unplaced = home.map(|_| Box::new((single.template.clone(), array.template.clone())));
        placement::apply(&mut single.template, home, self.options);
        placement::apply(&mut array.template, home, self.options);
        let required = single
            .required
            .keys()
            .map(|original| (original.clone(), single.params[original].clone()))
            .collect();
        Converted {
            wft_name,
            single: single.template,
            array: array.template,
            unplaced,
            variants: BTreeMap::new(),
            extra: Vec::new(),
            image_pull_secrets: single.image_pull_secrets,
            params: single.params,
            required,
            required_origins: single.required,
            emitted: false,
            inline: false,
        }
    }
}

/// The share identifier and priority a job's placement queues it by (Kueue only).
fn use_keys<'j>(job: &'j Job, p: &Placement) -> (Option<&'j str>, Option<i64>) {
    let share = p
        .labels
        .get("kueue.x-k8s.io/queue-name")
        .and(job.share_identifier.as_ref())
        .map(|s| s.value.as_str());
    let priority = p
        .labels
        .get("kueue.x-k8s.io/priority-class")
        .and_then(|c| c.strip_prefix("batch-priority-"))
        .and_then(|n| n.parse().ok());
    (share, priority)
}

/// What a project lowers to, each list in a stable order.
pub struct Lowered {
    /// WorkflowTemplates, then Workflows.
    pub manifests: Vec<Manifest>,
    /// The objects written beside them: queueing objects, ServiceAccounts, volumes.
    pub objects: Vec<Object>,
}

/// Lowers a whole project.
pub fn lower(
    project: &Project,
    files: &SourceMap,
    options: &Options,
    diags: &mut Diagnostics,
) -> Lowered {
    scheduling::report(project, options, diags);
    queues::check_queues(
        project,
        options.needs_queues(),
        options.queueing == Queueing::Kueue,
        diags,
    );
    capacity::report(project, diags);
    let mut ctx = LowerCtx {
        defs: project.job_definitions.clone(),
        registry: Registry::new(&project.job_definitions),
        options,
        files,
        converted: BTreeMap::new(),
        wft_names: NameSet::default(),
        used: BTreeSet::new(),
        supplied: BTreeSet::new(),
        inputs_len: 0,
        project,
        placements: BTreeMap::new(),
        object_names: queueing::ObjectNames::new(project),
        uses: BTreeMap::new(),
        home: BTreeMap::new(),
        namespaces: BTreeMap::new(),
        inline: false,
    };
    batch_compute::prepare(&mut ctx.defs, project, options, diags);
    // App jobs on clusters of their own get the cluster's settings as overrides.
    let app_graphs = batch_compute::app_jobs(project, &ctx.defs, diags);
    let all_graphs: Vec<&crate::ir::JobGraph> = project
        .graphs
        .iter()
        .enumerate()
        .map(|(i, g)| app_graphs.get(&i).unwrap_or(g))
        .collect();
    check_duplicates(&mut ctx, diags);
    ctx.inputs_len = ctx.defs.len();
    find_homes(&mut ctx, &all_graphs, diags);

    // Every name's default revision is converted, in name order, so names do not depend on
    // which jobs come first.
    let defaults: Vec<usize> = ctx
        .registry
        .names()
        .filter_map(|(name, _)| ctx.registry.default_for(&ctx.defs, name).ok())
        .collect();
    let default_names: Vec<&str> = defaults
        .iter()
        .map(|&i| ctx.defs[i].name.value.as_str())
        .collect();
    ctx.wft_names.assign_all(&default_names, 63);
    for &i in &defaults {
        ctx.ensure_converted(i, diags);
    }
    report_skipped_revisions(&ctx, &defaults, diags);

    let mut workflows = Vec::new();
    let mut companion_templates = Vec::new();
    let mut wf_names = NameSet::default();
    let mut graphs = all_graphs.clone();
    graphs.sort_by(|a, b| a.name.cmp(&b.name).then(a.origin.cmp(&b.origin)));
    // Two submissions may share a job name: tell their workflows apart by their files.
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &graphs {
        *uses.entry(g.name.as_str()).or_default() += 1;
    }
    let keys: Vec<String> = graphs
        .iter()
        .map(|g| {
            let shared = uses.get(g.name.as_str()).is_some_and(|n| *n > 1);
            if shared {
                format!(
                    "{}-{}",
                    g.name,
                    names::short_hash(files.path(g.origin.file))
                )
            } else {
                g.name.clone()
            }
        })
        .collect();
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let wf_list = wf_names.assign_all(&key_refs, 57);
    let mut repositories = BTreeMap::new();
    for (graph, name) in graphs.into_iter().zip(wf_list) {
        ctx.used.clear();
        ctx.inline = graph.run.inline;
        report_jobs_without_queue(graph, options, diags);
        let Some(lowered) = workflow::lower_graph(graph, &mut ctx, diags) else {
            continue;
        };
        let priority = match &graph.run.priority {
            Some(p) => Some(p.value),
            None => queues::graph_priority(project, graph, options.needs_queues(), diags),
        };
        let (mut templates, mut secrets) = (lowered.templates, lowered.image_pull_secrets);
        if options.self_contained || graph.run.inline {
            let used: Vec<usize> = ctx.used.iter().copied().collect();
            for i in used {
                if let Some(c) = ctx.converted.get_mut(&i) {
                    c.emitted = true;
                    c.inline |= graph.run.inline;
                    templates.push(c.single.clone());
                    templates.push(c.array.clone());
                    templates.extend(c.extra.iter().cloned());
                    secrets.extend(c.image_pull_secrets.iter().cloned());
                }
            }
            if graph.run.inline {
                batch_compute::prune(&mut templates);
            }
        }
        let mut metadata = ObjectMeta {
            generate_name: Some(format!("{name}-")),
            ..ObjectMeta::default()
        };
        metadata
            .labels
            .insert(MANAGED_BY.0.into(), MANAGED_BY.1.into());
        annotate_source(&mut metadata, files, &graph.origin, &graph.name, &name);
        if !lowered.job_tags.is_empty() {
            let map: serde_json::Map<String, serde_json::Value> = lowered
                .job_tags
                .iter()
                .map(|(task, tags)| (task.clone(), serde_json::from_str(tags).unwrap_or_default()))
                .collect();
            metadata.annotations.insert(
                format!("{ANNOTATION}/job-tags"),
                serde_json::Value::Object(map).to_string(),
            );
        }
        if !lowered.job_scheduling.is_empty() {
            let map: serde_json::Map<String, serde_json::Value> =
                lowered.job_scheduling.clone().into_iter().collect();
            metadata.annotations.insert(
                format!("{ANNOTATION}/job-scheduling"),
                serde_json::Value::Object(map).to_string(),
            );
        }
        if !lowered.renamed.is_empty() {
            // Task name → the jobName it stands for, where they differ.
            let map: serde_json::Map<String, serde_json::Value> = lowered
                .renamed
                .into_iter()
                .map(|(k, v)| (k, v.into()))
                .collect();
            metadata.annotations.insert(
                format!("{ANNOTATION}/job-names"),
                serde_json::Value::Object(map).to_string(),
            );
        }
        // Run settings and artifact locations see every template, before any spill.
        let mut spec = WorkflowSpec {
            entrypoint: Some("main".into()),
            priority,
            arguments: None,
            image_pull_secrets: std::mem::take(&mut secrets)
                .into_iter()
                .map(|name| LocalObjectReference { name })
                .collect(),
            artifact_repository_ref: None,
            archive_logs: None,
            ttl_strategy: None,
            templates: std::mem::take(&mut templates),
        };
        let region = graph
            .jobs
            .iter()
            .filter_map(|j| {
                ctx.registry
                    .resolve(&ctx.defs, &j.job_definition.value)
                    .ok()
            })
            .find_map(|i| alibaba_volumes::region(&ctx.defs[i]));
        batch_compute::run_settings(&graph.run, &mut metadata, &mut spec);
        let log_bucket = graph
            .run
            .archive_logs
            .as_ref()
            .and_then(|u| batch_compute::bucket_of(&u.value));
        if let Some(bucket) = artifacts::locate(
            &mut spec,
            true,
            log_bucket.as_deref(),
            region,
            &graph.origin,
            options,
            diags,
        ) {
            repositories
                .entry(bucket)
                .or_insert_with(|| (graph.origin.clone(), region.map(str::to_string)));
        }
        templates = std::mem::take(&mut spec.templates);
        if templates.len() > spill::MAX_TEMPLATES {
            if options.self_contained {
                diags.report(
                    Code::SelfContainedTooLarge,
                    &graph.origin,
                    format!(
                        "the Workflow for `{}` needs {} templates, more than the {} one Argo object holds, so it cannot be self-contained; convert without --self-contained",
                        graph.name,
                        templates.len(),
                        spill::MAX_TEMPLATES
                    ),
                );
                continue;
            }
            let (kept, companions) = spill::spill(&name, templates, &mut ctx.wft_names);
            diags.report(
                Code::TooManyTemplates,
                &graph.origin,
                format!(
                    "the Workflow for `{}` needs more templates than the {} one Argo object holds; {} of them went into the WorkflowTemplates {}, which must be applied before the Workflow is submitted",
                    graph.name,
                    spill::MAX_TEMPLATES,
                    companions.iter().map(|c| c.spec.templates.len()).sum::<usize>(),
                    companions.iter().map(|c| format!("`{}`", c.name())).collect::<Vec<_>>().join(", ")
                ),
            );
            templates = kept;
            for mut c in companions {
                c.metadata
                    .labels
                    .insert(MANAGED_BY.0.into(), MANAGED_BY.1.into());
                annotate_source(&mut c.metadata, files, &graph.origin, &graph.name, &name);
                companion_templates.push(c);
            }
        }
        spec.templates = templates;
        workflows.push(Manifest {
            api_version: API_VERSION,
            kind: Kind::Workflow,
            metadata,
            spec,
        });
    }

    // Placeholders with no default that no job fills stay literal wherever the template runs.
    for (&i, c) in &ctx.converted {
        for (original, origin) in &c.required_origins {
            if !ctx.supplied.contains(&(i, original.clone())) {
                diags.report(
                    Code::UnresolvedRef,
                    origin,
                    format!("`Ref::{original}` has no default and no job among the inputs gives it a value: callers must pass `{}`, and a job that does not gets the literal text `Ref::{original}`", c.required[original]),
                );
            }
        }
    }

    for (&i, c) in &ctx.converted {
        if c.variants.is_empty() {
            continue;
        }
        let queues: BTreeSet<String> = c
            .variants
            .values()
            .flat_map(|(_, _, q)| q.iter().map(|q| format!("`{q}`")))
            .collect();
        let queues: Vec<String> = queues.into_iter().collect();
        let base = match ctx.home.get(&i) {
            Some(home) => format!("has the placement of `{}`", home.queue),
            None => "carries no queue's placement".to_string(),
        };
        diags.report(
            Code::QueueVariants,
            &ctx.defs[i].name.origin,
            format!(
                "job definition `{}` runs with different placement on job queues {}: its WorkflowTemplate has a template pair for each, and the base pair `{}` {base}",
                ctx.defs[i].display_name(),
                queues.join(", "),
                c.single.name
            ),
        );
    }
    let mut objects = queueing::objects(project, &ctx.object_names, &ctx.uses, options, diags);
    if options.platform == Platform::Eks {
        // Each definition's objects go where its jobs run; one no job runs, to --namespace.
        let default = BTreeSet::from([options.namespace.clone()]);
        let used: Vec<(&JobDefinition, &BTreeSet<String>)> = ctx
            .converted
            .keys()
            .filter_map(|&i| Some((ctx.defs.get(i)?, ctx.namespaces.get(&i).unwrap_or(&default))))
            .collect();
        objects.extend(service_accounts::objects(used.iter().copied(), diags));
        objects.extend(efs_volumes::objects(
            used.iter().copied(),
            &options.namespace,
            diags,
        ));
    }
    objects.extend(alibaba_volumes::objects(
        ctx.converted.keys().filter_map(|&i| ctx.defs.get(i)),
        options,
        diags,
    ));
    objects.extend(artifacts::repositories(&repositories, options, diags));
    objects.sort_by(|a, b| {
        (a.kind, a.name(), &a.metadata.namespace).cmp(&(b.kind, b.name(), &b.metadata.namespace))
    });

    let mut out = companion_templates;
    let converted = std::mem::take(&mut ctx.converted);
    for (i, c) in converted {
        if c.emitted && (options.self_contained || c.inline) {
            continue;
        }
        let mut wft = workflow_template(&ctx.defs[i], c, files);
        let region = alibaba_volumes::region(&ctx.defs[i]);
        let origin = ctx.defs[i].origin.clone();
        artifacts::locate(&mut wft.spec, false, None, region, &origin, options, diags);
        out.push(wft);
    }
    out.sort_by(|a, b| a.name().cmp(b.name()));
    workflows.sort_by(|a, b| a.name().cmp(b.name()));
    out.extend(workflows);
    Lowered {
        manifests: out,
        objects,
    }
}

/// Jobs that name no queue get no placement or queueing: said once per graph.
fn report_jobs_without_queue(
    graph: &crate::ir::JobGraph,
    options: &Options,
    diags: &mut Diagnostics,
) {
    if !options.needs_queues() || graph.run.inline || graph.run.app {
        // BatchCompute tasks name their clusters, not queues.
        return;
    }
    let without: Vec<&Job> = graph.jobs.iter().filter(|j| j.queue.is_none()).collect();
    if let Some(first) = without.first() {
        diags.report(
            Code::NoQueue,
            &first.name.origin,
            format!(
                "{} of `{}` {} no jobQueue ({}), so {} no placement (--platform {}) or queueing (--queueing {})",
                if without.len() == 1 { "1 job".to_string() } else { format!("{} jobs", without.len()) },
                graph.name,
                if without.len() == 1 { "names" } else { "name" },
                without
                    .iter()
                    .take(5)
                    .map(|j| format!("`{}`", j.name.value))
                    .collect::<Vec<_>>()
                    .join(", "),
                if without.len() == 1 { "its pods get" } else { "their pods get" },
                options.platform.as_str(),
                options.queueing.as_str()
            ),
        );
    }
}

fn annotate_source(
    meta: &mut ObjectMeta,
    files: &SourceMap,
    origin: &crate::diagnostics::Origin,
    original: &str,
    name: &str,
) {
    meta.annotations.insert(
        format!("{ANNOTATION}/source"),
        files.path(origin.file).to_string(),
    );
    if original != name {
        meta.annotations
            .insert(format!("{ANNOTATION}/original-name"), original.to_string());
    }
}

fn workflow_template(def: &JobDefinition, c: Converted, files: &SourceMap) -> Manifest {
    let mut metadata = ObjectMeta {
        name: Some(c.wft_name.clone()),
        ..ObjectMeta::default()
    };
    metadata
        .labels
        .insert(MANAGED_BY.0.into(), MANAGED_BY.1.into());
    annotate_source(
        &mut metadata,
        files,
        &def.origin,
        &def.display_name(),
        &c.wft_name,
    );
    metadata
        .annotations
        .insert(format!("{ANNOTATION}/job-definition"), def.display_name());
    if !def.tags.is_empty() {
        metadata
            .annotations
            .insert(format!("{ANNOTATION}/tags"), extras::json_map(&def.tags));
    }
    // The entrypoint's Batch parameters, so `argo submit --from` can set them with `-p`.
    let arguments: Vec<Parameter> = c
        .single
        .inputs
        .as_ref()
        .map(|i| {
            i.parameters
                .iter()
                .filter(|p| c.params.values().any(|n| n == &p.name))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Manifest {
        api_version: API_VERSION,
        kind: Kind::WorkflowTemplate,
        metadata,
        spec: WorkflowSpec {
            entrypoint: Some(c.single.name.clone()),
            priority: None,
            arguments: (!arguments.is_empty()).then_some(Arguments {
                parameters: arguments,
            }),
            image_pull_secrets: c
                .image_pull_secrets
                .into_iter()
                .map(|name| LocalObjectReference { name })
                .collect(),
            artifact_repository_ref: None,
            archive_logs: None,
            ttl_strategy: None,
            templates: [c.single, c.array].into_iter().chain(c.extra).collect(),
        },
    }
}

/// A definition all of whose jobs share one placement gets it on its base templates; the
/// others keep unplaced base templates and get a variant per placement when a job calls them.
fn find_homes(ctx: &mut LowerCtx<'_>, graphs: &[&crate::ir::JobGraph], diags: &mut Diagnostics) {
    if ctx.project.queues.is_empty() && ctx.project.compute_environments.is_empty() {
        // No queue or cluster, no placement: every definition's base templates are unplaced.
        return;
    }
    // Definition → pod key → one placement with it.
    let mut seen: BTreeMap<usize, BTreeMap<String, Option<Placement>>> = BTreeMap::new();
    for graph in graphs {
        for job in &graph.jobs {
            if overrides::needs_own_template(job) {
                continue;
            }
            let Ok(i) = ctx.registry.resolve(&ctx.defs, &job.job_definition.value) else {
                continue;
            };
            let p = ctx.placement_for(job, i, diags);
            seen.entry(i)
                .or_default()
                .entry(Placement::pod_key(p.as_ref()))
                .or_insert(p);
        }
    }
    for (i, placements) in seen {
        if let [Some(p)] = placements.into_values().collect::<Vec<_>>().as_slice() {
            ctx.home.insert(i, p.clone());
        }
    }
}

/// The same definition (name and revision) given twice: identical copies are merged, differing
/// ones are an error.
fn check_duplicates(ctx: &mut LowerCtx<'_>, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<(String, Option<u32>), usize> = BTreeMap::new();
    let mut drop = BTreeSet::new();
    for (i, d) in ctx.defs.iter().enumerate() {
        let key = (d.name.value.clone(), d.revision.as_ref().map(|r| r.value));
        match seen.get(&key) {
            None => {
                seen.insert(key, i);
            }
            Some(&first) => {
                let a = template::build(
                    &ctx.defs[first],
                    "x",
                    Variant::Single,
                    &mut Diagnostics::new(),
                );
                let b = template::build(d, "x", Variant::Single, &mut Diagnostics::new());
                if a.template != b.template || ctx.defs[first].status != d.status {
                    diags.push(
                        Diagnostic::new(
                            Code::DuplicateDefinition,
                            format!("job definition `{}` is defined again with different content; the first one is used", d.display_name()),
                        )
                        .at(&d.name.origin)
                        .with_help(format!("the first definition is in {}", ctx.files.path(ctx.defs[first].origin.file))),
                    );
                }
                drop.insert(i);
            }
        }
    }
    if !drop.is_empty() {
        let defs = std::mem::take(&mut ctx.defs);
        ctx.defs = defs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, d)| d)
            .collect();
        ctx.registry = Registry::new(&ctx.defs);
    }
}

/// Revisions that are neither a name's default nor referenced get no template: say so once per
/// name.
fn report_skipped_revisions(ctx: &LowerCtx<'_>, defaults: &[usize], diags: &mut Diagnostics) {
    for (name, revisions) in ctx.registry.names() {
        let mut numbers: Vec<u32> = revisions
            .iter()
            .filter(|i| !defaults.contains(i))
            .filter_map(|&i| ctx.defs[i].revision.as_ref().map(|r| r.value))
            .collect();
        numbers.sort_unstable();
        let skipped: Vec<String> = numbers.iter().map(u32::to_string).collect();
        if skipped.is_empty() {
            continue;
        }
        let first = revisions
            .iter()
            .find(|i| !defaults.contains(i))
            .copied()
            .unwrap_or(0);
        diags.report(
            Code::OlderRevision,
            &ctx.defs[first].name.origin,
            format!(
                "{} {} of `{name}` {} not the latest ACTIVE one, so no WorkflowTemplate is generated unless a submission names {}",
                if skipped.len() == 1 { "revision" } else { "revisions" },
                skipped.join(", "),
                if skipped.len() == 1 { "is" } else { "are" },
                if skipped.len() == 1 { "it" } else { "them" }
            ),
        );
    }
}
