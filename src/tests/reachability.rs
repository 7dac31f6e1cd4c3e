//! Lowering a job graph never changes what waits for what.
//!
//! Deterministic generated job graphs of 1, 199, 200, 201, 1,000 and 10,000 jobs (random DAGs
//! with at most 20 dependencies per job, fan-out/fan-in, long chains, interleaved disconnected
//! components; with array jobs, `N_TO_N`, `SEQUENTIAL` and overridden jobs) are written as AWS
//! Batch JSON, converted in process (with and without `self_contained`), and the execution graph
//! of the emitted manifests is rebuilt from the JSON alone:
//!
//! - a DAG task whose template is a DAG (local, or a `templateRef` into an emitted
//!   WorkflowTemplate) runs that DAG after the task's own dependencies; a task depending on it
//!   waits for every job inside it;
//! - a `withSequence` task runs one instance per item, all at once, or one after the other in
//!   index order when its DAG has `parallelism: 1` (only modelled for a DAG of one task, the
//!   only kind the compiler makes); `{{item}}` and `{{inputs.parameters.*}}` are substituted;
//! - any other task is one child of a job: the job is the task name (through the Workflow's
//!   `job-names` annotation), the child the `aws-batch-job-array-index` argument it passes.
//!
//! The unit is one child of an array job (one node for a plain job), so `N_TO_N` and
//! `SEQUENTIAL` are checked exactly, and every child must run exactly once. "a before b" over
//! the input is the transitive closure of `dependsOn`; over the output, everything done before
//! a child's task starts. The two must be equal unless the compiler reports added ordering
//! (B2A214, or B2A209 naming jobs that "now wait for a whole part"); then the output may only
//! add pairs, and every job that waits for something new *not through one of its own
//! dependencies* must be named by such a diagnostic (its dependents wait longer as a
//! consequence, which needs no separate mention). Where a message is cut short ("and 12
//! more"), the unnamed jobs must fit in that count. B2A209 must name only jobs that wait
//! longer, and, in graphs without `N_TO_N` (where nothing else adds orderings), exactly as many
//! as do. The self-contained conversion must give the same relations.
//!
//! Every emitted object is also checked against Argo's structural limits: at most 200
//! templates, 1–200 tasks per DAG, unique names, `depends` naming tasks of the same DAG, local
//! template names and `templateRef`s that resolve (none in a self-contained Workflow).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::emit::Format;
use crate::lower::Options;

// ---------------------------------------------------------------------------------------------
// Bit sets.

#[derive(Clone, Debug, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn or(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= *b;
        }
    }

    /// `self \ other`.
    fn minus(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & !b).collect())
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0)
            .flat_map(|(k, &w)| {
                let mut rest = w;
                std::iter::from_fn(move || {
                    (rest != 0).then(|| {
                        let b = rest.trailing_zeros() as usize;
                        rest &= rest - 1;
                        k * 64 + b
                    })
                })
            })
    }

    fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

// ---------------------------------------------------------------------------------------------
// Deterministic generator (xorshift64*).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dep {
    Plain(usize),
    NToN(usize),
}

impl Dep {
    fn target(self) -> usize {
        match self {
            Dep::Plain(d) | Dep::NToN(d) => d,
        }
    }
}

/// One job of a generated graph. Dependencies always point at earlier jobs.
#[derive(Clone, Debug)]
struct GenJob {
    name: String,
    size: Option<usize>,
    sequential: bool,
    deps: Vec<Dep>,
    /// Gets `containerOverrides`, hence a template of its own in the Workflow.
    overridden: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Random DAG over the input order, at most 20 dependencies per job, mostly local.
    Random,
    /// One root, a wide layer of mappers, a reduction tree of fan-in ≤ 20, a tail chain.
    FanOutFanIn,
    /// Each job after the previous one, with a few skip edges.
    Chain,
    /// Disconnected random DAGs of 1–200 jobs, interleaved in the input: each fits in one part
    /// of a split DAG, so no component may wait for another.
    Components,
}

const SHAPES: [Shape; 4] = [
    Shape::Random,
    Shape::FanOutFanIn,
    Shape::Chain,
    Shape::Components,
];

impl Shape {
    fn label(self) -> &'static str {
        match self {
            Shape::Random => "random",
            Shape::FanOutFanIn => "fan",
            Shape::Chain => "chain",
            Shape::Components => "components",
        }
    }
}

/// Job names: mostly Kubernetes-safe, some renamed by the compiler (case, `_`, length).
fn job_name(j: usize) -> String {
    match j % 11 {
        3 => format!("Stage_{j:05}_Run"),
        7 if j % 77 == 7 => {
            format!("an-unusually-long-job-name-that-must-be-shortened-for-kubernetes-{j:05}")
        }
        _ => format!("job-{j:05}"),
    }
}

/// Up to a few dependencies among `prev` (earlier jobs of the same component), mostly recent.
fn random_deps(rng: &mut Rng, prev: &[usize]) -> Vec<usize> {
    if prev.is_empty() || rng.chance(8) {
        return Vec::new();
    }
    let k = if rng.chance(5) {
        rng.range(5, 20)
    } else {
        rng.range(1, 3)
    };
    let mut out = BTreeSet::new();
    for _ in 0..k.min(prev.len()) {
        let window = prev.len().min(40);
        let d = if rng.chance(85) {
            prev[prev.len() - 1 - rng.below(window)]
        } else {
            prev[rng.below(prev.len())]
        };
        out.insert(d);
    }
    out.into_iter().collect()
}

