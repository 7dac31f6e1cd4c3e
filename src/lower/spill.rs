//! Keeping a Workflow within Argo's 200 templates per object: templates past the limit move
//! into companion WorkflowTemplates, and every call to them becomes a `templateRef`.

use std::collections::BTreeMap;

use super::names::NameSet;
use crate::emit::model::{
    Kind, Manifest, ObjectMeta, Template, TemplateRef, WorkflowSpec, API_VERSION,
};

/// Most templates in one Argo object (v4 CRD limit).
pub const MAX_TEMPLATES: usize = 200;

/// Splits `templates` (the entrypoint `main` first) into those the Workflow keeps and
/// companion WorkflowTemplates of at most [`MAX_TEMPLATES`] each.
pub fn spill(
    workflow: &str,
    mut templates: Vec<Template>,
    names: &mut NameSet,
) -> (Vec<Template>, Vec<Manifest>) {
    let rest = templates.split_off(1.min(templates.len()));
    let mut home: BTreeMap<String, String> = BTreeMap::new();
    let mut companions: Vec<(String, Vec<Template>)> = Vec::new();
    for (k, chunk) in rest.chunks(MAX_TEMPLATES).enumerate() {
        let name = names.assign(&format!("{workflow}-templates-{}", k + 1), 63);
        for t in chunk {
            home.insert(t.name.clone(), name.clone());
        }
        companions.push((name, chunk.to_vec()));
    }
    // A call stays local inside the same object; every other call goes by templateRef.
    let rewrite = |t: &mut Template, here: Option<&str>| {
        let Some(dag) = t.dag.as_mut() else { return };
        for task in &mut dag.tasks {
            let Some(local) = task.template.clone() else {
                continue;
            };
            let Some(owner) = home.get(&local) else {
                continue;
            };
            if Some(owner.as_str()) != here {
                task.template = None;
                task.template_ref = Some(TemplateRef {
                    name: owner.clone(),
                    template: local,
                });
            }
        }
    };
    for t in &mut templates {
        rewrite(t, None);
    }
    let manifests = companions
        .into_iter()
        .map(|(name, mut chunk)| {
            for t in &mut chunk {
                rewrite(t, Some(&name));
            }
            Manifest {
                api_version: API_VERSION,
                kind: Kind::WorkflowTemplate,
                metadata: ObjectMeta {
                    name: Some(name),
                    ..ObjectMeta::default()
                },
                spec: WorkflowSpec {
                    templates: chunk,
                    ..WorkflowSpec::default()
                },
            }
        })
        .collect();
    (templates, manifests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::model::{Dag, DagTask};

    fn dag(name: &str, calls: &[&str]) -> Template {
        Template {
            name: name.into(),
            dag: Some(Dag {
                fail_fast: None,
                tasks: calls
                    .iter()
                    .map(|c| DagTask {
                        name: format!("t-{c}"),
                        template: Some((*c).into()),
                        ..DagTask::default()
                    })
                    .collect(),
            }),
            ..Template::default()
        }
    }

    #[test]
    fn calls_across_objects_become_template_refs() {
        let mut templates = vec![dag("main", &["g-0", "g-399"])];
        for i in 0..400 {
            templates.push(dag(
                &format!("g-{i}"),
                if i == 5 { &["g-399"] } else { &[] },
            ));
        }
        let (kept, companions) = spill("wf", templates, &mut NameSet::default());
        assert_eq!(kept.len(), 1);
        assert_eq!(companions.len(), 2);
        assert!(companions
            .iter()
            .all(|c| c.spec.templates.len() <= MAX_TEMPLATES));
        let main = kept[0].dag.as_ref().expect("dag");
        assert_eq!(
            main.tasks[0].template_ref.as_ref().map(|r| r.name.as_str()),
            Some("wf-templates-1")
        );
        assert_eq!(
            main.tasks[1].template_ref.as_ref().map(|r| r.name.as_str()),
            Some("wf-templates-2")
        );
        let g5 = &companions[0].spec.templates[5];
        assert_eq!(
            g5.dag.as_ref().expect("dag").tasks[0]
                .template_ref
                .as_ref()
                .map(|r| r.name.as_str()),
            Some("wf-templates-2")
        );
    }
}
