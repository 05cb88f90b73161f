//! Who is competent for a violation, at a place, on a date (行政处罚法 Arts.
//! 18, 20, 22–25).
//!
//! * **Territory (Arts. 22, 23).** A violation is handled where it occurred,
//!   by the county-level department of the item's sector. A village's
//!   matters resolve through its township.
//! * **Concentration (Art. 18).** Where a county concentrated the item in
//!   its comprehensive enforcement bureau, the bureau is competent.
//! * **Devolution (Art. 24).** Where the item was devolved to a township,
//!   the township government is competent and acts through its
//!   comprehensive enforcement team.
//! * **Entrustment (Arts. 18, 20).** Where the item was entrusted, the
//!   entrusting body stays competent; the entrustee acts in its name.
//! * **Several competent bodies (Art. 25).** The first to file the case
//!   takes it. A dispute (the same filing day) goes to the common superior,
//!   named by [`first_to_file`].
//!
//! The ledger answers; this module names the rule and the article of each
//! answer. [`Resolver`] is the fast path (handles only, no explanation).

use chrono::NaiveDate;
use jiceng_authority::{BodyRef, InstrumentKind, InstrumentRef, ItemId, Ledger, PowerCategory};
use jiceng_org::{BodyId, BodyKind, DivisionCode, DivisionId, Registry};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;

/// The most items one violation may name: a bound on the cost of one
/// question from a hostile file.
pub const MAX_ITEMS: usize = 1_000;

/// Why a body is competent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The territorial department (Arts. 22, 23).
    Territorial,
    /// The comprehensive enforcement bureau (Art. 18).
    Concentrated,
    /// The township government, by devolution (Art. 24).
    Devolved,
    /// The entrusting body; the entrustee acts in its name (Art. 20).
    Entrusted,
}

impl Basis {
    /// The article.
    pub fn article(self) -> &'static str {
        match self {
            Basis::Territorial => "行政处罚法第二十二条、第二十三条",
            Basis::Concentrated => "行政处罚法第十八条第二款",
            Basis::Devolved => "行政处罚法第二十四条",
            Basis::Entrusted => "行政处罚法第十八条、第二十条",
        }
    }
}

/// One ground of an answer: the rule, its article, and the instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Ground {
    /// The rule, in a sentence.
    pub rule: String,
    /// The rule in Chinese, for `--lang zh` output (the JSON carries the
    /// English `rule` only).
    #[serde(skip)]
    pub zh: String,
    /// The article it applies.
    pub article: String,
    /// The instrument, for grounds that are not the statute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<InstrumentRef>,
}

/// The competent body for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Competence {
    /// The item's code.
    pub item: String,
    /// The item's name.
    pub item_name: String,
    /// The competent body, in whose name the penalty is decided.
    pub body: BodyRef,
    /// The body that acts for it (a township's team; an entrustee).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<BodyRef>,
    /// Why.
    pub basis: Basis,
    /// The grounds: the statute, then each instrument, in order.
    pub explanation: Vec<Ground>,
}

/// A competent body of a violation, with the items it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Competent {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The body acting for it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<BodyRef>,
    /// The items it takes.
    pub items: Vec<String>,
}

/// The competent bodies of a (possibly multi-item) violation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Jurisdiction {
    /// Where it occurred.
    pub division: DivisionCode,
    /// When.
    pub date: NaiveDate,
    /// The distinct competent bodies, in the order of the items.
    pub bodies: Vec<Competent>,
    /// How many.
    pub count: usize,
    /// Each item's answer with its grounds.
    pub explanation: Vec<Competence>,
}

/// The ledger's sentence after which it names the acting body of a step
/// (`Step::rule` of the authority crate: "…; exercised by NAME").
const EXERCISED_BY: &str = "; exercised by ";