/// Jobs of a reduction tree over `m` mappers with fan-in `f` (none for a single mapper).
fn tree_size(m: usize, f: usize) -> usize {
    let (mut level, mut total) = (m, 0);
    while level > 1 {
        level = level.div_ceil(f);
        total += level;
    }
    total
}

fn generate(shape: Shape, n: usize, seed: u64) -> Vec<GenJob> {
    let mut rng = Rng::new(seed);
    // Array jobs of 2 or 3 children; some SEQUENTIAL.
    // Overridden jobs get templates of their own: with few of them and no SEQUENTIAL arrays
    // or N_TO_N groups, 10,000 fanned-out jobs still fit in one self-contained Workflow.
    let (array_pct, seq_pct, n_to_n_pct, override_pct) = match shape {
        Shape::Random | Shape::Components => (10, 30, 50, 3),
        Shape::Chain => (12, 40, 60, 3),
        Shape::FanOutFanIn => (5, 0, 0, 1),
    };
    let mut jobs: Vec<GenJob> = (0..n)
        .map(|j| {
            let size = rng.chance(array_pct).then(|| rng.range(2, 3));
            GenJob {
                name: job_name(j),
                size,
                sequential: size.is_some() && rng.chance(seq_pct),
                deps: Vec::new(),
                overridden: rng.chance(override_pct),
            }
        })
        .collect();
    let plain: Vec<Vec<usize>> = match shape {
        Shape::Random => {
            let prev: Vec<usize> = (0..n).collect();
            (0..n).map(|j| random_deps(&mut rng, &prev[..j])).collect()
        }
        Shape::Chain => (0..n)
            .map(|j| {
                let mut deps = BTreeSet::new();
                if j > 0 {
                    deps.insert(j - 1);
                }
                if j > 2 && rng.chance(5) {
                    deps.insert(j - rng.range(2, j.min(30)));
                }
                deps.into_iter().collect()
            })
            .collect(),
        Shape::FanOutFanIn => {
            let fan_in = rng.range(10, 20);
            let mut m = n.saturating_sub(1);
            while m > 0 && m + tree_size(m, fan_in) > n - 1 {
                m -= 1;
            }
            let mut deps: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut level: Vec<usize> = (1..=m).collect();
            for &j in &level {
                deps[j] = vec![0];
            }
            let mut next = m + 1;
            while level.len() > 1 {
                let mut upper = Vec::new();
                for block in level.chunks(fan_in) {
                    deps[next] = block.to_vec();
                    upper.push(next);
                    next += 1;
                }
                level = upper;
            }
            // The rest: a chain after the last job of the tree (or the root).
            for (j, d) in deps.iter_mut().enumerate().skip(next) {
                *d = vec![j - 1];
            }
            deps
        }
        Shape::Components => {
            let mut sizes = Vec::new();
            let mut left = n;
            while left > 0 {
                let s = if rng.chance(15) {
                    rng.range(100, 200)
                } else {
                    rng.range(1, 40)
                };
                sizes.push(s.min(left));
                left -= s.min(left);
            }
            // Interleave: a shuffled list of component ids, each as often as its size.
            let mut slots: Vec<usize> = sizes
                .iter()
                .enumerate()
                .flat_map(|(c, &s)| std::iter::repeat_n(c, s))
                .collect();
            for i in (1..slots.len()).rev() {
                let k = rng.below(i + 1);
                slots.swap(i, k);
            }
            let mut members: Vec<Vec<usize>> = vec![Vec::new(); sizes.len()];
            let mut deps = Vec::with_capacity(n);
            for (j, &c) in slots.iter().enumerate() {
                deps.push(random_deps(&mut rng, &members[c]));
                members[c].push(j);
            }
            deps
        }
    };
    for (j, targets) in plain.into_iter().enumerate() {
        let limit = if jobs[j].sequential { 19 } else { 20 };
        let mut deps: Vec<Dep> = targets
            .into_iter()
            .take(limit)
            .map(|d| {
                let same_array = jobs[j].size.is_some() && jobs[j].size == jobs[d].size;
                if same_array && rng.chance(n_to_n_pct) {
                    Dep::NToN(d)
                } else {
                    Dep::Plain(d)
                }
            })
            .collect();
        deps.sort_by_key(|d| d.target());
        jobs[j].deps = deps;
    }
    jobs
}

// ---------------------------------------------------------------------------------------------
// Writing the inputs.

/// A fresh temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "batch2argo-reach-{}-{k}-{label}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn definition(name: &str, command: &[&str], parameters: Value) -> Value {
    json!({
        "jobDefinitionName": name,
        "type": "container",
        "parameters": parameters,
        "containerProperties": {
            "image": "public.ecr.aws/docker/library/busybox:1.36",
            "command": command,
            "resourceRequirements": [
                {"type": "VCPU", "value": "1"},
                {"type": "MEMORY", "value": "128"}
            ]
        }
    })
}

