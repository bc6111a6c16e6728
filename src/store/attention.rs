//! What the home screen's "Needs attention" reads: [`Store::attention_facts`] gathers,
//! for every live engagement, what `domain::attention` asks about (contracts, sessions,
//! goals, sponsor updates, the journey, the questionnaires given, and who the device's
//! owner is in it), reading each store once.

use std::collections::HashMap;

use super::{schema, Store, StoreError};
use crate::domain::assessment::ClientQuestionnaire;
use crate::domain::attention::Facts;
use crate::domain::contract::Contract;
use crate::domain::engagement::Engagement;
use crate::domain::goal::Goal;
use crate::domain::perspective::{role_in, Perspective};
use crate::domain::report::SponsorReport;
use crate::domain::session::journey::Journey;
use crate::domain::session::Session;
use crate::domain::{Record, RecordId};
use crate::platform::clock;

impl Store {
    /// Every live engagement with what the attention rules read.
    pub async fn attention_facts(&self) -> Result<Vec<Facts>, StoreError> {
        let engagements: Vec<Record<Engagement>> = self.live(schema::ENGAGEMENTS, None).await?;
        let perspectives: Vec<Record<Perspective>> = self.live(schema::PERSPECTIVES, None).await?;
        let mut contracts = by_engagement(self.live::<Contract>(schema::CONTRACTS, None).await?, |c| &c.engagement_id);
        let mut sessions = by_engagement(self.live::<Session>(schema::SESSIONS, None).await?, |s| &s.engagement_id);
        let mut goals = by_engagement(self.live::<Goal>(schema::GOALS, None).await?, |g| &g.engagement_id);
        let mut reports = by_engagement(self.live::<SponsorReport>(schema::REPORTS, None).await?, |r| &r.engagement_id);
        let mut journeys = by_engagement(self.live::<Journey>(schema::JOURNEYS, None).await?, |j| &j.engagement_id);
        let questionnaires: Vec<Record<ClientQuestionnaire>> = self.live(schema::QUESTIONNAIRES, None).await?;
        let mut questionnaires: HashMap<RecordId, Vec<(RecordId, crate::domain::date::Date, ClientQuestionnaire)>> =
            questionnaires.into_iter().fold(HashMap::new(), |mut by, r| {
                by.entry(r.data.engagement_id.clone()).or_default().push((r.id, clock::date_of(r.created_at), r.data));
                by
            });
        Ok(engagements
            .into_iter()
            .map(|record| {
                let id = record.id;
                Facts {
                    me: role_in(&perspectives, &id),
                    contracts: take(&mut contracts, &id).into_iter().map(|(_, c)| c).collect(),
                    sessions: take(&mut sessions, &id),
                    goals: take(&mut goals, &id),
                    reports: take(&mut reports, &id),
                    journey: take(&mut journeys, &id).pop().map(|(_, j)| j),
                    questionnaires: questionnaires.remove(&id).unwrap_or_default(),
                    engagement: record.data,
                    id,
                }
            })
            .collect())
    }
}

/// The records of one engagement, taken out of the groups.
fn take<T>(grouped: &mut HashMap<RecordId, Vec<(RecordId, T)>>, engagement_id: &RecordId) -> Vec<(RecordId, T)> {
    grouped.remove(engagement_id).unwrap_or_default()
}

/// Records grouped by the engagement they belong to, each with its id.
fn by_engagement<T>(records: Vec<Record<T>>, engagement_of: impl Fn(&T) -> &RecordId) -> HashMap<RecordId, Vec<(RecordId, T)>> {
    let mut grouped: HashMap<RecordId, Vec<(RecordId, T)>> = HashMap::new();
    for record in records {
        grouped.entry(engagement_of(&record.data).clone()).or_default().push((record.id, record.data));
    }
    grouped
}