/// One step of the ledger's chain as a ground, in English and Chinese.
///
/// The authority crate words its steps in English only; the Chinese is
/// rendered here from the step's structure (the instrument's kind, the
/// item's category, level and sector), as the `authority` command renders
/// its own steps, and the acting body is taken from the ledger's sentence.
fn ground_of(step: &jiceng_authority::Step, item: &jiceng_authority::PowerItem) -> Ground {
    let kind = step.instrument.as_ref().map(|i| i.kind);
    let article = match kind {
        None => Basis::Territorial.article(),
        Some(InstrumentKind::Concentration) => Basis::Concentrated.article(),
        Some(InstrumentKind::Devolution) => Basis::Devolved.article(),
        Some(InstrumentKind::Entrustment) => Basis::Entrusted.article(),
        Some(_) => "",
    };
    let mut rule = step.rule.clone();
    let mut zh = match kind {
        None => format!(
            "依法律规定，{}事项由{}{}部门行使",
            item.category.zh(),
            item.level.zh(),
            item.sector
        ),
        Some(InstrumentKind::Concentration) => "划转至综合行政执法局".to_owned(),
        Some(InstrumentKind::Devolution) => "下放至乡镇（街道）".to_owned(),
        Some(InstrumentKind::Entrustment) => "委托乡镇（街道）以委托机关名义实施".to_owned(),
        Some(k) => format!("依{}变更", k.zh()),
    };
    if let Some((_, by)) = step.rule.split_once(EXERCISED_BY) {
        zh.push_str(&format!("；由{by}实施"));
    }
    if step.instrument.is_none() {
        rule.push_str("; a violation is handled where it occurred, by the county-level department");
        zh.push_str("；违法行为由违法行为发生地的县级以上地方人民政府具有行政处罚权的行政机关管辖");
    }
    Ground {
        rule,
        zh,
        article: article.to_owned(),
        instrument: step.instrument.clone(),
    }
}

/// The competent body for `item` at `division` on `date`, with its grounds.
///
/// # Errors
///
/// The ledger's errors ([`jiceng_authority::Error::UnknownItem`],
/// `UnknownDivision`, `AboveCounty`, `NoHolder`), as [`Error::Authority`].
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
/// use jiceng_enforcement::jurisdiction::{Basis, competent};
///
/// let ledger = Ledger::hebei_sample();
/// // 西杜林疃村, a village of 古城营镇, after Qiu County devolved the item.
/// let c = competent(&ledger, "HB-CF-001", "130430104200", "2024-06-01".parse()?)?;
/// assert_eq!(c.body.name, "古城营镇人民政府");
/// assert_eq!(c.acting.unwrap().name, "古城营镇综合行政执法队");
/// assert_eq!(c.basis, Basis::Devolved);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn competent(
    ledger: &Ledger,
    item: &str,
    division: &str,
    date: NaiveDate,
) -> Result<Competence, Error> {
    let h = ledger.holder(item, division, date)?;
    let basis = match h
        .explanation
        .iter()
        .rev()
        .find_map(|s| s.instrument.as_ref().map(|i| i.kind))
    {
        Some(InstrumentKind::Concentration) => Basis::Concentrated,
        Some(InstrumentKind::Devolution) => Basis::Devolved,
        Some(InstrumentKind::Entrustment) => Basis::Entrusted,
        _ => Basis::Territorial,
    };
    // The item exists: the ledger has just answered for it.
    let it = ledger
        .item_id(item)
        .map(|id| ledger.item(id))
        .ok_or_else(|| jiceng_authority::Error::UnknownItem(item.to_owned()))?;
    let mut explanation: Vec<Ground> = h.explanation.iter().map(|s| ground_of(s, it)).collect();
    if let Some(by) = &h.exercised_by {
        let (rule, zh) = match basis {
            Basis::Entrusted => (
                format!(
                    "{} acts in the name of {}, which stays competent and answers for it",
                    by.name, h.holder.name
                ),
                format!(
                    "{}以{}的名义实施，{}仍为处罚主体并承担法律责任",
                    by.name, h.holder.name, h.holder.name
                ),
            ),
            _ => (
                format!("{} acts for {}", by.name, h.holder.name),
                format!("{}代表{}实施", by.name, h.holder.name),
            ),
        };
        explanation.push(Ground {
            rule,
            zh,
            article: basis.article().to_owned(),
            instrument: None,
        });
    }
    Ok(Competence {
        item: h.item,
        item_name: h.item_name,
        body: h.holder,
        acting: h.exercised_by,
        basis,
        explanation,
    })
}

