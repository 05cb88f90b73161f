//! Routing an application to the nearest service point that may take it.
//!
//! "大事不出乡，小事不出村": an item the village station may take by proxy
//! (代办) is taken in the village; an item the township holds is handled at
//! the township's service centre; anything else goes to the county. Who
//! holds the item on the day comes from the authority ledger.

use chrono::NaiveDate;
use jiceng_authority::{BodyRef, Ledger};
use jiceng_org::{BodyKind, DivisionCode, Level};
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::{Channel, ServiceItem};
use crate::error::Error;

/// Where an application goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Route {
    /// The service point that takes the application.
    pub point: BodyRef,
    /// The level of that point.
    pub level: Level,
    /// True when the point takes it by proxy for the holder (代办).
    pub proxy: bool,
    /// The body that holds the power and decides.
    pub holder: BodyRef,
    /// Why, step by step.
    pub explanation: Vec<String>,
}

fn body_ref(ledger: &Ledger, id: jiceng_org::BodyId) -> BodyRef {
    let b = ledger.registry().body_at(id);
    BodyRef {
        code: b.code.clone(),
        name: b.name.clone(),
        kind: b.kind,
    }
}

/// The nearest service point for `item` for a resident of `village` on
/// `date`: village station → township centre → county.
///
/// # Errors
///
/// [`Error::Authority`] when the item has no power item, or the ledger does
/// not know it, the division or a holder.
///
/// # Example
///
/// ```
/// use jiceng_approvals::{route, Channel, ServiceItem};
/// use jiceng_authority::Ledger;
///
/// let ledger = Ledger::hebei_sample();
/// let item: ServiceItem = serde_json::from_str(r#"{"code": "X", "name": "乡村建设规划许可证核发",
///     "power_item": "HB-XK-001", "channels": ["counter", "village_proxy"]}"#)?;
/// let r = route(&ledger, &item, "130926103200".parse()?, "2024-06-01".parse()?)?;
/// assert!(r.proxy);
/// assert_eq!(r.level, jiceng_org::Level::Village);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn route(
    ledger: &Ledger,
    item: &ServiceItem,
    village: DivisionCode,
    date: NaiveDate,
) -> Result<Route, Error> {
    let power = item.power_item.as_deref().ok_or_else(|| {
        jiceng_authority::Error::UnknownItem(format!("{} (no power item)", item.code))
    })?;
    let h = ledger.holder(power, &village.to_string(), date)?;
    let reg = ledger.registry();
    let mut why = vec![format!(
        "on {date} item {power} is held by {} for {village}",
        h.holder.name
    )];
    let holder_div = reg
        .body(&h.holder.code)
        .map(|b| b.division)
        .ok_or_else(|| jiceng_authority::Error::UnknownBody(h.holder.code.clone()))?;
    let township = village.at(Level::Township);
    // Held by the township, or entrusted to it (委托: the county body holds
    // and the township exercises): either way the township handles it.
    let exercised_in_township = h
        .exercised_by
        .as_ref()
        .and_then(|b| reg.body(&b.code))
        .is_some_and(|b| township.is_some() && b.division.at(Level::Township) == township);
    let held_in_township =
        township.is_some() && holder_div.at(Level::Township) == township || exercised_in_township;
    // A village station takes proxy items for the township or the county.
    if item.channels.contains(&Channel::VillageProxy) && village.level() == Level::Village {
        if let Some(station) = reg.body_of_kind(village, BodyKind::ServiceStation) {
            why.push(
                "the item may be taken by proxy and the village has a service station: 小事不出村"
                    .to_owned(),
            );
            return Ok(Route {
                point: body_ref(ledger, station),
                level: Level::Village,
                proxy: true,
                holder: h.holder,
                explanation: why,
            });
        }
        why.push(
            "the item may be taken by proxy, but the village has no service station".to_owned(),
        );
    }
    if held_in_township {
        let town = township.unwrap_or(village);
        let point = match &h.exercised_by {
            Some(b) if b.kind == BodyKind::ServiceCentre => b.clone(),
            _ => reg
                .body_of_kind(town, BodyKind::ServiceCentre)
                .map(|b| body_ref(ledger, b))
                .unwrap_or_else(|| h.holder.clone()),
        };
        why.push(format!(
            "the township holds the item: handled at {} (大事不出乡)",
            point.name
        ));
        return Ok(Route {
            point,
            level: Level::Township,
            proxy: false,
            holder: h.holder,
            explanation: why,
        });
    }
    let county = village.at(Level::County).unwrap_or(holder_div);
    let point = reg
        .body_of_kind(county, BodyKind::ServiceCentre)
        .map(|b| body_ref(ledger, b))
        .unwrap_or_else(|| h.holder.clone());
    why.push(format!(
        "the item is held above the township: handled at {}",
        point.name
    ));
    Ok(Route {
        point,
        level: Level::County,
        proxy: false,
        holder: h.holder,
        explanation: why,
    })
}
