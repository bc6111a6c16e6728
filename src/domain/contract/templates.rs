//! Contract templates (being written).
use serde::{Deserialize, Serialize};
use super::clause::Clause;
use super::terms::{CodeOfEthics, CoachingType, MentoringProgramme};
use crate::domain::engagement::Kind;
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTemplate {
    pub name: String,
    pub description: String,
    pub kind: Kind,
    pub three_way: bool,
    pub code_of_ethics: Option<CodeOfEthics>,
    pub coaching_type: Option<CoachingType>,
    pub mentoring_programme: Option<MentoringProgramme>,
    pub clauses: Vec<Clause>,
}
pub fn built_in() -> Vec<ContractTemplate> { Vec::new() }