/// The competent bodies of a violation of `items` at `division` on `date`:
/// the distinct bodies, each with its items, and every item's grounds.
///
/// A violation has penalty items: an item of another category (a licence,
/// a benefit, an inspection, a coercive measure) is refused. [`competent`]
/// answers for any item (the grid routes events by it).
///
/// # Errors
///
/// [`Error::Empty`] for no items, [`Error::TooMany`] above [`MAX_ITEMS`],
/// [`Error::NotPenalty`] for an item that is not a penalty item, and the
/// errors of [`competent`].
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
/// use jiceng_enforcement::jurisdiction::resolve;
///
/// let ledger = Ledger::hebei_sample();
/// // The unlicensed workshop without environmental assessment: 环保,
/// // 市场监管, 安监, 农业农村 and 国土资源 items.
/// let items = ["HB-CF-001", "HB-CF-002", "HB-CF-003", "HB-CF-004", "HB-CF-005"];
/// let before = resolve(&ledger, &items, "130430104200", "2021-01-04".parse()?)?;
/// let after = resolve(&ledger, &items, "130430104200", "2024-06-01".parse()?)?;
/// assert_eq!((before.count, after.count), (5, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve<S: AsRef<str>>(
    ledger: &Ledger,
    items: &[S],
    division: &str,
    date: NaiveDate,
) -> Result<Jurisdiction, Error> {
    if items.is_empty() {
        return Err(Error::Empty("the list of items"));
    }
    if items.len() > MAX_ITEMS {
        return Err(Error::TooMany {
            what: "items",
            count: items.len(),
            max: MAX_ITEMS,
        });
    }
    let code: DivisionCode = division
        .parse()
        .map_err(|_| jiceng_authority::Error::UnknownDivision(division.to_owned()))?;
    let mut bodies: Vec<Competent> = Vec::new();
    let mut explanation = Vec::with_capacity(items.len());
    for item in items {
        // A violation has penalty items (Arts. 22–25): a licence or a
        // benefit is not imposed on anyone. An unknown item is left to
        // `competent`, which names it.
        if let Some(it) = ledger.item_id(item.as_ref()).map(|id| ledger.item(id)) {
            if it.category != PowerCategory::Penalty {
                return Err(Error::NotPenalty {
                    item: it.code.clone(),
                    category: it.category,
                });
            }
        }
        let c = competent(ledger, item.as_ref(), division, date)?;
        match bodies.iter_mut().find(|b| b.code == c.body.code) {
            Some(b) => {
                if !b.items.contains(&c.item) {
                    b.items.push(c.item.clone());
                }
            }
            None => bodies.push(Competent {
                code: c.body.code.clone(),
                name: c.body.name.clone(),
                acting: c.acting.clone(),
                items: vec![c.item.clone()],
            }),
        }
        explanation.push(c);
    }
    Ok(Jurisdiction {
        division: code,
        date,
        count: bodies.len(),
        bodies,
        explanation,
    })
}

/// The same violation on two dates, or under two ledgers: the bodies
/// before and after, and which went and came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Comparison {
    /// The answer before.
    pub before: Jurisdiction,
    /// The answer after.
    pub after: Jurisdiction,
    /// Codes of the bodies competent before and not after.
    pub gone: Vec<String>,
    /// Codes of the bodies competent after and not before.
    pub came: Vec<String>,
}

