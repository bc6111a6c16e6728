//! Contract linter (being written).
use serde::{Deserialize, Serialize};
use super::{clause::{Clause, Element}, parties::Parties, terms::ContractTerms};
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity { Missing, Incomplete, Advice }
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding { pub element: Element, pub severity: Severity, pub message: String }
pub fn lint(_parties: &Parties, _terms: &ContractTerms, _clauses: &[Clause]) -> Vec<Finding> { Vec::new() }
