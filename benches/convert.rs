//! `cargo bench --bench convert [-- --sizes 1,1000,2500,5000,10000] [--runs N] [--lint]
//! [--generate-only]`
//!
//! With `--lint`, the same inputs are checked by `batch2argo lint` instead (no output files),
//! against the pre-commit targets: one definition ≤ 10 ms, 1,000 definitions ≤ 1 s.
//!
//! End-to-end benchmark of the release `batch2argo` binary on synthetic inputs (DESIGN.md §7:
//! performance is shown by a benchmark, never by a timed test).
//!
//! For each size N the generator writes, into a fresh `<target>/bench-input/<N>/` (`<target>` is
//! the Cargo target directory the binary was built into, found from `CARGO_BIN_EXE_batch2argo`),
//! deterministic AWS Batch API JSON (splitmix64 seeded by N): N RegisterJobDefinition files
//! (image, command with `Ref::` parameters and their defaults, environment, VCPU/MEMORY, some
//! GPU, retryStrategy with evaluateOnExit, timeouts, tags, job roles) and, for N > 1, one job
//! graph `{"jobs": [...]}` of N jobs: plain and array jobs (sizes 2–50), parameter and
//! environment overrides, fan-out from hub jobs, fan-in of 5–20 dependencies, N_TO_N chains of
//! 3–4 equally sized arrays and a few SEQUENTIAL arrays. Dependencies point only at earlier jobs
//! and never exceed 20, so every input is valid and acyclic. Size 1 is one definition, no graph.
//!
//! Each size is converted by the binary as a separate process (`batch2argo convert DIR -o TMP`),
//! once unmeasured and then 20 times (size 1) or 3 times (`--runs` overrides). TMP is under
//! `std::env::temp_dir()`, so `TMPDIR` chooses the disk the output goes to: where creating a
//! file is slow (about 1 ms on some virtual disks, against 20 µs on tmpfs), writing 10,000 files
//! can outweigh the compiler; `TMPDIR=/dev/shm cargo bench` then measures the compiler alone. The child is reaped with `libc::wait4`, whose rusage gives the
//! peak resident memory (`ru_maxrss`) and CPU time of that child alone. The table gives min and
//! median wall time, median CPU time, peak RSS, files written (manifests plus
//! kustomization.yaml), warnings and median wall time per job; then a PASS/FAIL line per target
//! of the issue and the linearity check.
//!
//! A missed target is reported, never an error. The bench exits non-zero only when running the
//! binary fails: it cannot be started or waited for (reported at once), or it exits unsuccessfully
//! on the valid input (a bug; reported in the table, as FAIL in the verdicts, and as the exit
//! status after the whole table is printed).

// A benchmark harness reports on standard output and standard error.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const DEFAULT_SIZES: &[usize] = &[1, 1_000, 2_500, 5_000, 10_000];
/// Sizes of the smoke run under `cargo test` (no `--bench` argument).
const SMOKE_SIZES: &[usize] = &[1, 100];
/// Runs for size 1 (process start-up dominates; more samples) and for the others.
const RUNS_SMALL: usize = 20;
const RUNS_LARGE: usize = 3;
/// A size whose first run takes longer than this is not repeated.
const SLOW_RUN: Duration = Duration::from_secs(20);

/// Targets from the issue.
const SMALL_TARGET: Duration = Duration::from_millis(20);
/// `--lint`: time `batch2argo lint DIR` instead (pre-commit targets: one file ≤ 10 ms, 1,000 ≤ 1 s).
const LINT_SMALL_TARGET: Duration = Duration::from_millis(10);
const LINT_THOUSAND_TARGET: Duration = Duration::from_secs(1);
static LINT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
/// `--generate-only`: write the inputs of the sizes and print their folders, nothing else
/// (CI converts them and runs other people's validators over the output).
static GENERATE_ONLY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

