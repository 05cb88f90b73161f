//! Grid management (网格化管理): events from report to closure.
//!
//! A township is divided into cells, each watched by grid workers and lane
//! leaders. What they find, and what citizens report through the app or
//! the 12345 hotline, becomes an event: accepted, dispatched to the body
//! that holds the power, handled, verified and closed within a service
//! level counted in working minutes or working days. The national standard
//! for digital urban management (GB/T 30428) names these stages.
//!
//! * [`Grid`], [`Cell`], [`Worker`] and [`Coverage`]: the grid and its
//!   coverage figures; [`Grid::guchengying`] is Guchengying town's.
//! * [`Taxonomy`], [`Category`], [`ServiceLevel`] and [`Target`]: event
//!   categories, their power items and service levels.
//! * [`Entry`], [`Action`] and [`Engine`]: the append-only event log and
//!   the state machine with its authorisation rules.
//! * [`Metrics`] and [`Breakdown`]: GB/T 30428's rates and working-minute
//!   quantiles, in bounded memory, mergeable.
//! * [`open311`]: the events as Open311 GeoReport v2 service requests.
//! * [`Grid::from_str_auto`], [`Taxonomy::from_str_auto`]: a township's
//!   own grid and categories from TOML or JSON files, with their schemas.
//! * [`route`]: the competent body through the authority ledger and
//!   enforcement's jurisdiction, with escalation and due times.
//!
//! The crate does no I/O and reads no clock, and mints no ids: event ids
//! (version 7 uuids) and times come with the log.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod error;
mod event;
mod file;
mod grid;
mod line;
mod metrics;
mod open311;
mod routing;
pub mod synth;
mod taxonomy;

pub use error::Error;
pub use event::{
    Action, Channel, Engine, Entry, EscalationReason, MAX_EVENTS, REMEMBERED, State, Ticket,
};
pub use file::{MAX_CATEGORIES, MAX_ITEMS_PER_CATEGORY, grid_schema, taxonomy_schema};
pub use grid::{Body, Cell, Coverage, Grid, MAX_MEMBERS, Role, Staff, Tenure, Worker};
pub use metrics::{
    Breakdown, By, DENSE_FROM, HISTOGRAM_MINUTES, Histogram, Metrics, Rate, Summary,
};
pub use open311::{ServiceRequest, open311};
pub use routing::{FastRoute, ItemHolder, Route, Router, route};
pub use taxonomy::{Category, ServiceLevel, Target, Taxonomy, Urgency, due_is_provisional};

/// The bundled day of events in Guchengying town, as JSON Lines.
pub const GUCHENGYING_DAY: &str = include_str!("../data/guchengying-day.jsonl");

/// The JSON Schema of an event log entry (one line of an events file).
pub fn entry_schema() -> String {
    schemars::schema_for!(Entry).as_value().to_string()
}
