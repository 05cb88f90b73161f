//! A mapping to Open311 GeoReport v2 service requests.
//!
//! GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>) knows a request as
//! `open` or `closed` with free-text notes; it has no service-level clock
//! and no escalation. The mapping keeps the grid's state in `status_notes`
//! and the resolution due time in `expected_datetime`, so that 311 tooling
//! can read the events without losing what it cannot model.

use serde::Serialize;

use crate::event::{State, Ticket};
use crate::grid::Grid;
use crate::taxonomy::Taxonomy;

/// One GeoReport v2 service request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRequest {
    /// The event's id.
    pub service_request_id: String,
    /// `open` or `closed` (rejected events are closed).
    pub status: &'static str,
    /// The grid state, and the rejection's reason or the postponement where
    /// there is one (`rejected: REASON`).
    pub status_notes: String,
    /// The category's major and minor class.
    pub service_name: String,
    /// The category's code.
    pub service_code: String,
    /// What was reported, where the record keeps it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The body it is dispatched to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_responsible: Option<String>,
    /// When it was reported (RFC 3339).
    pub requested_datetime: String,
    /// When it last changed.
    pub updated_datetime: String,
    /// When resolution is due.
    pub expected_datetime: String,
    /// The cell, as the address id.
    pub address_id: String,
    /// The cell's division code, as the zip-code-like locality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
}

/// The GeoReport v2 request of an event.
///
/// # Example
///
/// ```
/// use jiceng_calendar::{Calendar, WorkingHours};
/// use jiceng_grid::{Engine, Entry, GUCHENGYING_DAY, Grid, Taxonomy, open311};
///
/// let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
/// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
/// let mut engine = Engine::new(&grid, &tax, &cal, &hours);
/// for line in GUCHENGYING_DAY.lines() {
///     engine.apply(&serde_json::from_str::<Entry>(line)?)?;
/// }
/// let first = engine.tickets().next().unwrap();
/// let r = open311(first, &grid, &tax);
/// assert_eq!((r.status, r.service_name.as_str()), ("closed", "市容环境/垃圾桶"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open311(t: &Ticket, grid: &Grid, taxonomy: &Taxonomy) -> ServiceRequest {
    let service_name = taxonomy
        .category(&t.category)
        .map(|c| format!("{}/{}", c.major, c.minor))
        .unwrap_or_else(|_| t.category.to_string());
    let mut notes = t.state.name().to_owned();
    if let Some(reason) = &t.rejection {
        notes.push_str(": ");
        notes.push_str(reason);
    }
    if let Some((until, by)) = &t.postponed {
        notes.push_str(&format!("; postponed until {until}, approved by {by}"));
    }
    if !t.escalations.is_empty() {
        notes.push_str(&format!("; escalated {} time(s)", t.escalations.len()));
    }
    ServiceRequest {
        service_request_id: t.id.to_string(),
        status: if matches!(t.state, State::Closed | State::Rejected) {
            "closed"
        } else {
            "open"
        },
        status_notes: notes,
        service_name,
        service_code: t.category.to_string(),
        description: t.description.as_deref().map(str::to_owned),
        agency_responsible: t.body.as_deref().map(str::to_owned),
        requested_datetime: t.reported_at.to_rfc3339(),
        updated_datetime: t.last.to_rfc3339(),
        expected_datetime: t.resolution_due.to_rfc3339(),
        address_id: t.cell.to_string(),
        zipcode: grid.cell(&t.cell).map(|c| c.division.to_string()),
    }
}