fn lint_mode() -> bool {
    LINT.get().copied().unwrap_or(false)
}
const LARGE_TARGET: Duration = Duration::from_secs(2);
const LARGE_RSS_TARGET_MB: f64 = 500.0;
const LINEARITY_FACTOR: f64 = 2.0;

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers (splitmix64).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Input generator.

/// What the job generator needs to know about a definition.
struct DefInfo {
    name: String,
    params: Vec<&'static str>,
}

const IMAGES: &[&str] = &[
    "public.ecr.aws/docker/library/python:3.12-slim",
    "public.ecr.aws/docker/library/busybox:1.36",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/etl/transform:2024.11.3",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/analytics/report:v7",
    "ghcr.io/example/ingest@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
];
const GPU_IMAGE: &str = "nvcr.io/nvidia/pytorch:24.01-py3";
const QUEUES: &[&str] = &["default", "high-priority", "spot-batch"];
const VCPUS: &[&str] = &["1", "1", "2", "2", "4", "8", "16"];
const MEMORY: &[&str] = &[
    "512", "1024", "2048", "2048", "4096", "8192", "16384", "30720",
];

fn job_definition(rng: &mut Rng, i: usize) -> (DefInfo, Value) {
    let name = format!("bench-def-{i:05}");
    let gpu = rng.chance(3);
    let mut params: Vec<&'static str> = Vec::new();
    let mut parameters = serde_json::Map::new();
    let command: Vec<String> = match rng.below(4) {
        0 => vec![
            "sh".into(),
            "-c".into(),
            format!("echo step {i} on $AWS_BATCH_JOB_ID && sleep 1"),
        ],
        1 => {
            params.extend(["input", "output"]);
            vec![
                "python3".into(),
                "-m".into(),
                format!("pipeline.stage_{}", i % 37),
                "--input".into(),
                "Ref::input".into(),
                "--output".into(),
                "Ref::output".into(),
            ]
        }
        2 => {
            params.extend(["input", "threads", "mode"]);
            vec![
                "/usr/local/bin/transform".into(),
                "Ref::mode".into(),
                "--source".into(),
                "Ref::input".into(),
                "--threads".into(),
                "Ref::threads".into(),
                "--verbose".into(),
            ]
        }
        _ => {
            params.push("date");
            vec![
                "report".into(),
                "--date".into(),
                "Ref::date".into(),
                "--format".into(),
                "parquet".into(),
            ]
        }
    };
    for p in &params {
        let value = match *p {
            "input" => format!("s3://bench-bucket/input/{i}/"),
            "output" => format!("s3://bench-bucket/output/{i}/"),
            "threads" => format!("{}", 1 << rng.below(4)),
            "mode" => rng.pick(&["full", "incremental"]).to_string(),
            _ => "2024-01-01".to_string(),
        };
        parameters.insert((*p).to_string(), Value::String(value));
    }
    let environment: Vec<Value> = (0..rng.range(0, 6))
        .map(|k| {
            json!({
                "name": format!("BENCH_VAR_{k}"),
                "value": format!("value-{i}-{k}"),
            })
        })
        .collect();
    let mut resources = vec![
        json!({"type": "VCPU", "value": rng.pick(VCPUS)}),
        json!({"type": "MEMORY", "value": rng.pick(MEMORY)}),
    ];
    if gpu {
        resources.push(json!({"type": "GPU", "value": rng.pick(&["1", "1", "2", "4"])}));
    }
    let image = if gpu { GPU_IMAGE } else { rng.pick(IMAGES) };
    let mut container = json!({
        "image": image,
        "command": command,
        "resourceRequirements": resources,
    });
    if !environment.is_empty() {
        container["environment"] = Value::Array(environment);
    }
    if rng.chance(20) {
        container["jobRoleArn"] = json!(format!(
            "arn:aws:iam::123456789012:role/bench-job-{}",
            i % 11
        ));
    }
    let mut def = json!({
        "jobDefinitionName": name,
        "type": "container",
        "containerProperties": container,
    });
    if !parameters.is_empty() {
        def["parameters"] = Value::Object(parameters);
    }
    if rng.chance(30) {
        let mut retry = json!({"attempts": rng.range(1, 5)});
        if rng.chance(60) {
            let mut rules = vec![json!({"onExitCode": "137", "action": "RETRY"})];
            if rng.chance(50) {
                rules.push(json!({"onStatusReason": "Host EC2*", "action": "RETRY"}));
            }
            if rng.chance(50) {
                rules.push(json!({"onReason": "CannotPullContainerError*", "action": "RETRY"}));
            }
            rules.push(json!({"onReason": "*", "action": "EXIT"}));
            retry["evaluateOnExit"] = Value::Array(rules);
        }
        def["retryStrategy"] = retry;
    }
    if rng.chance(20) {
        def["timeout"] = json!({"attemptDurationSeconds": rng.range(60, 86_400)});
    }
    if rng.chance(25) {
        def["tags"] = json!({"team": rng.pick(&["data", "ml", "finance"]), "cost-center": format!("cc-{}", i % 7)});
    }
    (DefInfo { name, params }, def)
}

