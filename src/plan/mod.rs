//! The plan's types and rules, pure: no SQL and no terminal. Most unit tests live here.

pub mod criteria;
pub mod defaults;
pub mod onboarding;
pub mod partner;
pub mod selection;
pub mod shape;
pub mod template;
pub mod text;
pub mod vocabulary;

pub use partner::{FieldError, PartnerDraft, PartnerField, Vocabularies, vocabularies};