/// Writes two job definitions and the job graph `<label>.json`; returns the paths.
fn write_inputs(dir: &TempDir, label: &str, jobs: &[GenJob]) -> Vec<PathBuf> {
    let step = definition("step", &["echo", "Ref::step"], json!({"step": "0"}));
    let work = definition("work", &["sh", "-c", "echo work"], json!({}));
    let list: Vec<Value> = jobs
        .iter()
        .enumerate()
        .map(|(j, job)| {
            let mut o = serde_json::Map::new();
            o.insert("jobName".into(), job.name.clone().into());
            o.insert("jobQueue".into(), "default".into());
            if j % 2 == 0 {
                o.insert("jobDefinition".into(), "step".into());
                o.insert("parameters".into(), json!({"step": j.to_string()}));
            } else {
                o.insert("jobDefinition".into(), "work".into());
            }
            if let Some(size) = job.size {
                o.insert("arrayProperties".into(), json!({"size": size}));
            }
            let mut deps: Vec<Value> = job
                .deps
                .iter()
                .map(|d| match *d {
                    Dep::Plain(t) => json!({"jobId": jobs[t].name}),
                    Dep::NToN(t) => json!({"jobId": jobs[t].name, "type": "N_TO_N"}),
                })
                .collect();
            if job.sequential {
                deps.push(json!({"type": "SEQUENTIAL"}));
            }
            if !deps.is_empty() {
                o.insert("dependsOn".into(), deps.into());
            }
            if job.overridden {
                o.insert(
                    "containerOverrides".into(),
                    json!({"environment": [{"name": "SHARD", "value": j.to_string()}]}),
                );
            }
            Value::Object(o)
        })
        .collect();
    // Both job graph forms the compiler reads: a list, and `{"jobs": [...]}`.
    let graph = if jobs.len().is_multiple_of(2) {
        Value::Array(list)
    } else {
        json!({ "jobs": list })
    };
    let mut paths = Vec::new();
    for (file, value) in [
        ("step.json".to_string(), step),
        ("work.json".to_string(), work),
        (format!("{label}.json"), graph),
    ] {
        let path = dir.0.join(file);
        std::fs::write(&path, value.to_string()).expect("write input");
        paths.push(path);
    }
    paths
}

// ---------------------------------------------------------------------------------------------
// The input's semantics: one node per job child.

struct Nodes {
    base: Vec<usize>,
    count: Vec<usize>,
    total: usize,
    job_of: Vec<usize>,
}

impl Nodes {
    fn new(jobs: &[GenJob]) -> Nodes {
        let mut base = Vec::with_capacity(jobs.len());
        let mut count = Vec::with_capacity(jobs.len());
        let mut job_of = Vec::new();
        for (j, job) in jobs.iter().enumerate() {
            base.push(job_of.len());
            let c = job.size.unwrap_or(1);
            count.push(c);
            job_of.extend(std::iter::repeat_n(j, c));
        }
        Nodes {
            base,
            count,
            total: job_of.len(),
            job_of,
        }
    }

    fn describe(&self, jobs: &[GenJob], node: usize) -> String {
        let j = self.job_of[node];
        match jobs[j].size {
            Some(_) => format!("{}[{}]", jobs[j].name, node - self.base[j]),
            None => jobs[j].name.clone(),
        }
    }
}

/// The nodes a node waits for directly, on Batch.
fn input_preds(jobs: &[GenJob], nodes: &Nodes, node: usize) -> Vec<usize> {
    let j = nodes.job_of[node];
    let i = node - nodes.base[j];
    let mut out = Vec::new();
    for dep in &jobs[j].deps {
        match *dep {
            Dep::Plain(d) => out.extend(nodes.base[d]..nodes.base[d] + nodes.count[d]),
            Dep::NToN(d) => out.push(nodes.base[d] + i),
        }
    }
    if jobs[j].sequential && i > 0 {
        out.push(node - 1);
    }
    out
}

/// For each node, every node that finishes before it starts on Batch (transitive closure).
fn input_closure(jobs: &[GenJob], nodes: &Nodes) -> Vec<Bits> {
    let mut anc: Vec<Bits> = Vec::with_capacity(nodes.total);
    for node in 0..nodes.total {
        let mut a = Bits::new(nodes.total);
        for p in input_preds(jobs, nodes, node) {
            assert!(p < node, "generated dependencies point backwards");
            a.or(&anc[p]);
            a.set(p);
        }
        anc.push(a);
    }
    anc
}

// ---------------------------------------------------------------------------------------------
// The output's semantics.

