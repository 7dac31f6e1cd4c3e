//! `job.cfg` (the `bcs sub --file` INI format) → a job description tree.
