//! Routing: category → power items → the competent body at the event's
//! place and date, and the service-level due times.
//!
//! Each power item of the category is looked up in the authority ledger
//! through enforcement's jurisdiction rules (行政处罚法 Arts. 18, 22–24):
//! where the county devolved the items to the township, the township's
//! comprehensive enforcement team acts and the event stays in the township
//! (大事不出乡). An entrusted item (Art. 20) stays there too: the county
//! body remains competent, but the township acts on it in that body's
//! name. When any item is acted on above the township, the event goes to
//! the county-level body of the first such item and is recorded as
//! escalated, for want of authority at township level: a township that
//! can deal with only part of an event cannot close it.

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
use crate::taxonomy::{Taxonomy, due_is_provisional};

/// Where an event goes and when it falls due.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Route {
    /// The category code.
    pub category: String,
    /// The power item whose holder handles the event: the primary item
    /// when the township holds every item, otherwise the first item it
    /// does not hold.
    pub item: String,
    /// The body that handles the event (the acting body where one acts for
    /// the competent one).
    pub body: Body,
    /// The body in whose name it is handled.
    pub competent: Body,
    /// Why that body is competent.
    pub basis: Basis,
    /// True when the event goes above the township: some item of the
    /// category is not acted on at township level.
    pub escalated: bool,
    /// The escalation's reason, when escalated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationReason>,
    /// Accept or reject by then.
    pub response_due: DateTime<FixedOffset>,
    /// Resolve by then.
    pub resolution_due: DateTime<FixedOffset>,
    /// True when a due time needed a day outside the calendar's coverage
    /// and was answered provisionally ([`crate::due_is_provisional`]).
    pub provisional: bool,
    /// Every item of the category and its holder there and then, in the
    /// taxonomy's order.
    pub items: Vec<ItemHolder>,
    /// Why, step by step, citing the articles.
    pub explanation: Vec<String>,
}

/// One power item of a category and who holds it at the event's place and
/// date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ItemHolder {
    /// The item's code.
    pub item: String,
    /// The body that acts on it.
    pub body: Body,
    /// The body in whose name it acts.
    pub competent: Body,
    /// Why that body is competent.
    pub basis: Basis,
    /// True when the acting body is at township level or below.
    pub township: bool,
}

/// The route of an event of `category` reported at `division` at `at`.
///
/// Every power item of the category is looked up. When the township holds
/// all of them, the event stays there, with the primary item's acting
/// body; when any is held above the township, the event is escalated to
/// the holder of the first such item, in the category's order. Each
/// item's holder is listed in [`Route::items`] and in the explanation.
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
    if cat.items.is_empty() {
        return Err(Error::Invalid {
            what: "taxonomy",
            reason: format!("category {} names no power item", cat.code),
        });
    }
    let date = at.with_timezone(&hours.offset()).date_naive();
    let mut explanation = vec![format!(
        "category {} ({} / {}) is dealt with under {} {}",
        cat.code,
        cat.major,
        cat.minor,
        if cat.items.len() == 1 {
            "item"
        } else {
            "items"
        },
        cat.items.join(", ")
    )];
    let mut holders = Vec::with_capacity(cat.items.len());
    let mut grounds = Vec::with_capacity(cat.items.len());
    for item in &cat.items {
        let c = competent(ledger, item, division, date)?;
        let acting = c.acting.clone().unwrap_or_else(|| c.body.clone());
        let level = ledger
            .registry()
            .body(&acting.code)
            .map(|b| b.division.level())
            .ok_or_else(|| jiceng_authority::Error::UnknownBody(acting.code.clone()))?;
        let township = level >= Level::Township;
        explanation.push(format!(
            "item {} ({}): held by {}, acted on by {}, {}",
            c.item,
            c.item_name,
            c.body.name,
            acting.name,
            if township {
                "at township level"
            } else {
                "above the township"
            }
        ));
        holders.push(ItemHolder {
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
            township,
        });
        grounds.push(c.explanation);
    }
    // The township keeps the event only when it holds every item; else the
    // first item it does not hold decides where the event goes.
    let chosen = holders.iter().position(|h| !h.township);
    let escalated = chosen.is_some();
    let i = chosen.unwrap_or(0);
    let h = &holders[i];
    explanation.extend(
        grounds[i]
            .iter()
            .map(|g| format!("{}: {} ({})", h.item, g.rule, g.article)),
    );
    explanation.push(if escalated {
        format!(
            "the township does not hold item {}: escalated to {} (no authority at township level)",
            h.item, h.body.name
        )
    } else {
        format!(
            "the township holds every item: handled there by {} (大事不出乡)",
            h.body.name
        )
    });
    let (response_due, resolution_due) = cat.service.due_times(cal, hours, at)?;
    let provisional = due_is_provisional(cal, hours, at, response_due, resolution_due);
    if provisional {
        explanation.push(
            "the due times are provisional: they needed days outside the calendar's coverage, \
             taken from the statutory holidays and the weekly rule"
                .to_owned(),
        );
    }
    Ok(Route {
        category: cat.code.clone(),
        item: h.item.clone(),
        body: h.body.clone(),
        competent: h.competent.clone(),
        basis: h.basis,
        escalated,
        escalation: escalated.then_some(EscalationReason::NoAuthority),
        response_due,
        resolution_due,
        provisional,
        explanation,
        items: holders,
    })
}