const ARRAY_INDEX: &str = "aws-batch-job-array-index";
const ARRAY_SIZE: &str = "aws-batch-job-array-size";

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn templates_of(doc: &Value) -> &[Value] {
    doc.pointer("/spec/templates")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn tasks_of(template: &Value) -> Option<&[Value]> {
    template
        .pointer("/dag/tasks")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
}

/// The task names a `depends` expression waits for (only `a.Succeeded && b.Succeeded` is
/// generated; anything else would need a richer model).
fn depends_of(task: &Value) -> Result<Vec<&str>, String> {
    let Some(expr) = str_of(task, "depends") else {
        return Ok(Vec::new());
    };
    expr.split(" && ")
        .map(|t| {
            t.strip_suffix(".Succeeded")
                .filter(|n| !n.is_empty() && !n.contains(['(', ')', '|', '!', ' ']))
                .ok_or_else(|| format!("unmodelled depends expression `{expr}`"))
        })
        .collect()
}

fn arguments_of(task: &Value) -> Vec<(&str, &str)> {
    task.pointer("/arguments/parameters")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| Some((str_of(p, "name")?, str_of(p, "value").unwrap_or(""))))
                .collect()
        })
        .unwrap_or_default()
}

/// The emitted objects: `""` is the Workflow, otherwise a WorkflowTemplate's name.
struct Objects<'a> {
    templates: HashMap<&'a str, HashMap<&'a str, &'a Value>>,
}

/// Argo's structural rules over every emitted object; returns the objects by name.
fn check_argo_limits<'a>(docs: &'a [Value], self_contained: bool) -> Result<Objects<'a>, String> {
    let mut templates: HashMap<&str, HashMap<&str, &Value>> = HashMap::new();
    let mut workflows = 0;
    for doc in docs {
        let key = match str_of(doc, "kind") {
            Some("Workflow") => {
                workflows += 1;
                ""
            }
            Some("WorkflowTemplate") => doc
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .ok_or("a WorkflowTemplate without a name")?,
            other => return Err(format!("unexpected kind {other:?}")),
        };
        let list = templates_of(doc);
        if list.is_empty() || list.len() > 200 {
            return Err(format!("`{key}` has {} templates", list.len()));
        }
        let mut by_name = HashMap::new();
        for t in list {
            let name = str_of(t, "name").ok_or("a template without a name")?;
            if by_name.insert(name, t).is_some() {
                return Err(format!("template `{name}` twice in `{key}`"));
            }
        }
        if let Some(entry) = doc.pointer("/spec/entrypoint").and_then(Value::as_str) {
            if !by_name.contains_key(entry) {
                return Err(format!("entrypoint `{entry}` of `{key}` is not a template"));
            }
        }
        if templates.insert(key, by_name).is_some() {
            return Err(format!("object `{key}` emitted twice"));
        }
    }
    if workflows > 1 {
        return Err(format!("{workflows} Workflows for one job graph"));
    }
    for (&key, by_name) in &templates {
        for (&tname, t) in by_name {
            let Some(tasks) = tasks_of(t) else { continue };
            if tasks.is_empty() || tasks.len() > 200 {
                return Err(format!("DAG `{key}/{tname}` has {} tasks", tasks.len()));
            }
            let mut names = BTreeSet::new();
            for task in tasks {
                let name = str_of(task, "name").ok_or("a task without a name")?;
                if !names.insert(name) {
                    return Err(format!("task `{name}` twice in `{key}/{tname}`"));
                }
            }
            for task in tasks {
                let name = str_of(task, "name").unwrap_or_default();
                for d in depends_of(task)? {
                    if !names.contains(d) || d == name {
                        return Err(format!(
                            "task `{name}` of `{key}/{tname}` depends on `{d}`, not another task of its DAG"
                        ));
                    }
                }
                match (str_of(task, "template"), task.get("templateRef")) {
                    (Some(local), None) => {
                        if !by_name.contains_key(local) {
                            return Err(format!(
                                "task `{name}` of `{key}/{tname}` calls `{local}`, not a template of `{key}`"
                            ));
                        }
                    }
                    (None, Some(r)) => {
                        if self_contained && key.is_empty() {
                            return Err(format!("self-contained Workflow task `{name}` has a templateRef"));
                        }
                        let (Some(obj), Some(target)) = (str_of(r, "name"), str_of(r, "template"))
                        else {
                            return Err(format!("task `{name}`: incomplete templateRef"));
                        };
                        let resolved = templates
                            .get(obj)
                            .filter(|_| !obj.is_empty())
                            .and_then(|m| m.get(target));
                        if resolved.is_none() {
                            return Err(format!(
                                "task `{name}` of `{key}/{tname}`: templateRef {obj}/{target} is not emitted"
                            ));
                        }
                    }
                    _ => {
                        return Err(format!(
                            "task `{name}` of `{key}/{tname}` needs exactly one of template and templateRef"
                        ))
                    }
                }
            }
        }
    }
    Ok(Objects { templates })
}

/// Walks the emitted DAGs from the Workflow's entrypoint, recording for each job child what
/// finished before its task started.
struct Walk<'a, 'j> {
    objects: &'a Objects<'a>,
    jobs: &'j [GenJob],
    nodes: &'j Nodes,
    /// Task name → job, for the tasks that run a job.
    job_of_task: HashMap<String, usize>,
    anc: Vec<Option<Bits>>,
}

/// `{{item}}` and `{{inputs.parameters.*}}` in a value.
fn substitute(value: &str, item: Option<usize>, params: &BTreeMap<String, String>) -> String {
    let mut out = value.to_string();
    if let Some(i) = item {
        out = out.replace("{{item}}", &i.to_string());
    }
    for (k, v) in params {
        out = out.replace(&format!("{{{{inputs.parameters.{k}}}}}"), v);
    }
    out
}