/// The job graph: `n` jobs, each depending only on earlier ones.
fn job_graph(rng: &mut Rng, n: usize, defs: &[DefInfo]) -> Value {
    let mut jobs: Vec<Value> = Vec::with_capacity(n);
    // Jobs others fan out from.
    let mut hubs: Vec<usize> = Vec::new();
    while jobs.len() < n {
        let i = jobs.len();
        let remaining = n - i;
        let roll = rng.below(100);
        if roll < 8 && remaining >= 4 && i > 0 {
            // An N_TO_N chain of 3–4 equally sized arrays.
            let len = rng.range(3, 4);
            let size = rng.range(2, 50);
            for k in 0..len {
                let i = jobs.len();
                let mut job = base_job(rng, i, defs);
                job["arrayProperties"] = json!({"size": size});
                let deps = if k == 0 {
                    plain_deps(rng, i, &hubs)
                } else {
                    vec![json!({"jobId": job_name(i - 1), "type": "N_TO_N"})]
                };
                if !deps.is_empty() {
                    job["dependsOn"] = Value::Array(deps);
                }
                jobs.push(job);
            }
            continue;
        }
        let mut job = base_job(rng, i, defs);
        let mut deps = plain_deps(rng, i, &hubs);
        if roll < 11 && i > 0 {
            // A SEQUENTIAL array.
            job["arrayProperties"] = json!({"size": rng.range(2, 50)});
            deps.truncate(19);
            deps.insert(0, json!({"type": "SEQUENTIAL"}));
        } else if roll < 31 {
            job["arrayProperties"] = json!({"size": rng.range(2, 50)});
        }
        if !deps.is_empty() {
            job["dependsOn"] = Value::Array(deps);
        }
        if rng.chance(3) || i == 0 {
            hubs.push(i);
        }
        jobs.push(job);
    }
    json!({ "jobs": jobs })
}

fn job_name(i: usize) -> String {
    format!("job-{i:05}")
}

fn base_job(rng: &mut Rng, i: usize, defs: &[DefInfo]) -> Value {
    // Mostly one job per definition, some shared definitions.
    let def = if rng.chance(80) {
        &defs[i % defs.len()]
    } else {
        rng.pick(defs)
    };
    let mut job = json!({
        "jobName": job_name(i),
        "jobQueue": rng.pick(QUEUES),
        "jobDefinition": def.name,
    });
    if !def.params.is_empty() && rng.chance(40) {
        let mut params = serde_json::Map::new();
        for p in &def.params {
            if rng.chance(60) {
                let value = match *p {
                    "input" => format!("s3://bench-bucket/runs/{i}/in/"),
                    "output" => format!("s3://bench-bucket/runs/{i}/out/"),
                    "threads" => "8".to_string(),
                    "mode" => "full".to_string(),
                    _ => format!("2024-02-{:02}", 1 + i % 28),
                };
                params.insert((*p).to_string(), Value::String(value));
            }
        }
        if !params.is_empty() {
            job["parameters"] = Value::Object(params);
        }
    }
    if rng.chance(5) {
        job["containerOverrides"] = json!({
            "environment": [{"name": "BENCH_OVERRIDE", "value": format!("job-{i}")}],
        });
    }
    job
}

