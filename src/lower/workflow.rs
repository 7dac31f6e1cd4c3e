//! A job graph (or one SubmitJob) → a Workflow whose DAG calls the job definitions' templates.
//!
//! Each job is a task calling its definition's WorkflowTemplate by `templateRef` (or a local
//! template with `--self-contained`), passing its parameters, its job id and its queue name. A
//! job that overrides its definition (command, environment, resources, retry, timeout) gets its
//! own template in the Workflow, built from the merged definition. DAGs over 200 tasks are split
//! into nested DAG templates (see [`split`]).

use std::collections::BTreeMap;

use super::dag::{self, Plan, Unit};
use super::names::NameSet;
use super::template::{
    Variant, ARRAY_INDEX_PARAM, ARRAY_SIZE_PARAM, INSTANCE_PARAM, JOB_ID_PARAM, QUEUE_PARAM,
};
use super::LowerCtx;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::{
    Arguments, Dag, DagTask, Inputs, Parameter, Sequence, Template, TemplateRef,
};
use crate::ir::graph as jobgraph;
use crate::ir::{Job, JobGraph};

/// Most tasks in one DAG template (Argo v4 CRD limit).
pub const MAX_DAG_TASKS: usize = 200;

/// How a job's container is called.
#[derive(Clone, Debug)]
struct Call {
    /// `templateRef` target, or a local template name.
    target: TargetNames,
    /// Input parameter values passed by the task (job parameters, queue name).
    arguments: Vec<Parameter>,
    array_size: Option<i64>,
    /// A BatchCompute task: its instances get `instance-id`, not the AWS job variables.
    batch_compute: bool,
}

#[derive(Clone, Debug)]
pub enum TargetNames {
    Ref {
        template: String,
        single: String,
        array: String,
    },
    Local {
        single: String,
        array: String,
    },
}

impl TargetNames {
    fn task(&self, variant: Variant, task: &mut DagTask) {
        match (self, variant) {
            (
                TargetNames::Ref {
                    template, single, ..
                },
                Variant::Single,
            ) => {
                task.template_ref = Some(TemplateRef {
                    name: template.clone(),
                    template: single.clone(),
                })
            }
            (
                TargetNames::Ref {
                    template, array, ..
                },
                Variant::ArrayChild,
            ) => {
                task.template_ref = Some(TemplateRef {
                    name: template.clone(),
                    template: array.clone(),
                })
            }
            (TargetNames::Local { single, .. }, Variant::Single) => {
                task.template = Some(single.clone())
            }
            (TargetNames::Local { array, .. }, Variant::ArrayChild) => {
                task.template = Some(array.clone())
            }
        }
    }
}

/// The templates of the Workflow being built, named uniquely.
pub struct WorkflowTemplates {
    pub names: NameSet,
    pub templates: Vec<Template>,
    /// Content of a job's own template → its name, so equal overrides share one template.
    by_content: BTreeMap<String, String>,
}

/// Builds the Workflow's templates for a graph: the entrypoint `main` first.
/// What a graph lowers to: the Workflow's templates, the image pull secrets its pods need, and
/// the task names that differ from the job names they stand for.
pub struct LoweredGraph {
    pub templates: Vec<Template>,
    pub image_pull_secrets: std::collections::BTreeSet<String>,
    pub renamed: BTreeMap<String, String>,
    /// Task → the job's tags as JSON, for jobs that carry tags.
    pub job_tags: BTreeMap<String, String>,
    /// Task → `{"shareIdentifier": …, "schedulingPriorityOverride": …}`, for jobs that set them.
    pub job_scheduling: BTreeMap<String, serde_json::Value>,
}