impl<'a> Walk<'a, '_> {
    fn resolve(&self, scope: &'a str, task: &'a Value) -> Result<(&'a str, &'a Value), String> {
        let (obj, name) = match (str_of(task, "template"), task.get("templateRef")) {
            (Some(local), _) => (scope, local),
            (None, Some(r)) => (
                str_of(r, "name").unwrap_or_default(),
                str_of(r, "template").unwrap_or_default(),
            ),
            _ => return Err("a task calls nothing".into()),
        };
        let t = self
            .objects
            .templates
            .get(obj)
            .and_then(|m| m.get(name))
            .ok_or_else(|| format!("unresolved template {obj}/{name}"))?;
        Ok((obj, t))
    }

    /// Runs the DAG `template` (in object `scope`) after `before`; returns what is done when it
    /// completes.
    fn dag(
        &mut self,
        scope: &'a str,
        template: &'a Value,
        params: &BTreeMap<String, String>,
        before: &Bits,
    ) -> Result<Bits, String> {
        let tasks = tasks_of(template).ok_or("not a DAG")?;
        let serial = template.get("parallelism").and_then(Value::as_i64) == Some(1);
        if serial && tasks.len() != 1 {
            return Err("parallelism 1 over several tasks is not modelled".into());
        }
        // Kahn's order over the DAG's own dependencies.
        let index: HashMap<&str, usize> = tasks
            .iter()
            .enumerate()
            .map(|(k, t)| (str_of(t, "name").unwrap_or_default(), k))
            .collect();
        let deps: Vec<Vec<usize>> = tasks
            .iter()
            .map(|t| Ok(depends_of(t)?.iter().map(|d| index[d]).collect()))
            .collect::<Result<_, String>>()?;
        let mut indegree: Vec<usize> = deps.iter().map(Vec::len).collect();
        let mut dependents = vec![Vec::new(); tasks.len()];
        for (k, ds) in deps.iter().enumerate() {
            for &d in ds {
                dependents[d].push(k);
            }
        }
        let mut ready: Vec<usize> = (0..tasks.len()).filter(|&k| indegree[k] == 0).collect();
        let mut done: Vec<Option<Bits>> = vec![None; tasks.len()];
        let mut all = before.clone();
        while let Some(k) = ready.pop() {
            let mut start = before.clone();
            for &d in &deps[k] {
                start.or(done[d].as_ref().ok_or("dependency not done")?);
            }
            let finished = self.task(scope, &tasks[k], params, &start, serial)?;
            all.or(&finished);
            done[k] = Some(finished);
            for &v in &dependents[k] {
                indegree[v] -= 1;
                if indegree[v] == 0 {
                    ready.push(v);
                }
            }
        }
        if done.iter().any(Option::is_none) {
            return Err("a cycle among the tasks of a DAG".into());
        }
        Ok(all)
    }

    fn task(
        &mut self,
        scope: &'a str,
        task: &'a Value,
        params: &BTreeMap<String, String>,
        start: &Bits,
        serial: bool,
    ) -> Result<Bits, String> {
        let name = str_of(task, "name").unwrap_or_default();
        let items: Vec<Option<usize>> = match task.pointer("/withSequence/count") {
            Some(c) => {
                let count: usize = c
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| format!("task `{name}`: withSequence count {c}"))?;
                (0..count).map(Some).collect()
            }
            None => vec![None],
        };
        let (target_scope, target) = self.resolve(scope, task)?;
        let args = arguments_of(task);
        let mut done = start.clone();
        let mut previous = start.clone();
        for item in items {
            // Items of a loop in a `parallelism: 1` DAG run one after the other, in order.
            let item_start = if serial { &previous } else { start };
            let values: BTreeMap<String, String> = args
                .iter()
                .map(|(k, v)| ((*k).to_string(), substitute(v, item, params)))
                .collect();
            let finished = if tasks_of(target).is_some() {
                let inputs: BTreeMap<String, String> = target
                    .pointer("/inputs/parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| {
                        let n = str_of(p, "name")?;
                        let v = values
                            .get(n)
                            .cloned()
                            .or(str_of(p, "value").map(String::from))?;
                        Some((n.to_string(), v))
                    })
                    .collect();
                self.dag(target_scope, target, &inputs, item_start)?
            } else {
                let node = self.leaf(name, target, &values)?;
                if self.anc[node].is_some() {
                    return Err(format!(
                        "{} runs twice",
                        self.nodes.describe(self.jobs, node)
                    ));
                }
                self.anc[node] = Some(item_start.clone());
                let mut f = item_start.clone();
                f.set(node);
                f
            };
            done.or(&finished);
            previous = finished;
        }
        Ok(done)
    }

    /// The job child a leaf task runs.
    fn leaf(
        &self,
        task: &str,
        target: &Value,
        values: &BTreeMap<String, String>,
    ) -> Result<usize, String> {
        let &j = self
            .job_of_task
            .get(task)
            .ok_or_else(|| format!("task `{task}` runs no job of the input"))?;
        let declares_index = target
            .pointer("/inputs/parameters")
            .and_then(Value::as_array)
            .is_some_and(|ps| ps.iter().any(|p| str_of(p, "name") == Some(ARRAY_INDEX)));
        let job = &self.jobs[j];
        match job.size {
            None => {
                if values.contains_key(ARRAY_INDEX) || declares_index {
                    return Err(format!("`{}` is not an array but gets an index", job.name));
                }
                Ok(self.nodes.base[j])
            }
            Some(size) => {
                let index: usize = values
                    .get(ARRAY_INDEX)
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| {
                        format!("array job `{}` runs without a concrete index", job.name)
                    })?;
                if !declares_index {
                    return Err(format!(
                        "array job `{}` calls a template without the index input",
                        job.name
                    ));
                }
                if values.get(ARRAY_SIZE).map(String::as_str) != Some(size.to_string().as_str()) {
                    return Err(format!("array job `{}` gets the wrong size", job.name));
                }
                if index >= size {
                    return Err(format!("`{}` runs child {index} of {size}", job.name));
                }
                Ok(self.nodes.base[j] + index)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One case end to end.

/// What one check found: the same graph converted with and without `self_contained` must give
/// the same numbers.
#[derive(Debug, Default, PartialEq, Eq)]
struct Outcome {
    nodes: usize,
    input_pairs: usize,
    extra_pairs: usize,
    /// Companion WorkflowTemplates (templates spilled out of the Workflow, B2A215).
    companions: usize,
}

/// Job names between backticks, and the `N` of "and N more", in one message.
fn named_in(message: &str) -> (Vec<&str>, usize) {
    let names = message.split('`').skip(1).step_by(2).collect();
    let words: Vec<&str> = message.split_whitespace().collect();
    let hidden = words
        .windows(2)
        .filter(|w| w[1].starts_with("more"))
        .filter_map(|w| w[0].parse::<usize>().ok())
        .sum();
    (names, hidden)
}

/// Checks one conversion of `jobs`; `docs` are the parsed documents.
fn check(
    jobs: &[GenJob],
    docs: &[Value],
    diagnostics: &[crate::diagnostics::Diagnostic],
    self_contained: bool,
) -> Result<Outcome, String> {
    let objects = check_argo_limits(docs, self_contained)?;
    let companions = docs
        .iter()
        .filter(|d| {
            str_of(d, "kind") == Some("WorkflowTemplate")
                && d.pointer("/metadata/annotations/batch2argo.io~1job-definition")
                    .is_none()
        })
        .count();
    let workflow = docs
        .iter()
        .find(|d| str_of(d, "kind") == Some("Workflow"))
        .ok_or("no Workflow emitted")?;

    let nodes = Nodes::new(jobs);
    let renamed: BTreeMap<String, String> = workflow
        .pointer("/metadata/annotations/batch2argo.io~1job-names")
        .and_then(Value::as_str)
        .map(|s| serde_json::from_str(s).map_err(|e| format!("job-names annotation: {e}")))
        .transpose()?
        .unwrap_or_default();
    let by_name: HashMap<&str, usize> = jobs
        .iter()
        .enumerate()
        .map(|(j, job)| (job.name.as_str(), j))
        .collect();
    // A task stands for the job of the same name, unless the annotation says otherwise.
    let mut task_of_job: HashMap<&str, &str> = HashMap::new();
    for (task, original) in &renamed {
        if !by_name.contains_key(original.as_str()) {
            return Err(format!(
                "job-names maps `{task}` to unknown job `{original}`"
            ));
        }
        task_of_job.insert(original, task);
    }
    let mut job_of_task = HashMap::new();
    for (j, job) in jobs.iter().enumerate() {
        let task = task_of_job
            .get(job.name.as_str())
            .copied()
            .unwrap_or(&job.name);
        if job_of_task.insert(task.to_string(), j).is_some() {
            return Err(format!("two jobs map to task `{task}`"));
        }
    }
    let entry = str_of(&workflow["spec"], "entrypoint").ok_or("no entrypoint")?;
    let main = objects.templates[""][entry];
    let mut walk = Walk {
        objects: &objects,
        jobs,
        nodes: &nodes,
        job_of_task,
        anc: vec![None; nodes.total],
    };
    walk.dag("", main, &BTreeMap::new(), &Bits::new(nodes.total))?;
    let emitted: Vec<Bits> = walk
        .anc
        .into_iter()
        .enumerate()
        .map(|(node, a)| a.ok_or_else(|| format!("{} never runs", nodes.describe(jobs, node))))
        .collect::<Result<_, String>>()?;
    let input = input_closure(jobs, &nodes);

    // Nothing Batch orders may run unordered.
    let mut lost = Vec::new();
    for node in 0..nodes.total {
        let missing = input[node].minus(&emitted[node]);
        for a in missing.ones().take(3) {
            lost.push(format!(
                "{} before {}",
                nodes.describe(jobs, a),
                nodes.describe(jobs, node)
            ));
        }
        if lost.len() >= 10 {
            break;
        }
    }
    if !lost.is_empty() {
        return Err(format!("orderings lost: {}", lost.join("; ")));
    }

    // Orderings added: the jobs that wait for something new (`waiting`), and among them those
    // that do not wait for it through one of their own dependencies (`late`).
    let mut waiting: BTreeSet<usize> = BTreeSet::new();
    let mut late: BTreeSet<usize> = BTreeSet::new();
    let mut extra_pairs = 0;
    for node in 0..nodes.total {
        let extras = emitted[node].minus(&input[node]);
        if extras.is_empty() {
            continue;
        }
        extra_pairs += extras.count();
        waiting.insert(nodes.job_of[node]);
        let mut inherited = Bits::new(nodes.total);
        for p in input_preds(jobs, &nodes, node) {
            inherited.or(&emitted[p]);
        }
        if !extras.minus(&inherited).is_empty() {
            late.insert(nodes.job_of[node]);
        }
    }
    let ordering: Vec<&crate::diagnostics::Diagnostic> = diagnostics
        .iter()
        .filter(|d| match d.code.as_str() {
            "B2A214" => true,
            "B2A209" => d.message.contains("now wait"),
            _ => false,
        })
        .collect();
    let sample = |set: &BTreeSet<usize>| -> String {
        let names: Vec<&str> = set
            .iter()
            .take(10)
            .map(|&j| jobs[j].name.as_str())
            .collect();
        names.join(", ")
    };
    if ordering.is_empty() && !waiting.is_empty() {
        return Err(format!(
            "{extra_pairs} orderings added without a diagnostic; jobs that wait longer: {}",
            sample(&late)
        ));
    }
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let mut hidden = 0usize;
    let mut split_count = None;
    for d in &ordering {
        let (names, more) = named_in(&d.message);
        if d.code.as_str() == "B2A209" {
            // The split names exactly the jobs that wait for part of an earlier part.
            for name in &names {
                if !by_name.get(name).is_some_and(|j| waiting.contains(j)) {
                    return Err(format!(
                        "B2A209 names `{name}`, which waits for nothing new"
                    ));
                }
            }
            split_count = Some(names.len() + more);
        }
        named.extend(names);
        hidden += more;
    }
    let unnamed: BTreeSet<usize> = late
        .iter()
        .copied()
        .filter(|&j| !named.contains(jobs[j].name.as_str()))
        .collect();
    if unnamed.len() > hidden {
        return Err(format!(
            "{} jobs wait longer but are not named by a diagnostic ({hidden} hidden behind \"more\"): {}",
            unnamed.len(),
            sample(&unnamed)
        ));
    }
    // Without N_TO_N groups, only the split adds orderings: it must count them exactly.
    let groups = jobs
        .iter()
        .any(|j| j.deps.iter().any(|d| matches!(d, Dep::NToN(_))));
    if !groups {
        if let Some(count) = split_count {
            if count != waiting.len() {
                return Err(format!(
                    "B2A209 names {count} jobs; {} wait longer",
                    waiting.len()
                ));
            }
        }
    }
    Ok(Outcome {
        nodes: nodes.total,
        input_pairs: input.iter().map(Bits::count).sum(),
        extra_pairs,
        companions,
    })
}

/// Parses the documents of a conversion that must have succeeded.
fn documents(result: &crate::Conversion, label: &str) -> Vec<Value> {
    let errors: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::diagnostics::Severity::Error)
        .take(5)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "{label}: errors {errors:?}");
    result
        .documents
        .iter()
        .map(|d| serde_json::from_str(&d.text).expect("JSON output"))
        .collect()
}

