//! Reading one line of an event log fast.
//!
//! [`Entry`]'s derived reader goes through serde's buffering of a
//! flattened, internally tagged enum, which copies every field before it
//! looks at the action's name. A log of ten million events has some seventy
//! million lines, so [`Entry::from_json_line`] reads the fields straight
//! into borrowed strings and builds the entry from them. It accepts exactly
//! what the derived reader accepts: wherever it cannot decide, it hands the
//! line to the derived reader, whose answer (and error message) stands.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use uuid::Uuid;

use crate::event::{Action, Channel, Entry, EscalationReason};

/// Every field any action may carry, borrowed where the text allows.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(borrow)]
    actor: Cow<'a, str>,
    #[serde(borrow)]
    action: Cow<'a, str>,
    #[serde(borrow, default)]
    cell: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    category: Option<Cow<'a, str>>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(borrow, default)]
    description: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reason: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    body: Option<Cow<'a, str>>,
    #[serde(default)]
    score: Option<u8>,
    #[serde(borrow, default)]
    until: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    approved_by: Option<Cow<'a, str>>,
}

impl Raw<'_> {
    /// The entry, or `None` where the derived reader must decide.
    fn entry(self) -> Option<Entry> {
        let own = |s: Option<Cow<'_, str>>| s.map(Cow::into_owned);
        let action = match &*self.action {
            "report" => Action::Report {
                cell: own(self.cell)?,
                category: own(self.category)?,
                channel: self.channel?,
                description: own(self.description)?,
            },
            "accept" => Action::Accept,
            "reject" => Action::Reject {
                reason: own(self.reason)?,
            },
            "dispatch" => Action::Dispatch {
                body: own(self.body)?,
            },
            "start" => Action::Start,
            "resolve" => Action::Resolve,
            "verify" => Action::Verify,
            "rework" => Action::Rework {
                reason: own(self.reason)?,
            },
            "close" => Action::Close,
            "rate" => Action::Rate { score: self.score? },
            "escalate" => {
                let reason = self.reason?;
                let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
                    reason.as_ref().into_deserializer();
                Action::Escalate {
                    reason: EscalationReason::deserialize(de).ok()?,
                }
            }
            "postpone" => Action::Postpone {
                until: self.until?.parse::<NaiveDate>().ok()?,
                approved_by: own(self.approved_by)?,
            },
            _ => return None,
        };
        Some(Entry {
            event: Uuid::parse_str(&self.event).ok()?,
            at: self.at.parse::<DateTime<FixedOffset>>().ok()?,
            actor: self.actor.into_owned(),
            action,
        })
    }
}

impl Entry {
    /// Reads one JSON line of an event log: the same answer as
    /// `serde_json::from_str::<Entry>`, faster.
    ///
    /// # Errors
    ///
    /// The derived reader's error for a line it refuses.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::{Action, Entry};
    ///
    /// let line = r#"{"event": "01975779-f5a0-7000-8000-000000000001",
    ///     "at": "2025-06-10T09:40:00+08:00", "actor": "C01", "action": "accept"}"#;
    /// let e = Entry::from_json_line(line)?;
    /// assert_eq!(e, serde_json::from_str::<Entry>(line)?);
    /// assert_eq!(e.action, Action::Accept);
    /// assert!(Entry::from_json_line(r#"{"action": "accept"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_line(line: &str) -> Result<Entry, serde_json::Error> {
        match serde_json::from_str::<Raw<'_>>(line)
            .ok()
            .and_then(Raw::entry)
        {
            Some(e) => Ok(e),
            None => serde_json::from_str(line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Raw;

    /// The fast path itself reads every action of the bundled day (all
    /// twelve kinds appear in it), rather than leaving the line to the
    /// derived reader: the answers would agree either way, so only this
    /// test sees a fast path that gave up.
    #[test]
    fn the_fast_path_reads_every_action_of_the_day() {
        let mut seen = std::collections::BTreeSet::new();
        for line in crate::GUCHENGYING_DAY.lines() {
            let raw: Raw<'_> = serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            let entry = raw.entry();
            assert_eq!(
                entry.as_ref(),
                serde_json::from_str::<crate::Entry>(line).ok().as_ref(),
                "{line}"
            );
            if let Some(e) = entry {
                seen.insert(e.action.name());
            }
        }
        assert_eq!(seen.len(), 12, "{seen:?}");
    }
}
