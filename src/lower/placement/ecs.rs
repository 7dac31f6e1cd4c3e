//! Alibaba Cloud instance types (`ecs.*`, `bcs.*`): their vCPUs, memory and GPUs.
