//! Routing: category → power items → the competent body at the event's
//! place and date, and the service-level due times.
//!
//! The category's primary power item is looked up in the authority ledger
//! through enforcement's jurisdiction rules (行政处罚法 Arts. 18, 22–24):
//! where the county devolved the item to the township, the township's
//! comprehensive enforcement team acts and the event stays in the township
//! (大事不出乡); otherwise the county-level body is competent and the event
//! is recorded as escalated, for want of authority at township level.

use chrono::{DateTime, FixedOffset};
use jiceng_authority::Ledger;
use jiceng_calendar::{Calendar, WorkingHours};
use jiceng_enforcement::jurisdiction::{Basis, competent};
use jiceng_org::Level;
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;
use crate::event::EscalationReason;
use crate::grid::Body;
use crate::taxonomy::Taxonomy;

/// Where an event goes and when it falls due.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Route {
    /// The category code.
    pub category: String,
    /// The power item routed on.
    pub item: String,
    /// The body that handles the event (the acting body where one acts for
    /// the competent one).
    pub body: Body,
    /// The body in whose name it is handled.
    pub competent: Body,
    /// Why that body is competent.
    pub basis: Basis,
    /// True when the event goes above the township.
    pub escalated: bool,
    /// The escalation's reason, when escalated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationReason>,
    /// Accept or reject by then.
    pub response_due: DateTime<FixedOffset>,
    /// Resolve by then.
    pub resolution_due: DateTime<FixedOffset>,
    /// Why, step by step, citing the articles.
    pub explanation: Vec<String>,
}

/// The route of an event of `category` reported at `division` at `at`.
///
/// # Errors
///
/// [`Error::UnknownCategory`], the ledger's errors (unknown item or
/// division, no holder) and calendar errors.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use jiceng_authority::Ledger;
/// use jiceng_calendar::{Calendar, WorkingHours};
/// use jiceng_grid::{Taxonomy, route};
///
/// let (ledger, tax) = (Ledger::hebei_sample(), Taxonomy::sample());
/// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
/// let at = DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00")?;
/// let r = route(&ledger, &tax, &cal, &hours, "0101", "130430104200", at)?;
/// assert_eq!(r.body.name, "古城营镇综合行政执法队");
/// assert!(!r.escalated);
/// assert_eq!(r.resolution_due.to_rfc3339(), "2025-06-10T11:35:00+08:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn route(
    ledger: &Ledger,
    taxonomy: &Taxonomy,
    cal: &Calendar,
    hours: &WorkingHours,
    category: &str,
    division: &str,
    at: DateTime<FixedOffset>,
) -> Result<Route, Error> {
    let cat = taxonomy.category(category)?;
    let item = cat.items.first().ok_or_else(|| Error::Invalid {
        what: "taxonomy",
        reason: format!("category {} names no power item", cat.code),
    })?;
    let date = at.with_timezone(&hours.offset()).date_naive();
    let c = competent(ledger, item, division, date)?;
    let acting = c.acting.clone().unwrap_or_else(|| c.body.clone());
    let level = ledger
        .registry()
        .body(&acting.code)
        .map(|b| b.division.level())
        .ok_or_else(|| jiceng_authority::Error::UnknownBody(acting.code.clone()))?;
    let escalated = level < Level::Township;
    let mut explanation = vec![format!(
        "category {} ({} / {}) is dealt with under item {} ({})",
        cat.code, cat.major, cat.minor, c.item, c.item_name
    )];
    explanation.extend(
        c.explanation
            .iter()
            .map(|g| format!("{} ({})", g.rule, g.article)),
    );
    explanation.push(if escalated {
        format!(
            "the township holds no power over it: escalated to {} (no authority at township level)",
            acting.name
        )
    } else {
        format!("handled in the township by {} (大事不出乡)", acting.name)
    });
    let response_due = cat.service.response.due(cal, hours, at)?;
    let resolution_due = cat.service.resolution.due(cal, hours, at)?;
    Ok(Route {
        category: cat.code.clone(),
        item: c.item.clone(),
        body: Body {
            code: acting.code,
            name: acting.name,
        },
        competent: Body {
            code: c.body.code,
            name: c.body.name,
        },
        basis: c.basis,
        escalated,
        escalation: escalated.then_some(EscalationReason::NoAuthority),
        response_due,
        resolution_due,
        explanation,
    })
}