pub fn lower_graph(
    graph: &JobGraph,
    ctx: &mut LowerCtx<'_>,
    diags: &mut Diagnostics,
) -> Option<LoweredGraph> {
    let dag = jobgraph::build(graph, diags)?;
    let mut wt = WorkflowTemplates {
        names: NameSet::default(),
        templates: Vec::new(),
        by_content: BTreeMap::new(),
    };
    wt.names.reserve("main");
    let mut pull_secrets = std::collections::BTreeSet::new();

    // Resolve every job to a call; unresolved jobs are errors, reported all at once.
    let mut calls = Vec::with_capacity(graph.jobs.len());
    for job in &graph.jobs {
        calls.push(call_for(job, ctx, &mut wt, &mut pull_secrets, diags));
    }
    if calls.iter().any(Option::is_none) {
        return None;
    }
    let calls: Vec<Call> = calls.into_iter().flatten().collect();

    let plan = dag::plan(graph, &dag, diags);
    let mut task_names = NameSet::default();
    let originals: Vec<&str> = graph.jobs.iter().map(|j| j.name.value.as_str()).collect();
    let job_task: Vec<String> = task_names.assign_all(&originals, 63);
    let unit_names: Vec<String> = plan
        .units
        .iter()
        .map(|unit| match unit {
            Unit::Job(j) | Unit::Sequential(j) => job_task[*j].clone(),
            Unit::Aligned { members, .. } => {
                task_names.assign(&format!("{}-group", graph.jobs[members[0]].name.value), 63)
            }
        })
        .collect();
    let mut unit_tasks: Vec<DagTask> = Vec::with_capacity(plan.units.len());
    for (u, unit) in plan.units.iter().enumerate() {
        unit_tasks.push(unit_task(
            u,
            unit,
            &calls,
            &job_task,
            &unit_names,
            &plan,
            &mut wt,
        ));
    }
    let main_tasks = split::arrange(graph, &plan, unit_tasks, &unit_names, &mut wt, diags);
    let mut templates = vec![Template {
        name: "main".into(),
        dag: Some(Dag {
            fail_fast: None,
            tasks: main_tasks,
        }),
        ..Template::default()
    }];
    templates.append(&mut wt.templates);
    status_size(graph, &templates, diags);
    let renamed = graph
        .jobs
        .iter()
        .zip(&job_task)
        .filter(|(j, t)| &j.name.value != *t)
        .map(|(j, t)| (t.clone(), j.name.value.clone()))
        .collect();
    let mut job_tags = BTreeMap::new();
    let mut job_scheduling = BTreeMap::new();
    for (job, task) in graph.jobs.iter().zip(&job_task) {
        let mut scheduling = serde_json::Map::new();
        if let Some(s) = &job.share_identifier {
            scheduling.insert("shareIdentifier".into(), s.value.clone().into());
            diags.report(
                Code::KeptAsAnnotation,
                &s.origin,
                format!("shareIdentifier `{}` is kept in the Workflow's job-scheduling annotation; `--queueing kueue` also maps it", s.value),
            );
        }
        if let Some(p) = &job.scheduling_priority_override {
            scheduling.insert("schedulingPriorityOverride".into(), p.value.into());
            diags.report(
                Code::KeptAsAnnotation,
                &p.origin,
                format!("schedulingPriorityOverride {} is kept in the Workflow's job-scheduling annotation; `--queueing kueue` also maps it", p.value),
            );
        }
        if !scheduling.is_empty() {
            job_scheduling.insert(task.clone(), serde_json::Value::Object(scheduling));
        }
        if !job.tags.is_empty() {
            let origin = &job.tags[0].key.origin;
            diags.report(
                Code::KeptAsAnnotation,
                origin,
                format!("the tags of job `{}` are kept in the Workflow's job-tags annotation; Kubernetes has no resource tags", job.name.value),
            );
            job_tags.insert(task.clone(), super::extras::json_map(&job.tags));
        }
        if let Some(p) = job.propagate_tags.as_ref().filter(|p| p.value) {
            diags.report(
                Code::KeptAsAnnotation,
                &p.origin,
                "propagateTags on a submission is kept with the job's tags only: pods carry no AWS tags",
            );
        }
    }
    Some(LoweredGraph {
        templates,
        image_pull_secrets: pull_secrets,
        renamed,
        job_tags,
        job_scheduling,
    })
}

