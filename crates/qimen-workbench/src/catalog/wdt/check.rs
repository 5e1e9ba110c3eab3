//! The checks specific to document 003's data: constants well formed, each case with its items, every
//! scenario with a described role, channel and APIs (or a note saying why none), steps complete.

use super::{CaseId, OnboardingStep, Scenario, WdtGuide};
use crate::catalog::validate::Checker;
use crate::catalog::CatalogError;

impl WdtGuide {
    pub(super) fn validate(&self, check: &Checker) -> Result<(), CatalogError> {
        check.text("title", "title", &self.title)?;
        check.text("background", "background", &self.background)?;
        check.link("background_link", &self.background_link)?;
        self.validate_constants(check)?;
        self.validate_materials(check)?;
        for r in &self.roles {
            check.text(&format!("role {:?}", r.id), "name", &r.name)?;
        }
        for c in &self.joint_test_channels {
            let entry = format!("joint_test_channel {:?}", c.id);
            check.text(&entry, "text", &c.text)?;
            check.opt_text(&entry, "remark", c.remark.as_ref())?;
            check.source(&entry, c.source.as_ref())?;
        }
        check.unique("scenario", self.scenarios.iter().map(|s| s.id.as_str()))?;
        self.scenarios
            .iter()
            .try_for_each(|s| self.validate_scenario(check, s))?;
        let api = &self.constants.joint_test_api;
        if !self
            .scenarios
            .iter()
            .flat_map(|s| &s.apis)
            .any(|a| &a.method == api)
        {
            return Err(check.fail(
                "constants",
                format!("joint-test API `{api}` belongs to no scenario"),
            ));
        }
        if self.steps.is_empty() {
            return Err(check.fail("steps", "no onboarding step: transcribe the steps"));
        }
        check.unique("step", self.steps.iter().map(|s| s.id.as_str()))?;
        self.steps.iter().try_for_each(|s| validate_step(check, s))
    }

    fn validate_constants(&self, check: &Checker) -> Result<(), CatalogError> {
        let c = &self.constants;
        check.text("constants", "company_name_text", &c.company_name_text)?;
        check.text("constants", "target_app_key_text", &c.target_app_key_text)?;
        if c.qimen_company_name.trim().is_empty() || c.joint_test_api.trim().is_empty() {
            return Err(check.fail(
                "constants",
                "company name and joint-test API must not be empty",
            ));
        }
        if c.wdt_target_app_key.is_empty()
            || !c.wdt_target_app_key.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(check.fail(
                "constants",
                "`wdt_target_app_key` must be the AppKey's digits",
            ));
        }
        check.source("constants", c.source.as_ref())?;
        check.url("constants", &c.joint_test_domain)
    }

    fn validate_materials(&self, check: &Checker) -> Result<(), CatalogError> {
        let m = &self.materials;
        for id in [CaseId::Agent, CaseId::Vendor] {
            if m.cases.iter().filter(|c| c.id == id).count() != 1 {
                return Err(check.fail(
                    &format!("case {id:?}"),
                    "each case must appear exactly once",
                ));
            }
            if m.items_for(id).next().is_none() {
                return Err(check.fail(&format!("case {id:?}"), "the case has no material item"));
            }
        }
        for c in &m.cases {
            check.text(&format!("case {:?}", c.id), "title", &c.title)?;
            check.text(&format!("case {:?}", c.id), "text", &c.text)?;
            check.source(&format!("case {:?}", c.id), c.source.as_ref())?;
        }
        for s in &m.sections {
            check.text(&format!("section {:?}", s.id), "name", &s.name)?;
            check.opt_text(&format!("section {:?}", s.id), "intro", s.intro.as_ref())?;
            check.source(&format!("section {:?}", s.id), s.source.as_ref())?;
        }
        check.unique("material", m.items.iter().map(|i| i.id.as_str()))?;
        for item in &m.items {
            check.id(&item.id, &item.id)?;
            check.text(&item.id, "text", &item.text)?;
            if m.section(item.section).is_none() {
                return Err(check.fail(
                    &item.id,
                    format!("section {:?} is not described", item.section),
                ));
            }
            if item.cases.is_empty() {
                return Err(check.fail(
                    &item.id,
                    "`cases` is empty: say which case(s) need this item",
                ));
            }
        }
        Ok(())
    }

    fn validate_scenario(&self, check: &Checker, s: &Scenario) -> Result<(), CatalogError> {
        let entry = format!("scenario {}", s.id);
        check.id(&entry, &s.id)?;
        check.text(&entry, "name", &s.name)?;
        check.text(&entry, "description", &s.description)?;
        check.text(&entry, "flow", &s.flow)?;
        check.opt_text(&entry, "flow_origin", s.flow_origin.as_ref())?;
        check.source(&entry, s.source.as_ref())?;
        for other in &s.other_names {
            check.text(&entry, "other_names", other)?;
        }
        check.opt_text(&entry, "apis_note", s.apis_note.as_ref())?;
        check.opt_text(&entry, "sdk_note", s.sdk_note.as_ref())?;
        if let Some(link) = &s.apis_link {
            check.link(&entry, link)?;
        }
        if s.apis.is_empty() && s.apis_note.is_none() {
            return Err(check.fail(
                &entry,
                "no API listed: add the APIs or an `apis_note` saying why",
            ));
        }
        if let Some(role) = s.your_role {
            if !self.roles.iter().any(|r| r.id == role) {
                return Err(check.fail(
                    &entry,
                    format!("role {role:?} is not described under `roles`"),
                ));
            }
        }
        if self.channel(s.joint_test).is_none() {
            return Err(check.fail(
                &entry,
                format!("joint-test channel {:?} is not described", s.joint_test),
            ));
        }
        for api in &s.apis {
            check.text(&entry, "apis.title", &api.title)?;
            if api.method.is_empty() || api.method.contains(char::is_whitespace) {
                return Err(check.fail(
                    &entry,
                    format!("API method `{}` must be a name without spaces", api.method),
                ));
            }
        }
        Ok(())
    }
}

fn validate_step(check: &Checker, s: &OnboardingStep) -> Result<(), CatalogError> {
    let entry = format!("step {}", s.id);
    check.id(&entry, &s.id)?;
    check.text(&entry, "title", &s.title)?;
    if s.section.trim().is_empty() || s.todo.is_empty() {
        return Err(check.fail(&entry, "a step needs its `section` and at least one `todo`"));
    }
    s.todo
        .iter()
        .try_for_each(|t| check.text(&entry, "todo", t))?;
    check.opt_text(&entry, "skippable", s.skippable.as_ref())?;
    check.opt_text(&entry, "wait_text", s.wait_text.as_ref())?;
    if s.wait.is_some() != s.wait_text.is_some() {
        return Err(check.fail(
            &entry,
            "`wait` and `wait_text` go together: give both or neither",
        ));
    }
    if let Some(wait) = &s.wait {
        check.wait(&entry, wait)?;
    }
    check.source(&entry, s.source.as_ref())?;
    check.links(&entry, &s.links)
}