/// The fast path of [`route`] for streams of events: categories resolved to
/// ledger handles once, then per event one ledger lookup and two due-time
/// computations, no strings and no allocation.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use jiceng_authority::Ledger;
/// use jiceng_calendar::{Calendar, WorkingHours};
/// use jiceng_grid::{Router, Taxonomy};
///
/// let (ledger, tax) = (Ledger::hebei_sample(), Taxonomy::sample());
/// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
/// let router = Router::new(&ledger, &tax, &cal, &hours)?;
/// let village = ledger.registry().division_id("130430104200".parse()?).unwrap();
/// let at = DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00")?;
/// let r = router.route(0, village, at)?.unwrap();
/// assert_eq!(ledger.registry().body_at(r.body).name, "古城营镇综合行政执法队");
/// assert!(!r.escalated);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Router<'a> {
    ledger: &'a Ledger,
    cal: &'a Calendar,
    hours: &'a WorkingHours,
    /// Per category, in the taxonomy's order: the primary item's handle
    /// and the service level.
    categories: Vec<(jiceng_authority::ItemId, crate::taxonomy::ServiceLevel)>,
}

/// A route on the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FastRoute {
    /// The acting body.
    pub body: jiceng_org::BodyId,
    /// True when the body is above the township.
    pub escalated: bool,
    /// Accept or reject by then.
    pub response_due: DateTime<FixedOffset>,
    /// Resolve by then.
    pub resolution_due: DateTime<FixedOffset>,
}

impl<'a> Router<'a> {
    /// Resolves the taxonomy's items against the ledger.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a category without items,
    /// [`Error::Authority`] for an item the ledger does not know.
    pub fn new(
        ledger: &'a Ledger,
        taxonomy: &Taxonomy,
        cal: &'a Calendar,
        hours: &'a WorkingHours,
    ) -> Result<Router<'a>, Error> {
        let mut categories = Vec::with_capacity(taxonomy.categories.len());
        for c in &taxonomy.categories {
            let item = c.items.first().ok_or_else(|| Error::Invalid {
                what: "taxonomy",
                reason: format!("category {} names no power item", c.code),
            })?;
            let id = ledger
                .item_id(item)
                .ok_or_else(|| jiceng_authority::Error::UnknownItem(item.clone()))?;
            categories.push((id, c.service));
        }
        Ok(Router {
            ledger,
            cal,
            hours,
            categories,
        })
    }

    /// The route of an event of the `category`-th category (taxonomy
    /// order) at `division` at `at`; `None` for an unknown category index
    /// or when the ledger names no holder.
    ///
    /// # Errors
    ///
    /// Calendar errors for due times outside coverage.
    #[inline]
    pub fn route(
        &self,
        category: usize,
        division: jiceng_org::DivisionId,
        at: DateTime<FixedOffset>,
    ) -> Result<Option<FastRoute>, Error> {
        let Some(&(item, service)) = self.categories.get(category) else {
            return Ok(None);
        };
        let date = at.with_timezone(&self.hours.offset()).date_naive();
        let resolver = jiceng_enforcement::jurisdiction::Resolver::new(self.ledger);
        let Some(body) = resolver.body(item, division, date) else {
            return Ok(None);
        };
        let reg = self.ledger.registry();
        // The acting body: a township government acts through its
        // comprehensive enforcement team where it has one.
        let holder = reg.body_at(body);
        let acting = if holder.kind == jiceng_org::BodyKind::Government {
            reg.body_of_kind(holder.division, jiceng_org::BodyKind::EnforcementTeam)
                .unwrap_or(body)
        } else {
            body
        };
        let escalated = holder.division.level() < Level::Township;
        Ok(Some(FastRoute {
            body: acting,
            escalated,
            response_due: service.response.due(self.cal, self.hours, at)?,
            resolution_due: service.resolution.due(self.cal, self.hours, at)?,
        }))
    }
}