/// The call for one job: its definition's template, or its own when it overrides it.
fn call_for(
    job: &Job,
    ctx: &mut LowerCtx<'_>,
    wt: &mut WorkflowTemplates,
    pull_secrets: &mut std::collections::BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Option<Call> {
    let def_index = ctx.resolve_job(job, diags)?;
    if job.effective_spec.is_some() && !ctx.is_synthesized(def_index) {
        diags.report(
            Code::RuntimeState,
            &job.job_definition.origin,
            format!(
                "job `{}` runs the job definition among the inputs; the container recorded in the dump (with any submit-time overrides) is not compared with it",
                job.name.value
            ),
        );
    }
    let queue = job
        .queue
        .as_ref()
        .map(|q| q.value.rsplit('/').next().unwrap_or(&q.value).to_string())
        .unwrap_or_default();
    let mut arguments = Vec::new();
    for kv in &job.parameters {
        ctx.supplied.insert((def_index, kv.key.value.clone()));
    }
    let placement = ctx.placement_for(job, def_index, diags);
    ctx.record_namespace(def_index, placement.as_ref());
    ctx.check_architecture(job, def_index, placement.as_ref(), diags);
    let target = if super::overrides::needs_own_template(job) {
        let effective = super::overrides::effective(&ctx.defs[def_index], job, diags);
        let (variant, base) = match job.array_size {
            Some(_) => (Variant::ArrayChild, format!("{}-job-array", job.name.value)),
            None => (Variant::Single, format!("{}-job", job.name.value)),
        };
        let mut built = super::template::build(&effective, "job", variant, diags);
        super::placement::apply(&mut built.template, placement.as_ref(), ctx.options());
        ctx.record_use(job, placement.as_ref(), &built.template);
        pull_secrets.extend(built.image_pull_secrets.iter().cloned());
        // Placeholders with no value anywhere stay literal, as on Batch.
        for (original, origin) in &built.required {
            diags.report(
                Code::UnresolvedRef,
                origin,
                format!("`Ref::{original}` has no default and job `{}` gives no value, so it stays the literal text `Ref::{original}`", job.name.value),
            );
        }
        let literal: BTreeMap<String, String> = built
            .required
            .keys()
            .filter_map(|o| {
                built
                    .params
                    .get(o)
                    .map(|n| (n.clone(), format!("Ref::{o}")))
            })
            .collect();
        let name = local_template(wt, &base, built.template, &literal);
        TargetNames::Local {
            single: name.clone(),
            array: name,
        }
    } else {
        let (names, secrets) = ctx.template_for(def_index, placement.as_ref(), diags);
        ctx.record_definition_use(job, placement.as_ref(), def_index);
        pull_secrets.extend(secrets);
        for kv in &job.parameters {
            let name = names.params.get(&kv.key.value).cloned();
            let Some(name) = name else {
                diags.report(
                    Code::UnusedParameter,
                    &kv.key.origin,
                    format!(
                        "parameter `{}` of job `{}` is not used by the job definition's command",
                        kv.key.value, job.name.value
                    ),
                );
                continue;
            };
            let mut lbrace = false;
            let value = super::command::escape_value(
                &ctx.defs[def_index].spec,
                &kv.value.value,
                &mut lbrace,
            );
            arguments.push(Parameter::new(name, Some(value)));
        }
        // Placeholders with no default and no value here stay literal, as on Batch.
        for (original, name) in &names.required {
            if !job.parameters.iter().any(|kv| &kv.key.value == original) {
                diags.report(
                    Code::UnresolvedRef,
                    &job.name.origin,
                    format!("`Ref::{original}` has no default and job `{}` gives no value, so it stays the literal text `Ref::{original}`", job.name.value),
                );
                arguments.push(Parameter::new(
                    name.clone(),
                    Some(format!("Ref::{original}")),
                ));
            }
        }
        names.target.clone()
    };
    let batch_compute = !ctx.defs[def_index].runtime.is_aws();
    if !batch_compute {
        arguments.push(Parameter::new(QUEUE_PARAM, Some(queue)));
    }
    Some(Call {
        target,
        arguments,
        array_size: job.array_size.as_ref().map(|s| s.value),
        batch_compute,
    })
}

/// Adds a job's own template, sharing it with an earlier job when the content is the same.
fn local_template(
    wt: &mut WorkflowTemplates,
    base: &str,
    mut template: Template,
    literal: &BTreeMap<String, String>,
) -> String {
    // Inputs without a value get the literal `Ref::` text Batch would leave.
    if let Some(inputs) = template.inputs.as_mut() {
        for p in &mut inputs.parameters {
            if p.value.is_none() {
                p.value = literal.get(&p.name).cloned();
            }
        }
    }
    let key = serde_json::to_string(&template).unwrap_or_default();
    if let Some(name) = wt.by_content.get(&key) {
        return name.clone();
    }
    let name = wt.names.assign(base, 63);
    template.name = name.clone();
    wt.by_content.insert(key, name.clone());
    wt.templates.push(template);
    name
}

fn depends_expr(tasks: &[String]) -> Option<String> {
    if tasks.is_empty() {
        return None;
    }
    Some(
        tasks
            .iter()
            .map(|t| format!("{t}.Succeeded"))
            .collect::<Vec<_>>()
            .join(" && "),
    )
}

/// The task for one job run as a whole: looping over children for an array job.
fn job_task(name: &str, call: &Call) -> DagTask {
    let mut task = DagTask {
        name: name.to_string(),
        ..DagTask::default()
    };
    let mut args = call.arguments.clone();
    match call.array_size {
        Some(size) if call.batch_compute => {
            call.target.task(Variant::ArrayChild, &mut task);
            args.push(Parameter::new(INSTANCE_PARAM, Some("{{item}}".into())));
            task.with_sequence = Some(Sequence {
                count: size.to_string(),
            });
        }
        None if call.batch_compute => call.target.task(Variant::Single, &mut task),
        Some(size) => {
            call.target.task(Variant::ArrayChild, &mut task);
            args.push(Parameter::new(
                JOB_ID_PARAM,
                Some(format!("{{{{workflow.uid}}}}-{name}:{{{{item}}}}")),
            ));
            args.push(Parameter::new(ARRAY_INDEX_PARAM, Some("{{item}}".into())));
            args.push(Parameter::new(ARRAY_SIZE_PARAM, Some(size.to_string())));
            task.with_sequence = Some(Sequence {
                count: size.to_string(),
            });
        }
        None => {
            call.target.task(Variant::Single, &mut task);
            args.push(Parameter::new(
                JOB_ID_PARAM,
                Some(format!("{{{{workflow.uid}}}}-{name}")),
            ));
        }
    }
    task.arguments = (!args.is_empty()).then_some(Arguments { parameters: args });
    task
}

fn unit_task(
    u: usize,
    unit: &Unit,
    calls: &[Call],
    job_task_names: &[String],
    unit_names: &[String],
    plan: &Plan,
    wt: &mut WorkflowTemplates,
) -> DagTask {
    let deps: Vec<String> = plan.deps[u]
        .iter()
        .map(|&d| unit_names[d].clone())
        .collect();
    let mut task = match unit {
        Unit::Job(j) => job_task(&job_task_names[*j], &calls[*j]),
        Unit::Sequential(j) => {
            let inner = job_task(&job_task_names[*j], &calls[*j]);
            let name = wt
                .names
                .assign(&format!("{}-in-order", job_task_names[*j]), 63);
            wt.templates.push(Template {
                name: name.clone(),
                parallelism: Some(1),
                fail_fast: Some(true),
                dag: Some(Dag {
                    fail_fast: None,
                    tasks: vec![inner],
                }),
                ..Template::default()
            });
            DagTask {
                name: job_task_names[*j].clone(),
                template: Some(name),
                ..DagTask::default()
            }
        }
        Unit::Aligned {
            members,
            size,
            sequential,
        } => {
            let group = unit_names[u].clone();
            let mut tasks = Vec::new();
            for &m in members {
                let name = job_task_names[m].clone();
                let call = &calls[m];
                let mut t = DagTask {
                    name: name.clone(),
                    ..DagTask::default()
                };
                call.target.task(Variant::ArrayChild, &mut t);
                let mut args = call.arguments.clone();
                args.push(Parameter::new(
                    JOB_ID_PARAM,
                    Some(format!(
                        "{{{{workflow.uid}}}}-{name}:{{{{inputs.parameters.index}}}}"
                    )),
                ));
                args.push(Parameter::new(
                    ARRAY_INDEX_PARAM,
                    Some("{{inputs.parameters.index}}".into()),
                ));
                args.push(Parameter::new(ARRAY_SIZE_PARAM, Some(size.to_string())));
                t.arguments = Some(Arguments { parameters: args });
                let inner_deps: Vec<String> = plan
                    .aligned_deps
                    .get(&m)
                    .map(|ds| ds.iter().map(|&d| job_task_names[d].clone()).collect())
                    .unwrap_or_default();
                t.depends = depends_expr(&inner_deps);
                tasks.push(t);
            }
            let by_index = wt.names.assign(&format!("{group}-by-index"), 63);
            wt.templates.push(Template {
                name: by_index.clone(),
                inputs: Some(Inputs {
                    parameters: vec![Parameter::new("index", None)],
                    ..Inputs::default()
                }),
                dag: Some(Dag {
                    fail_fast: None,
                    tasks,
                }),
                ..Template::default()
            });
            let loop_task = DagTask {
                name: group.clone(),
                template: Some(by_index),
                arguments: Some(Arguments {
                    parameters: vec![Parameter::new("index", Some("{{item}}".into()))],
                }),
                with_sequence: Some(Sequence {
                    count: size.to_string(),
                }),
                ..DagTask::default()
            };
            if *sequential {
                let name = wt.names.assign(&format!("{group}-in-order"), 63);
                wt.templates.push(Template {
                    name: name.clone(),
                    parallelism: Some(1),
                    fail_fast: Some(true),
                    dag: Some(Dag {
                        fail_fast: None,
                        tasks: vec![loop_task],
                    }),
                    ..Template::default()
                });
                DagTask {
                    name: group,
                    template: Some(name),
                    ..DagTask::default()
                }
            } else {
                loop_task
            }
        }
    };
    task.depends = depends_expr(&deps);
    task
}

/// Splitting a DAG of more than 200 tasks into nested DAG templates.
mod split {
    use super::*;

    /// Arranges the unit tasks into DAGs of at most [`MAX_DAG_TASKS`] tasks and returns the
    /// top-level tasks. Units are packed by connected component, then in dependency order, so
    /// that independent parts never wait for each other; a dependency that crosses two parts
    /// makes the later part wait for the whole earlier one, which is reported.
    pub fn arrange(
        graph: &JobGraph,
        plan: &Plan,
        tasks: Vec<DagTask>,
        unit_names: &[String],
        wt: &mut WorkflowTemplates,
        diags: &mut Diagnostics,
    ) -> Vec<DagTask> {
        let n = tasks.len();
        if n <= MAX_DAG_TASKS {
            return order_tasks(tasks, &plan.order);
        }
        let chunks = pack(plan);
        let mut chunk_of = vec![0usize; n];
        for (c, units) in chunks.iter().enumerate() {
            for &u in units {
                chunk_of[u] = c;
            }
        }
        let mut slots: Vec<Option<DagTask>> = tasks.into_iter().map(Some).collect();
        let mut chunk_tasks: Vec<Vec<DagTask>> = vec![Vec::new(); chunks.len()];
        let mut chunk_deps: Vec<std::collections::BTreeSet<usize>> =
            vec![Default::default(); chunks.len()];
        for (c, units) in chunks.iter().enumerate() {
            for &u in units {
                let Some(mut task) = slots[u].take() else {
                    continue;
                };
                let inside: Vec<usize> = plan.deps[u]
                    .iter()
                    .copied()
                    .filter(|d| chunk_of[*d] == c)
                    .collect();
                let crossing: Vec<usize> = plan.deps[u]
                    .iter()
                    .copied()
                    .filter(|d| chunk_of[*d] != c)
                    .collect();
                for &d in &crossing {
                    chunk_deps[c].insert(chunk_of[d]);
                }
                let inside_names: Vec<String> =
                    inside.iter().map(|&d| unit_names[d].clone()).collect();
                task.depends = super::depends_expr(&inside_names);
                chunk_tasks[c].push(task);
            }
        }
        let mut part_tasks = Vec::new();
        for (c, tasks) in chunk_tasks.into_iter().enumerate() {
            let name = wt.names.assign(&format!("part-{}", c + 1), 63);
            wt.templates.push(Template {
                name: name.clone(),
                dag: Some(Dag {
                    fail_fast: None,
                    tasks,
                }),
                ..Template::default()
            });
            let deps: Vec<String> = chunk_deps[c]
                .iter()
                .map(|d| format!("part-{}", d + 1))
                .collect();
            part_tasks.push(DagTask {
                name: format!("part-{}", c + 1),
                template: Some(name),
                depends: super::depends_expr(&deps),
                ..DagTask::default()
            });
        }
        let lost = lost_concurrency(plan, &chunks, &chunk_of, &chunk_deps);
        let jobs: Vec<usize> = lost.iter().flat_map(|&u| plan.units[u].jobs()).collect();
        let message = if jobs.is_empty() {
            format!("the job graph has {} tasks, more than the {MAX_DAG_TASKS} one Argo DAG holds, so it was split into {} nested DAGs; no job waits longer than on Batch", n, chunks.len())
        } else {
            format!(
                "the job graph has {} tasks, more than the {MAX_DAG_TASKS} one Argo DAG holds, so it was split into {} nested DAGs; {} now wait for a whole part instead of only their dependencies",
                n,
                chunks.len(),
                super::dag::job_names(graph, &jobs)
            )
        };
        diags.report(Code::DagSplit, &graph.origin, message);
        if part_tasks.len() > MAX_DAG_TASKS {
            // More than 200 × 200 tasks: nest once more.
            let mut outer = Vec::new();
            for (i, block) in part_tasks.chunks(MAX_DAG_TASKS).enumerate() {
                let name = wt.names.assign(&format!("parts-{}", i + 1), 63);
                let first = i * MAX_DAG_TASKS;
                let mut inner: Vec<DagTask> = block.to_vec();
                let mut outer_deps = std::collections::BTreeSet::new();
                for t in &mut inner {
                    if let Some(dep) = &t.depends {
                        let kept: Vec<&str> = dep
                            .split(" && ")
                            .filter(|d| {
                                let k: usize = d
                                    .trim_start_matches("part-")
                                    .trim_end_matches(".Succeeded")
                                    .parse()
                                    .unwrap_or(0);
                                let inside = k > first && k <= first + MAX_DAG_TASKS;
                                if !inside {
                                    outer_deps.insert((k - 1) / MAX_DAG_TASKS);
                                }
                                inside
                            })
                            .collect();
                        t.depends = (!kept.is_empty()).then(|| kept.join(" && "));
                    }
                }
                wt.templates.push(Template {
                    name: name.clone(),
                    dag: Some(Dag {
                        fail_fast: None,
                        tasks: inner,
                    }),
                    ..Template::default()
                });
                let deps: Vec<String> = outer_deps
                    .iter()
                    .map(|d| format!("parts-{}", d + 1))
                    .collect();
                outer.push(DagTask {
                    name: format!("parts-{}", i + 1),
                    template: Some(name),
                    depends: super::depends_expr(&deps),
                    ..DagTask::default()
                });
            }
            return outer;
        }
        part_tasks
    }

    fn order_tasks(tasks: Vec<DagTask>, order: &[usize]) -> Vec<DagTask> {
        let mut slots: Vec<Option<DagTask>> = tasks.into_iter().map(Some).collect();
        order
            .iter()
            .filter_map(|&u| slots.get_mut(u).and_then(Option::take))
            .collect()
    }

    /// Units grouped into parts of at most [`MAX_DAG_TASKS`]: weakly connected components kept
    /// together where they fit, larger ones cut along the dependency order.
    fn pack(plan: &Plan) -> Vec<Vec<usize>> {
        let n = plan.units.len();
        let mut component = (0..n).collect::<Vec<usize>>();
        fn find(c: &mut [usize], mut x: usize) -> usize {
            while c[x] != x {
                c[x] = c[c[x]];
                x = c[x];
            }
            x
        }
        for u in 0..n {
            for &d in &plan.deps[u] {
                let (a, b) = (find(&mut component, u), find(&mut component, d));
                if a != b {
                    component[a.max(b)] = a.min(b);
                }
            }
        }
        let mut by_component: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &u in &plan.order {
            let c = find(&mut component, u);
            by_component.entry(c).or_default().push(u);
        }
        // Longest-path level of each unit: units of one level never depend on each other.
        let mut level = vec![0usize; n];
        for &u in &plan.order {
            level[u] = plan.deps[u]
                .iter()
                .map(|&d| level[d] + 1)
                .max()
                .unwrap_or(0);
        }
        let mut chunks: Vec<Vec<usize>> = vec![Vec::new()];
        for (_, units) in by_component {
            let current = chunks.last().map_or(0, Vec::len);
            if units.len() <= MAX_DAG_TASKS {
                // A whole component in one part: it waits for nothing outside itself.
                if current + units.len() > MAX_DAG_TASKS {
                    chunks.push(Vec::new());
                }
                if let Some(last) = chunks.last_mut() {
                    last.extend(units);
                }
                continue;
            }
            // A large component is cut between levels, so a part waits only for earlier
            // levels; a level of more than 200 units is spread over parts of its own.
            chunks.push(Vec::new());
            let mut levels: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for u in units {
                levels.entry(level[u]).or_default().push(u);
            }
            for (_, members) in levels {
                let current = chunks.last().map_or(0, Vec::len);
                if current + members.len() > MAX_DAG_TASKS && current > 0 {
                    chunks.push(Vec::new());
                }
                for block in members.chunks(MAX_DAG_TASKS) {
                    if chunks.last().map_or(0, Vec::len) + block.len() > MAX_DAG_TASKS {
                        chunks.push(Vec::new());
                    }
                    if let Some(last) = chunks.last_mut() {
                        last.extend_from_slice(block);
                    }
                }
            }
            chunks.push(Vec::new());
        }
        chunks.retain(|c| !c.is_empty());
        chunks
    }

    /// Units that now wait for a unit that is not among their ancestors.
    ///
    /// A unit starts when its part starts, so it waits for every part its part waits for —
    /// directly, through other parts, or (past [`MAX_DAG_TASKS`] parts) through the outer block
    /// of parts — not only for the parts holding its own dependencies. A unit is reported when
    /// one of those parts holds a unit that is not among its ancestors: that includes units with
    /// no dependency outside their part (they wait for what other units of the part wait for).
    fn lost_concurrency(
        plan: &Plan,
        chunks: &[Vec<usize>],
        chunk_of: &[usize],
        chunk_deps: &[std::collections::BTreeSet<usize>],
    ) -> Vec<usize> {
        let k = chunks.len();
        // The parts each part waits for directly, as `arrange` nests them: inside a block of
        // parts, a part's own dependencies; across blocks, every part of the blocks its block
        // waits for.
        let block = |c: usize| c / MAX_DAG_TASKS;
        let mut direct: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); k];
        let mut block_deps: BTreeMap<usize, std::collections::BTreeSet<usize>> = BTreeMap::new();
        for c in 0..k {
            for &d in &chunk_deps[c] {
                if block(d) == block(c) {
                    direct[c].insert(d);
                } else {
                    block_deps.entry(block(c)).or_default().insert(block(d));
                }
            }
        }
        for (c, parts) in direct.iter_mut().enumerate() {
            for &b in block_deps.get(&block(c)).into_iter().flatten() {
                parts.extend(b * MAX_DAG_TASKS..((b + 1) * MAX_DAG_TASKS).min(k));
            }
        }
        // ... and transitively.
        let waits: Vec<Vec<bool>> = (0..k)
            .map(|c| {
                let mut seen = vec![false; k];
                let mut stack: Vec<usize> = direct[c].iter().copied().collect();
                while let Some(d) = stack.pop() {
                    if !std::mem::replace(&mut seen[d], true) {
                        stack.extend(direct[d].iter().copied());
                    }
                }
                seen
            })
            .collect();
        let n = plan.units.len();
        let mut position = vec![0usize; n];
        for units in chunks {
            for (i, &u) in units.iter().enumerate() {
                position[u] = i;
            }
        }
        let mut late = vec![false; n];
        // Bits per unit of one part: at most MAX_DAG_TASKS.
        let mut below = vec![0u64; n * MAX_DAG_TASKS.div_ceil(64)];
        for (c, units) in chunks.iter().enumerate() {
            if !waits.iter().any(|w| w[c]) {
                continue;
            }
            // Which units of part c are ancestors of each unit (a bit per unit of c). Only part
            // c and the parts waiting for it can have ancestors in it.
            let words = units.len().div_ceil(64);
            below[..n * words].fill(0);
            for &u in &plan.order {
                let home = chunk_of[u];
                if home != c && !waits[home][c] {
                    continue;
                }
                for &d in &plan.deps[u] {
                    for w in 0..words {
                        below[u * words + w] |= below[d * words + w];
                    }
                    if chunk_of[d] == c {
                        below[u * words + position[d] / 64] |= 1 << (position[d] % 64);
                    }
                }
                let covered: usize = below[u * words..(u + 1) * words]
                    .iter()
                    .map(|w| w.count_ones() as usize)
                    .sum();
                if home != c && covered < units.len() {
                    late[u] = true;
                }
            }
        }
        (0..n).filter(|&u| late[u]).collect()
    }
}

