//! Outreach sessions at reception: a session's helper enters dossiers only
//! while it is on; an officer of a centre of its commune or province enters
//! them afterwards, as a late entry with a reason the history keeps.

use motcua_domain::Reason;
use motcua_domain::organisation::{OutreachEntry, ServicePoint, outreach_entry};

use super::*;

impl App {
    /// For a dossier taken at an outreach session: refuses it outside the
    /// session's hours, or answers the reason of an officer's late entry.
    pub(super) async fn outreach_reception(
        &self,
        principal: &Principal,
        point: &ServicePoint,
        request: &SubmitDossier,
        now: DateTime<Utc>,
    ) -> AppResult<Option<String>> {
        let (Channel::Outreach, Principal::Officer { role, scope, .. }, Some(session)) =
            (request.channel, principal, point.session_time(now))
        else {
            return Ok(None);
        };
        match outreach_entry(*role, session, request.late_entry_reason.as_deref())? {
            OutreachEntry::InSession => Ok(None),
            OutreachEntry::LateEntry { reason } => {
                let own = self.store().service_point(scope.code()).await?;
                let centre_of_the_area = own.is_some_and(|own| {
                    !own.kind.is_agent()
                        && own.province_code == point.province_code
                        && (own.unit_code == point.unit_code || own.unit_code == point.province_code)
                });
                if !centre_of_the_area && scope.code() != point.unit_code && scope.code() != point.province_code {
                    return Err(DomainError::invalid("service_point", Reason::NotYourServicePoint).into());
                }
                Ok(Some(reason))
            }
        }
    }
}
