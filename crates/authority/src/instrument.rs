//! Instruments: the dated documents that move powers.
//!
//! Every instrument has an issuer, a document number (文号), a title, a
//! publication date, and the dates it is in force (`effective_from`, and
//! `effective_until` exclusive, open when absent). Its kind says what it
//! does:
//!
//! * `guidance_list` (指导清单): items a province allows counties to devolve
//!   to townships (行政处罚法 Art. 24; Hebei's list has 87 penalty items).
//! * `devolution` (下放/赋权): items from county bodies to townships. The
//!   township government becomes the holder (the legal subject); the
//!   township's comprehensive enforcement team exercises enforcement items,
//!   its service centre the others.
//! * `revocation` (收回): ends devolutions or entrustments of the items to
//!   the townships named.
//! * `concentration` (划转): items moved from county departments to the
//!   county comprehensive enforcement bureau.
//! * `entrustment` (委托): a township exercises the items in the name of the
//!   entrusting body, which stays the holder.
//! * `evaluation` (评估): the periodic evaluation Art. 24 requires, of the
//!   instruments it names.
//!
//! Townships are named one by one (`townships`), or as all townships of a
//! county (`county`), optionally only those with a tag (`tag`, e.g. Suning
//! County giving more items to its economically developed towns).

use chrono::NaiveDate;
use jiceng_org::DivisionCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an instrument does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// 指导清单: items that may be devolved in a province.
    GuidanceList,
    /// 下放/赋权: items to townships.
    Devolution,
    /// 收回: devolutions ended.
    Revocation,
    /// 划转: items from departments to the enforcement bureau.
    Concentration,
    /// 委托: items exercised by townships in the entrusting body's name.
    Entrustment,
    /// 评估: a periodic evaluation of other instruments.
    Evaluation,
}

impl InstrumentKind {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            InstrumentKind::GuidanceList => "指导清单",
            InstrumentKind::Devolution => "下放",
            InstrumentKind::Revocation => "收回",
            InstrumentKind::Concentration => "划转",
            InstrumentKind::Entrustment => "委托",
            InstrumentKind::Evaluation => "评估",
        }
    }

    /// Whether the law requires the decision to be published with a
    /// document number (Art. 24: the province publishes its decision).
    pub fn needs_document(self) -> bool {
        !matches!(self, InstrumentKind::Evaluation)
    }
}

/// One instrument, as written in a ledger file.
///
/// The fields a kind does not use are left out; the ledger's check reports
/// a kind's missing fields.
///
/// # Example
///
/// ```
/// use jiceng_authority::{Instrument, InstrumentKind};
///
/// let i: Instrument = toml::from_str(r#"
///     id = "qiu-2021-devolve"
///     kind = "devolution"
///     issuer = "130430-gov"
///     document = "邱政字〔2021〕1号"
///     title = "关于向乡镇下放行政执法权的决定"
///     published = "2021-06-01"
///     effective_from = "2021-07-01"
///     from = ["130430-zhzf"]
///     county = "130430000000"
///     items = ["CF-001", "CF-002"]
/// "#)?;
/// assert_eq!(i.kind, InstrumentKind::Devolution);
/// assert!(i.effective_until.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// A unique id in the ledger.
    pub id: String,
    /// What it does.
    pub kind: InstrumentKind,
    /// The issuing body's code.
    pub issuer: String,
    /// The document number (文号); required for every kind but evaluations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The title.
    pub title: String,
    /// The publication date.
    #[serde(deserialize_with = "crate::dates::date")]
    pub published: NaiveDate,
    /// The first day in force.
    #[serde(deserialize_with = "crate::dates::date")]
    pub effective_from: NaiveDate,
    /// The first day no longer in force, if any.
    #[serde(
        default,
        deserialize_with = "crate::dates::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_until: Option<NaiveDate>,
    /// The items it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The giving bodies (devolution, entrustment, concentration).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
    /// The receiving body (concentration: the enforcement bureau).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The townships it names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub townships: Vec<DivisionCode>,
    /// The county whose townships it names as a whole (devolution,
    /// revocation, entrustment), or where it concentrates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<DivisionCode>,
    /// With `county`: only the townships carrying this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The province of a guidance list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<DivisionCode>,
    /// The instruments an evaluation evaluates, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluates: Vec<String>,
}

impl Instrument {
    /// Whether the instrument is in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_until.is_none_or(|u| date < u)
    }
}