/// Plain dependencies of job `i` on earlier jobs: none (a root), a few recent ones, a hub
/// (fan-out), or a fan-in of up to 20.
fn plain_deps(rng: &mut Rng, i: usize, hubs: &[usize]) -> Vec<Value> {
    if i == 0 {
        return Vec::new();
    }
    let roll = rng.below(100);
    let count = if roll < 10 {
        0
    } else if roll < 18 {
        rng.range(5, 20)
    } else {
        rng.range(1, 3)
    };
    let mut targets: Vec<usize> = Vec::with_capacity(count);
    let mut attempts = 0;
    while targets.len() < count.min(i) && attempts < 100 {
        attempts += 1;
        let t = if !hubs.is_empty() && rng.chance(25) {
            *rng.pick(hubs)
        } else {
            // Mostly recent jobs, sometimes any earlier one.
            let window = if rng.chance(80) { i.min(50) } else { i };
            i - 1 - rng.below(window)
        };
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    targets.sort_unstable();
    targets
        .into_iter()
        .map(|t| json!({"jobId": job_name(t)}))
        .collect()
}

/// Writes the inputs of size `n` into a fresh `dir`.
fn generate(dir: &Path, n: usize) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
    }
    let defs_dir = dir.join("job-definitions");
    std::fs::create_dir_all(&defs_dir)
        .map_err(|e| format!("creating {}: {e}", defs_dir.display()))?;
    let mut rng = Rng::new(0x00B3_4C42_A260 ^ n as u64);
    let mut defs = Vec::with_capacity(n);
    for i in 0..n {
        let (info, def) = job_definition(&mut rng, i);
        write_json(&defs_dir.join(format!("{}.json", info.name)), &def)?;
        defs.push(info);
    }
    if n > 1 {
        let graph = job_graph(&mut rng, n, &defs);
        write_json(&dir.join("jobs.json"), &graph)?;
    }
    Ok(())
}

fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| format!("{}: {e}", path.display()))?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// Running the binary.

struct RunResult {
    wall: Duration,
    /// User + system CPU time of the child: steadier than wall time on a busy machine.
    cpu: Duration,
    max_rss_kb: i64,
    /// `Ok((documents, warnings))`, or why the conversion failed.
    outcome: Result<(usize, usize), String>,
}

/// Runs `batch2argo convert input -o out` and reaps it with `wait4` for its own rusage.
/// `Err` only when the process cannot be started or waited for; a conversion that fails is a
/// result (`outcome`), so its time and memory are still reported.
fn run_once(bin: &Path, input: &Path, out: &Path) -> Result<RunResult, String> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("removing {}: {e}", out.display()))?;
    }
    let start = Instant::now();
    let mut command = Command::new(bin);
    if lint_mode() {
        command
            .args(["lint", "--format", "json", "--config", "/dev/null"])
            .arg(input);
    } else {
        command.arg("convert").arg(input).arg("-o").arg(out);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr)
            .map_err(|e| format!("reading the child's stderr: {e}"))?;
    }
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| format!("pid: {e}"))?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, fully written by a successful `wait4`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; both pointers are valid for the call.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4: {err}"));
        }
    }
    let wall = start.elapsed();
    let outcome = if lint_mode() {
        // Lint exits 1 when it finds errors; only 2 (or a signal) is a failure.
        if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1 {
            Ok((0, 0))
        } else {
            Err(failure(&stderr, status))
        }
    } else if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        Err(failure(&stderr, status))
    } else {
        written(&stderr)
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    Ok(RunResult {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss,
        outcome,
    })
}