fn has_code(result: &crate::Conversion, code: &str) -> bool {
    result.diagnostics.iter().any(|d| d.code.as_str() == code)
}

/// Converts one generated graph with and without `self_contained` and checks both.
fn run_case(shape: Shape, n: usize) {
    let jobs = generate(shape, n, n as u64 * 31 + shape as u64);
    let label = format!("{}-{n}", shape.label());
    let dir = TempDir::new(&label);
    let paths = write_inputs(&dir, &label, &jobs);

    let result = crate::convert(&paths, &Options::default(), Format::Json).expect("readable");
    let docs = documents(&result, &label);
    let outcome =
        check(&jobs, &docs, &result.diagnostics, false).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        outcome.companions > 0,
        has_code(&result, "B2A215"),
        "{label}: companion WorkflowTemplates iff B2A215"
    );

    let options = Options {
        self_contained: true,
        ..Options::default()
    };
    let result = crate::convert(&paths, &options, Format::Json).expect("readable");
    if outcome.companions > 0 {
        // Over 200 templates cannot be inlined: an error (B2A217), and nothing is written.
        assert!(has_code(&result, "B2A217"), "{label}: self-contained");
        assert!(
            result.has_errors() && result.documents.is_empty(),
            "{label}: partial output"
        );
        return;
    }
    let docs = documents(&result, &label);
    let inlined = check(&jobs, &docs, &result.diagnostics, true)
        .unwrap_or_else(|e| panic!("{label} (self-contained): {e}"));
    assert_eq!(inlined, outcome, "{label}: self-contained differs");
}