/// The fast path of [`route`] for streams of events: categories resolved to
/// ledger handles once, then per event one ledger lookup per item (holder
/// and acting body, [`Ledger::holding_id`]) and two due times from one
/// located start, no strings and no allocation. It gives the same body,
/// escalation and due times as [`route`].
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
    /// Per category, in the taxonomy's order: the range of its items'
    /// handles in `items` and the service level.
    categories: Vec<(std::ops::Range<usize>, crate::taxonomy::ServiceLevel)>,
    /// The items' handles, category after category.
    items: Vec<jiceng_authority::ItemId>,
}

/// A route on the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FastRoute {
    /// The acting body (the exerciser where one acts for the holder, as
    /// [`Route::body`]).
    pub body: jiceng_org::BodyId,
    /// True when the acting body is above the township.
    pub escalated: bool,
    /// Accept or reject by then.
    pub response_due: DateTime<FixedOffset>,
    /// Resolve by then.
    pub resolution_due: DateTime<FixedOffset>,
    /// True when a due time is provisional, as [`Route::provisional`].
    pub provisional: bool,
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
        let mut items = Vec::new();
        for c in &taxonomy.categories {
            if c.items.is_empty() {
                return Err(Error::Invalid {
                    what: "taxonomy",
                    reason: format!("category {} names no power item", c.code),
                });
            }
            let first = items.len();
            for item in &c.items {
                let id = ledger
                    .item_id(item)
                    .ok_or_else(|| jiceng_authority::Error::UnknownItem(item.clone()))?;
                items.push(id);
            }
            categories.push((first..items.len(), c.service));
        }
        Ok(Router {
            ledger,
            cal,
            hours,
            categories,
            items,
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
        let Some((range, service)) = self.categories.get(category) else {
            return Ok(None);
        };
        let Some(items) = self.items.get(range.clone()) else {
            return Ok(None);
        };
        let date = at.with_timezone(&self.hours.offset()).date_naive();
        let reg = self.ledger.registry();
        // As `route`: each item's acting body (the exerciser where one acts
        // for the holder, else the holder) and its level; the primary
        // item's when every acting body is at township level or below,
        // else the first one above the township.
        let mut chosen = None;
        for &item in items {
            let Some((holder, by)) = self.ledger.holding_id(item, division, date) else {
                return Ok(None);
            };
            let acting = by.unwrap_or(holder);
            let above = reg.body_at(acting).division.level() < Level::Township;
            if chosen.is_none() || (above && !chosen.is_some_and(|(_, a)| a)) {
                chosen = Some((acting, above));
            }
        }
        let Some((acting, escalated)) = chosen else {
            return Ok(None);
        };
        let (response_due, resolution_due) = service.due_times(self.cal, self.hours, at)?;
        Ok(Some(FastRoute {
            body: acting,
            escalated,
            response_due,
            resolution_due,
            provisional: due_is_provisional(self.cal, self.hours, at, response_due, resolution_due),
        }))
    }
}
