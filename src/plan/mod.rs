//! The plan's types and rules, pure: no SQL and no terminal. Most unit tests live here.

pub mod changes;
pub mod coverage;
pub mod criteria;
pub mod crm_dates;
pub mod crm_headers;
pub mod crm_values;
pub mod decision_aid;
pub mod defaults;
pub mod ecosystem;
pub mod figures;
pub mod framework;
pub mod guide;
pub mod intake;
pub mod kpi;
pub mod kpi_catalogue;
pub mod live_kpi;
pub mod merge;
pub mod money;
pub mod network;
pub mod network_summary;
pub mod numbers;
pub mod onboarding;
pub mod partner;
pub mod plausible;
pub mod risk;
pub mod risk_suggestions;
pub mod roles;
pub mod sector_template;
pub mod selection;
pub mod shape;
pub mod strategy;
pub mod template;
pub mod text;
pub mod vocabulary;
mod words;

pub use partner::{FieldError, PartnerDraft, PartnerField, Vocabularies, vocabularies};