fn run_size(n: usize) {
    for shape in SHAPES {
        run_case(shape, n);
    }
}

#[test]
fn reachability_1_job() {
    run_size(1);
}

#[test]
fn reachability_199_jobs() {
    run_size(199);
}

#[test]
fn reachability_200_jobs() {
    run_size(200);
}

#[test]
fn reachability_201_jobs() {
    run_size(201);
}

#[test]
fn reachability_1000_jobs() {
    run_size(1000);
}

// 10,000 jobs: one test per shape, so they run in parallel.

#[test]
fn reachability_10000_jobs_random() {
    run_case(Shape::Random, 10_000);
}

#[test]
fn reachability_10000_jobs_fan_out_fan_in() {
    run_case(Shape::FanOutFanIn, 10_000);
}

#[test]
fn reachability_10000_jobs_chain() {
    run_case(Shape::Chain, 10_000);
}

#[test]
fn reachability_10000_jobs_components() {
    run_case(Shape::Components, 10_000);
}

fn plain(name: &str, deps: Vec<Dep>) -> GenJob {
    GenJob {
        name: name.into(),
        size: None,
        sequential: false,
        deps,
        overridden: false,
    }
}

/// A root, 250 jobs after it and one job after the first and the 201st of them. The split puts
/// the root in part 1, 200 of the 250 in part 2, and the last 50 with the final job in part 3,
/// which waits for part 2 because of the final job: the last 50 now wait for 200 jobs they do
/// not depend on. B2A209 used to name only the final job.
#[test]
fn reachability_split_names_every_job_waiting_for_a_whole_part() {
    let mut jobs = vec![plain("r", Vec::new())];
    for i in 0..250 {
        jobs.push(plain(&format!("m-{i:03}"), vec![Dep::Plain(0)]));
    }
    jobs.push(plain("z", vec![Dep::Plain(1), Dep::Plain(201)]));
    let dir = TempDir::new("split");
    let paths = write_inputs(&dir, "split", &jobs);
    let result = crate::convert(&paths, &Options::default(), Format::Json).expect("readable");
    let docs = documents(&result, "split");
    let outcome = check(&jobs, &docs, &result.diagnostics, false).expect("check");
    // m-200..m-249 wait for m-000..m-199; z for m-001..m-199 (it depends on m-000).
    assert_eq!(outcome.extra_pairs, 50 * 200 + 199);
    let split: Vec<&str> = result
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "B2A209")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(split.len(), 1);
    assert!(
        split[0].contains("`m-200`, `m-201`, `m-202`, `m-203`, `m-204` and 46 more now wait"),
        "{}",
        split[0]
    );
}