/// Compares the competent bodies of one violation under two (ledger, date)
/// pairs: the five-to-one story of the reform.
///
/// # Errors
///
/// As [`resolve`].
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
/// use jiceng_enforcement::jurisdiction::compare;
///
/// let l = Ledger::hebei_sample();
/// let items = ["HB-CF-001", "HB-CF-002", "HB-CF-003", "HB-CF-004", "HB-CF-005"];
/// let c = compare((&l, "2021-01-04".parse()?), (&l, "2024-06-01".parse()?), &items, "130430104000")?;
/// assert_eq!((c.gone.len(), c.came), (5, vec!["130430104-gov".to_owned()]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compare<S: AsRef<str>>(
    before: (&Ledger, NaiveDate),
    after: (&Ledger, NaiveDate),
    items: &[S],
    division: &str,
) -> Result<Comparison, Error> {
    let b = resolve(before.0, items, division, before.1)?;
    let a = resolve(after.0, items, division, after.1)?;
    let gone = b
        .bodies
        .iter()
        .filter(|x| !a.bodies.iter().any(|y| y.code == x.code))
        .map(|x| x.code.clone())
        .collect();
    let came = a
        .bodies
        .iter()
        .filter(|x| !b.bodies.iter().any(|y| y.code == x.code))
        .map(|x| x.code.clone())
        .collect();
    Ok(Comparison {
        before: b,
        after: a,
        gone,
        came,
    })
}

/// A filing: a body filed the case on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Filing {
    /// The body's code.
    pub body: String,
    /// The day it filed.
    pub date: NaiveDate,
}

/// A dispute over jurisdiction and the body that decides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Dispute {
    /// The bodies in dispute.
    pub bodies: Vec<String>,
    /// The common superior that designates the competent body.
    pub superior: BodyRef,
    /// The division it governs.
    pub division: DivisionCode,
}

/// Who takes a case several bodies are competent for (Art. 25).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FirstFiling {
    /// The body that takes it: the only one to file first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub winner: Option<String>,
    /// The day it filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed: Option<NaiveDate>,
    /// Several competent bodies filed first on the same day: a dispute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispute: Option<Dispute>,
    /// Filings by bodies that are not competent, ignored.
    pub not_competent: Vec<String>,
    /// The rule applied, citing the article.
    pub rule: String,
}

/// The common superior of bodies: the government of the lowest division
/// containing them all, one level up when that government is itself one
/// of them.
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
/// use jiceng_enforcement::jurisdiction::common_superior;
///
/// let l = Ledger::hebei_sample();
/// let s = common_superior(l.registry(), &["130430-sthj", "130430104-gov"]).unwrap();
/// assert_eq!(s.name, "邱县人民政府");
/// ```
pub fn common_superior(registry: &Registry, bodies: &[&str]) -> Option<BodyRef> {
    let mut div = registry.body(bodies.first()?)?.division;
    for b in &bodies[1..] {
        let other = registry.body(b)?.division;
        div = registry.common_superior(div, other)?.code;
    }
    loop {
        let gov = registry.body_of_kind(div, BodyKind::Government);
        match gov {
            Some(g) if !bodies.contains(&registry.body_at(g).code.as_str()) => {
                let b = registry.body_at(g);
                return Some(BodyRef {
                    code: b.code.clone(),
                    name: b.name.clone(),
                    kind: b.kind,
                });
            }
            _ => div = div.parent()?,
        }
    }
}

