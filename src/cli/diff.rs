//! `batch2argo diff`: compare the output of two versions of the sources, or committed output
//! with its sources (`--check`). Exit 0 without differences, 1 with, 2 on usage or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{Color, DiffArgs, DiffFormat, ExitStatus};
use crate::diff::{self, render, Report, Side};
use crate::emit::{write, Format};
use crate::lower::Options;

pub fn run(args: DiffArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let result = if args.check {
        check(&args)
    } else {
        compare(&args)
    };
    let (report, title) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Failure;
        }
    };
    let text = match args.format {
        DiffFormat::Json => Ok(render::json(&report)),
        DiffFormat::Markdown => render::markdown(&report, &title),
        DiffFormat::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            Ok(render::human(&report, &title, color))
        }
    };
    match text {
        Ok(t) => {
            let _ = stdout.write_all(t.as_bytes());
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot render the report: {e}");
            return ExitStatus::Failure;
        }
    }
    if report.differences {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

fn shown(p: &Path) -> String {
    let t = p.to_string_lossy().replace('\\', "/");
    t.strip_prefix("./").map(str::to_string).unwrap_or(t)
}

/// One side compiled: from disk, or from a git revision of the repository in `repo`.
fn side(
    repo: Option<&Path>,
    path: &Path,
    rev: Option<&str>,
    options: &Options,
    read: &crate::source::ReadOptions,
) -> Result<(Side, Option<String>), String> {
    let on_disk = repo.map_or_else(|| path.to_path_buf(), |r| r.join(path));
    let loaded = match rev {
        None => crate::source::load_with(std::slice::from_ref(&on_disk), read)
            .map_err(|e| e.to_string())?,
        Some(rev) => {
            let dir = match repo {
                Some(r) => r.to_path_buf(),
                None => std::env::current_dir().map_err(|e| e.to_string())?,
            };
            let contents = diff::git::read(&dir, rev, &[path.to_path_buf()])?;
            crate::source::load_contents_with(
                contents,
                crate::diagnostics::Diagnostics::new(),
                read,
            )
        }
    };
    let c = crate::convert_loaded(loaded, options, Format::Json);
    let failed = c.has_errors().then(|| {
        let errors = c
            .diagnostics
            .iter()
            .filter(|d| d.severity() == crate::diagnostics::Severity::Error)
            .count();
        let at = rev.map(|r| format!(" at `{r}`")).unwrap_or_default();
        format!(
            "`{}`{at} does not compile ({errors} error(s)), so its objects are not compared; its diagnostics are",
            shown(path)
        )
    });
    // File names are compared relative to the path given, so two folders compare alike.
    let given = if rev.is_some() {
        path.to_path_buf()
    } else {
        on_disk.clone()
    };
    let root = if on_disk.is_file() {
        given.parent().map(shown).unwrap_or_default()
    } else {
        shown(&given)
    };
    let objects: Vec<serde_json::Value> = c.documents.iter().filter_map(|d| d.value()).collect();
    Ok((Side::new(objects, &c.diagnostics, &c.files, &root), failed))
}

fn compare(args: &DiffArgs) -> Result<(Report, String), String> {
    let options = args.target.options()?;
    let revs = args.base_rev.is_some() || args.head_rev.is_some();
    let (base_path, head_path): (&PathBuf, &PathBuf) = match args.paths.as_slice() {
        [one] if revs => (one, one),
        [base, head] => (base, head),
        [_] => return Err("give BASE and HEAD, or one path with --base-rev/--head-rev".into()),
        _ => return Err("give at most two paths: BASE and HEAD".into()),
    };
    let repo = args.repo.as_deref();
    let read = args.read.read_options();
    let (mut base, base_failed) = side(repo, base_path, args.base_rev.as_deref(), &options, &read)?;
    let (mut head, head_failed) = side(repo, head_path, args.head_rev.as_deref(), &options, &read)?;
    let notes: Vec<String> = [base_failed, head_failed].into_iter().flatten().collect();
    if !notes.is_empty() {
        base.objects.clear();
        head.objects.clear();
    }
    let mut report = diff::compare(&base, &head);
    report.notes = notes;
    let name = |p: &Path, rev: &Option<String>| match rev {
        Some(r) => format!("{} @ {r}", shown(p)),
        None => shown(p),
    };
    let title = format!(
        "batch2argo diff: {} → {}",
        name(base_path, &args.base_rev),
        name(head_path, &args.head_rev)
    );
    Ok((report, title))
}

/// The drift check: the committed files against what the sources compile to now.
fn check(args: &DiffArgs) -> Result<(Report, String), String> {
    let dir = args.against.as_ref().ok_or("--check needs --against DIR")?;
    let record_path = dir.join(write::RECORD);
    let record: write::Record = std::fs::read_to_string(&record_path)
        .map_err(|e| {
            format!(
                "{}: {e} (was it written by `batch2argo convert -o`?)",
                record_path.display()
            )
        })
        .and_then(|t| {
            serde_json::from_str(&t).map_err(|e| format!("{}: {e}", record_path.display()))
        })?;
    let recorded = &record.options;
    let mut options = Options {
        self_contained: recorded.self_contained,
        ..Options::default()
    };
    if let Some(p) = crate::lower::Platform::parse(&recorded.platform) {
        options.platform = p;
        options.platform_chosen = true;
    }
    if let Some(q) = crate::lower::Queueing::parse(&recorded.queueing) {
        options.queueing = q;
    }
    if !recorded.namespace.is_empty() {
        options.namespace = recorded.namespace.clone();
    }
    // Flags given to the check say what the output should have been generated with.
    let mut wanted = options.clone();
    args.target.apply(&mut wanted);
    wanted.validate()?;
    let mut notes = Vec::new();
    let mut differ = |what: &str, was: &str, now: &str| {
        if was != now {
            notes.push(format!(
                "{} was generated with {what} {was}; the check asks for {now}",
                shown(dir)
            ));
        }
    };
    differ(
        "--platform",
        options.platform.as_str(),
        wanted.platform.as_str(),
    );
    differ(
        "--queueing",
        options.queueing.as_str(),
        wanted.queueing.as_str(),
    );
    differ("--namespace", &options.namespace, &wanted.namespace);
    differ(
        "--self-contained",
        &options.self_contained.to_string(),
        &wanted.self_contained.to_string(),
    );

    // What the sources compile to now.
    let loaded = crate::source::load_with(&args.paths, &args.read.read_options())
        .map_err(|e| e.to_string())?;
    let format = if recorded.output_format == "json" {
        Format::Json
    } else {
        Format::Yaml
    };
    let c = crate::convert_loaded(loaded, &wanted, format);
    if c.has_errors() {
        return Err(format!(
            "the sources do not compile ({} error(s)); run `batch2argo convert` to see them",
            c.diagnostics
                .iter()
                .filter(|d| d.severity() == crate::diagnostics::Severity::Error)
                .count()
        ));
    }
    let mut generated: Vec<serde_json::Value> =
        c.documents.iter().filter_map(|d| d.value()).collect();
    let kustomization = write::kustomization(&c.documents);
    generated.extend(parse(write::KUSTOMIZATION, &kustomization));

    // What is committed: the files the record lists.
    let mut committed = Vec::new();
    for file in &record.files {
        let path = dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse(file, &text) {
                Some(v) => committed.push(v),
                None => notes.push(format!("{file} is not one YAML or JSON object")),
            },
            Err(_) => notes.push(format!("{file} is listed in {} but missing", write::RECORD)),
        }
    }
    let base = Side::new(committed, &[], &c.files, "");
    let head = Side::new(generated, &[], &c.files, "");
    let mut report = diff::compare(&base, &head);
    report.differences |= !notes.is_empty();
    report.notes = notes;
    let sources: Vec<String> = args.paths.iter().map(|p| shown(p)).collect();
    let title = format!(
        "batch2argo drift check: {} against {}",
        shown(dir),
        sources.join(" ")
    );
    Ok((report, title))
}

/// One object from a file's text, read as Kubernetes reads it.
fn parse(path: &str, text: &str) -> Option<serde_json::Value> {
    crate::emit::Document {
        kind: "",
        name: String::new(),
        path: path.to_string(),
        text: text.to_string(),
    }
    .value()
}