/// Bytes one entry of `status.nodes` takes, roughly (id, names, phase, times, outputs,
/// children); an assumption, stated in the message.
const NODE_STATUS_BYTES: usize = 600;
/// Status entries above which a Workflow approaches the ~1 MB Argo and etcd expect of one
/// object (argo-target.md §3.1).
const STATUS_WARNING_NODES: usize = 1_000;

/// Warns when the Workflow's node status will approach the object size limit: one entry per
/// DAG task and per array child, all kept in the one Workflow object while it runs.
fn status_size(graph: &JobGraph, templates: &[Template], diags: &mut Diagnostics) {
    let tasks: usize = templates
        .iter()
        .filter_map(|t| t.dag.as_ref())
        .map(|d| d.tasks.len())
        .sum();
    let children: usize = graph
        .jobs
        .iter()
        .filter_map(|j| j.array_size.as_ref())
        .map(|s| usize::try_from(s.value).unwrap_or(0))
        .sum();
    let nodes = 1 + tasks + children;
    if nodes <= STATUS_WARNING_NODES {
        return;
    }
    let megabytes = (nodes * NODE_STATUS_BYTES) as f64 / 1_000_000.0;
    diags.push(
        crate::diagnostics::Diagnostic::new(
            Code::LargeWorkflowStatus,
            format!(
                "the Workflow will hold about {nodes} entries in `status.nodes` ({tasks} DAG task(s), {children} array child(ren)), about {megabytes:.1} MB at ~{NODE_STATUS_BYTES} bytes each, near or over the ~1 MB one Kubernetes object should stay under"
            ),
        )
        .at(&graph.origin)
        .with_help("enable node status offloading (`persistence.nodeStatusOffLoad`, needs a database) and compression in the Argo controller, or split the graph into child workflows"),
    );
}