/// Art. 25: among the `competent` bodies' codes, the first to file takes
/// the case; filings on the same first day are a dispute for the common
/// superior; filings by other bodies are ignored and listed.
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
/// use jiceng_enforcement::jurisdiction::{Filing, first_to_file};
///
/// let l = Ledger::hebei_sample();
/// let competent = ["130430-sthj", "130430-scjg"];
/// let f = |b: &str, d: &str| Filing { body: b.to_owned(), date: d.parse().unwrap() };
/// let r = first_to_file(l.registry(), &competent, &[f("130430-scjg", "2021-03-02"), f("130430-sthj", "2021-03-01")]);
/// assert_eq!(r.winner.as_deref(), Some("130430-sthj"));
/// let r = first_to_file(l.registry(), &competent, &[f("130430-scjg", "2021-03-01"), f("130430-sthj", "2021-03-01")]);
/// assert_eq!(r.dispute.unwrap().superior.name, "邱县人民政府");
/// ```
pub fn first_to_file(registry: &Registry, competent: &[&str], filings: &[Filing]) -> FirstFiling {
    let not_competent: Vec<String> = filings
        .iter()
        .filter(|f| !competent.contains(&f.body.as_str()))
        .map(|f| f.body.clone())
        .collect();
    let valid = filings
        .iter()
        .filter(|f| competent.contains(&f.body.as_str()));
    let first = valid.clone().map(|f| f.date).min();
    let Some(first) = first else {
        return FirstFiling {
            winner: None,
            filed: None,
            dispute: None,
            not_competent,
            rule: "no competent body has filed yet (行政处罚法第二十五条第一款)".to_owned(),
        };
    };
    let mut tied: Vec<&str> = valid
        .filter(|f| f.date == first)
        .map(|f| f.body.as_str())
        .collect();
    tied.sort_unstable();
    tied.dedup();
    if tied.len() == 1 {
        return FirstFiling {
            winner: Some(tied[0].to_owned()),
            filed: Some(first),
            dispute: None,
            not_competent,
            rule: format!(
                "{} filed first, on {first}: it takes the case (行政处罚法第二十五条第一款)",
                tied[0]
            ),
        };
    }
    let superior = common_superior(registry, &tied);
    let division = superior
        .as_ref()
        .and_then(|s| registry.body(&s.code))
        .map(|b| b.division);
    let dispute = match (superior, division) {
        (Some(superior), Some(division)) => Some(Dispute {
            bodies: tied.iter().map(|s| (*s).to_owned()).collect(),
            superior,
            division,
        }),
        _ => None,
    };
    FirstFiling {
        winner: None,
        filed: Some(first),
        rule: format!(
            "{} filed on the same day, {first}: a dispute, settled by negotiation or designated by the common superior (行政处罚法第二十五条第二款)",
            tied.join(", ")
        ),
        dispute,
        not_competent,
    }
}

/// The fast path: competent bodies by handles, with no explanation.
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
/// use jiceng_enforcement::jurisdiction::Resolver;
///
/// let ledger = Ledger::hebei_sample();
/// let r = Resolver::new(&ledger);
/// let item = ledger.item_id("HB-CF-001").unwrap();
/// let village = ledger.registry().division_id("130430104200".parse()?).unwrap();
/// let body = r.body(item, village, "2024-06-01".parse()?).unwrap();
/// assert_eq!(ledger.registry().body_at(body).name, "古城营镇人民政府");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    ledger: &'a Ledger,
}

impl<'a> Resolver<'a> {
    /// A resolver over a ledger.
    pub fn new(ledger: &'a Ledger) -> Resolver<'a> {
        Resolver { ledger }
    }

    /// The competent body for one item at a division on a date.
    #[inline]
    pub fn body(&self, item: ItemId, division: DivisionId, date: NaiveDate) -> Option<BodyId> {
        self.ledger.holder_id(item, division, date)
    }

    /// The number of distinct competent bodies for several items, written
    /// into `out` (cleared first) in the order of the items.
    pub fn bodies(
        &self,
        items: &[ItemId],
        division: DivisionId,
        date: NaiveDate,
        out: &mut Vec<BodyId>,
    ) -> usize {
        out.clear();
        for &i in items {
            if let Some(b) = self.body(i, division, date) {
                if !out.contains(&b) {
                    out.push(b);
                }
            }
        }
        out.len()
    }
}