/// "wrote N files to DIR (W warning(s))" → `(N, W)`.
fn written(stderr: &str) -> Result<(usize, usize), String> {
    let summary = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("wrote "))
        .ok_or("no `wrote N files` line on stderr")?;
    let documents = summary
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("cannot read the file count in `{summary}`"))?;
    let warnings = summary
        .rsplit_once(" (")
        .and_then(|(_, t)| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Ok((documents, warnings))
}

/// A one-line reason for a failed run: the exit status, the error codes and the last line.
fn failure(stderr: &str, status: libc::c_int) -> String {
    let how = if libc::WIFEXITED(status) {
        format!("exit {}", libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        format!("signal {}", libc::WTERMSIG(status))
    } else {
        format!("wait status {status:#x}")
    };
    // Error diagnostics are a code line followed by a `×` message line.
    let mut errors: Vec<String> = Vec::new();
    let lines: Vec<&str> = stderr.lines().collect();
    for w in lines.windows(3) {
        let code = w[0].trim();
        if code.starts_with("B2A") && w[2].trim_start().starts_with('×') {
            let message = w[2].trim_start().trim_start_matches('×').trim();
            errors.push(format!("{code}: {message}"));
        }
    }
    errors.sort();
    errors.dedup();
    let last = lines.last().map_or("", |l| l.trim());
    format!("{how}; {} {last}", errors.join("; "))
}

struct SizeResult {
    size: usize,
    runs: usize,
    min: Duration,
    median: Duration,
    cpu_median: Duration,
    max_rss_mb: f64,
    /// `Ok((documents, warnings))` of the last run, or why it failed.
    outcome: Result<(usize, usize), String>,
    input_mb: f64,
}

impl SizeResult {
    fn us_per_job(&self) -> f64 {
        self.median.as_secs_f64() * 1e6 / self.size as f64
    }
}

/// The median of sorted, non-empty durations.
fn median_of(sorted: &[Duration]) -> Duration {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

fn bench_size(
    bin: &Path,
    input_root: &Path,
    out_root: &Path,
    size: usize,
    runs: Option<usize>,
) -> Result<SizeResult, String> {
    let input = input_root.join(size.to_string());
    let started = Instant::now();
    generate(&input, size)?;
    let input_mb = dir_bytes(&input) as f64 / 1e6;
    eprintln!(
        "size {size}: generated {input_mb:.1} MB of input in {:.2?} under {}",
        started.elapsed(),
        input.display()
    );
    let out = out_root.join(size.to_string());
    let wanted = runs.unwrap_or(if size <= 1 { RUNS_SMALL } else { RUNS_LARGE });
    // One unmeasured run warms the page cache and the binary.
    let _ = run_once(bin, &input, &out)?;
    let mut results: Vec<RunResult> = Vec::with_capacity(wanted);
    for k in 0..wanted {
        let r = run_once(bin, &input, &out)?;
        let slow = r.wall > SLOW_RUN;
        results.push(r);
        if slow && k == 0 {
            eprintln!("size {size}: the first run took over {SLOW_RUN:?}; not repeating it");
            break;
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let mut walls: Vec<Duration> = results.iter().map(|r| r.wall).collect();
    walls.sort_unstable();
    let median = median_of(&walls);
    let mut cpus: Vec<Duration> = results.iter().map(|r| r.cpu).collect();
    cpus.sort_unstable();
    let max_rss_kb = results.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
    // A failure in any run wins over the successes.
    let outcome = results
        .iter()
        .find(|r| r.outcome.is_err())
        .or(results.last())
        .map_or(Ok((0, 0)), |r| r.outcome.clone());
    Ok(SizeResult {
        size,
        runs: results.len(),
        min: walls[0],
        median,
        cpu_median: median_of(&cpus),
        // Linux reports ru_maxrss in KiB.
        max_rss_mb: max_rss_kb as f64 * 1024.0 / 1e6,
        outcome,
        input_mb,
    })
}

// ---------------------------------------------------------------------------------------------
// Arguments, report, verdicts.

struct Args {
    sizes: Vec<usize>,
    runs: Option<usize>,
    /// `cargo bench` passes `--bench`; `cargo test --benches` (or `--all-targets`) does not,
    /// and then this is a quick smoke run of a debug build, without verdicts.
    bench: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut sizes = None;
    let mut runs = None;
    let mut bench = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        match flag.as_str() {
            "--bench" => bench = true,
            "--lint" => {
                let _ = LINT.set(true);
            }
            "--generate-only" => {
                let _ = GENERATE_ONLY.set(true);
            }
            "--sizes" | "--runs" => {
                let value = match inline {
                    Some(v) => v,
                    None => args.next().ok_or_else(|| format!("{flag} needs a value"))?,
                };
                if flag == "--sizes" {
                    let list: Vec<usize> = value
                        .split(',')
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| {
                            s.trim()
                                .replace('_', "")
                                .parse::<usize>()
                                .ok()
                                .filter(|n| *n > 0)
                                .ok_or_else(|| format!("`{s}` is not a positive size"))
                        })
                        .collect::<Result<_, _>>()?;
                    if list.is_empty() {
                        return Err("--sizes lists no size".into());
                    }
                    sizes = Some(list);
                } else {
                    runs = Some(
                        value
                            .parse::<usize>()
                            .ok()
                            .filter(|n| *n > 0)
                            .ok_or_else(|| format!("`{value}` is not a positive run count"))?,
                    );
                }
            }
            other => eprintln!("ignoring argument `{other}`"),
        }
    }
    if !bench {
        return Ok(Args {
            sizes: sizes.unwrap_or_else(|| SMOKE_SIZES.to_vec()),
            runs: runs.or(Some(1)),
            bench,
        });
    }
    Ok(Args {
        sizes: sizes.unwrap_or_else(|| DEFAULT_SIZES.to_vec()),
        runs,
        bench,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

fn table(results: &[SizeResult]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>7} {:>5} {:>9} {:>10} {:>10} {:>10} {:>12} {:>10} {:>9} {:>8}  status",
        "jobs",
        "runs",
        "input MB",
        "min ms",
        "median ms",
        "cpu ms",
        "peak RSS MB",
        "files",
        "warnings",
        "µs/job"
    );
    for r in results {
        let (documents, warnings, status) = match &r.outcome {
            Ok((d, w)) => (d.to_string(), w.to_string(), "ok".to_string()),
            Err(e) => ("-".into(), "-".into(), format!("FAILED: {e}")),
        };
        let _ = writeln!(
            out,
            "{:>7} {:>5} {:>9.1} {:>10} {:>10} {:>10} {:>12.1} {:>10} {:>9} {:>8.1}  {status}",
            r.size,
            r.runs,
            r.input_mb,
            ms(r.min),
            ms(r.median),
            ms(r.cpu_median),
            r.max_rss_mb,
            documents,
            warnings,
            r.us_per_job()
        );
    }
    out
}

fn verdicts(results: &[SizeResult]) -> String {
    let mut out = String::new();
    if lint_mode() {
        for (size, target, what) in [
            (1, LINT_SMALL_TARGET, "lint one job definition"),
            (
                1_000,
                LINT_THOUSAND_TARGET,
                "lint 1,000 definitions and a 1,000-job graph",
            ),
        ] {
            match results.iter().find(|r| r.size == size) {
                Some(r) => {
                    let _ = writeln!(
                        out,
                        "{}  {what}: median {} ms (target ≤ {} ms)",
                        verdict(r.outcome.is_ok() && r.median <= target),
                        ms(r.median),
                        target.as_millis()
                    );
                }
                None => {
                    let _ = writeln!(out, "SKIP  {what}: size {size} was not run");
                }
            }
        }
        return out;
    }
    let find = |n: usize| results.iter().find(|r| r.size == n);
    // A failed conversion misses every target it is part of: nothing was produced.
    let failed = |r: &SizeResult| {
        if r.outcome.is_err() {
            " — the conversion FAILED: measured only up to the failure"
        } else {
            ""
        }
    };
    match find(1) {
        Some(r) => {
            let _ = writeln!(
                out,
                "{}  one small job definition: median {} ms (target ≤ {} ms){}",
                verdict(r.outcome.is_ok() && r.median <= SMALL_TARGET),
                ms(r.median),
                SMALL_TARGET.as_millis(),
                failed(r)
            );
        }
        None => {
            let _ = writeln!(out, "SKIP  one small job definition: size 1 was not run");
        }
    }
    match find(10_000) {
        Some(r) => {
            let _ = writeln!(
                out,
                "{}  10,000 definitions + 10,000-job graph: median {} ms (target ≤ {} ms){}",
                verdict(r.outcome.is_ok() && r.median <= LARGE_TARGET),
                ms(r.median),
                LARGE_TARGET.as_millis(),
                failed(r)
            );
            let _ = writeln!(
                out,
                "{}  10,000 definitions + 10,000-job graph: peak RSS {:.1} MB (target ≤ {LARGE_RSS_TARGET_MB} MB){}",
                verdict(r.outcome.is_ok() && r.max_rss_mb <= LARGE_RSS_TARGET_MB),
                r.max_rss_mb,
                failed(r)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "SKIP  10,000 jobs (time and memory): size 10000 was not run"
            );
        }
    }
    match (find(1_000), find(10_000)) {
        (Some(a), Some(b)) => {
            let ratio = b.us_per_job() / a.us_per_job();
            let _ = writeln!(
                out,
                "{}  linearity: {:.1} µs/job at 10,000 vs {:.1} µs/job at 1,000 = ×{ratio:.2} (target ≤ ×{LINEARITY_FACTOR}){}",
                verdict(a.outcome.is_ok() && b.outcome.is_ok() && ratio <= LINEARITY_FACTOR),
                b.us_per_job(),
                a.us_per_job(),
                if a.outcome.is_err() || b.outcome.is_err() {
                    " — a conversion FAILED"
                } else {
                    ""
                }
            );
        }
        _ => {
            let _ = writeln!(out, "SKIP  linearity: needs sizes 1000 and 10000");
        }
    }
    out
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let Args { sizes, runs, bench } = parse_args()?;
    // Cargo builds the binary with the bench profile and sets this for benchmarks.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_batch2argo"));
    let target_dir = bin
        .parent()
        .and_then(Path::parent)
        .ok_or_else(|| format!("no target directory above {}", bin.display()))?;
    let input_root = target_dir.join("bench-input");
    if GENERATE_ONLY.get().copied().unwrap_or(false) {
        for &size in &sizes {
            let input = input_root.join(size.to_string());
            generate(&input, size)?;
            println!("{}", input.display());
        }
        return Ok(());
    }
    let out_root = std::env::temp_dir().join(format!("batch2argo-bench-{}", std::process::id()));
    eprintln!(
        "binary: {}\nsizes: {sizes:?}; outputs under {}",
        bin.display(),
        out_root.display()
    );
    let mut results = Vec::with_capacity(sizes.len());
    let mut outcome = Ok(());
    for &size in &sizes {
        match bench_size(&bin, &input_root, &out_root, size, runs) {
            Ok(r) => {
                eprintln!(
                    "size {size}: median {} ms, peak RSS {:.1} MB{}",
                    ms(r.median),
                    r.max_rss_mb,
                    if r.outcome.is_err() { ", FAILED" } else { "" }
                );
                results.push(r);
            }
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out_root);
    println!("\n{}", table(&results));
    if bench {
        print!("{}", verdicts(&results));
    } else {
        println!("smoke run without --bench (a test build): no verdicts; run `cargo bench --bench convert`");
    }
    outcome?;
    // The binary ran but did not convert a valid input: a bug, not a missed target.
    let failed: Vec<String> = results
        .iter()
        .filter(|r| r.outcome.is_err())
        .map(|r| r.size.to_string())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "batch2argo failed to convert the valid input of size {}",
            failed.join(", ")
        ))
    }
}
