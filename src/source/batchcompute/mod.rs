//! The Alibaba Cloud BatchCompute dialect: job descriptions (DAG and App jobs), App and cluster
//! descriptions, and the `bcs` CLI's `job.cfg` files.

pub mod jobcfg;