/// The checker itself: a dropped dependency, an added one and a child run twice are caught.
#[test]
fn reachability_check_catches_changed_graphs() {
    let mut jobs = vec![
        plain("a", Vec::new()),
        plain("b", vec![Dep::Plain(0)]),
        plain("c", vec![Dep::Plain(0)]),
        plain("d", vec![Dep::Plain(1), Dep::Plain(2)]),
    ];
    for (name, deps) in [("x", vec![]), ("y", vec![Dep::NToN(4)])] {
        let mut job = plain(name, deps);
        job.size = Some(3);
        jobs.push(job);
    }
    let dir = TempDir::new("mutations");
    let paths = write_inputs(&dir, "mutations", &jobs);
    let result = crate::convert(&paths, &Options::default(), Format::Json).expect("readable");
    let docs = documents(&result, "mutations");
    check(&jobs, &docs, &result.diagnostics, false).expect("unchanged output passes");

    let workflow = docs
        .iter()
        .position(|d| str_of(d, "kind") == Some("Workflow"))
        .expect("a Workflow");
    let mutate = |f: &dyn Fn(&mut Value)| -> String {
        let mut changed = docs.clone();
        f(&mut changed[workflow]);
        check(&jobs, &changed, &result.diagnostics, false).expect_err("the change is caught")
    };
    let find = |doc: &mut Value, name: &str, f: &dyn Fn(&mut Value)| {
        let templates = doc
            .pointer_mut("/spec/templates")
            .and_then(Value::as_array_mut)
            .expect("templates");
        for t in templates {
            if let Some(tasks) = t.pointer_mut("/dag/tasks").and_then(Value::as_array_mut) {
                for task in tasks {
                    if str_of(task, "name") == Some(name) {
                        f(task);
                    }
                }
            }
        }
    };
    let dropped = mutate(&|doc| {
        find(doc, "d", &|t| {
            t["depends"] = "b.Succeeded".into();
        })
    });
    assert!(dropped.contains("orderings lost: c before d"), "{dropped}");
    let added = mutate(&|doc| {
        find(doc, "c", &|t| {
            t["depends"] = "a.Succeeded && b.Succeeded".into();
        })
    });
    assert!(added.contains("added without a diagnostic"), "{added}");
    let twice = mutate(&|doc| {
        find(doc, "y", &|t| {
            for p in t
                .pointer_mut("/arguments/parameters")
                .and_then(Value::as_array_mut)
                .expect("arguments")
            {
                if str_of(p, "name") == Some(ARRAY_INDEX) {
                    p["value"] = "0".into();
                }
            }
        })
    });
    assert!(twice.contains("y[0] runs twice"), "{twice}");
}
