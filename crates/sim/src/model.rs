//! A scenario compiled for the engine: the territory with its populations
//! and staff, the working-minute time axis of the period, the deadlines,
//! and each variant's routing of (item, township) to the township or the
//! county, piecewise over the instruments' dates.
//!
//! Time runs on a *working-minute* axis: minute `k × W + m` is minute `m`
//! of the `k`-th working day of the period, `W` being the working minutes
//! of a day (the calendar's working hours). Staff serve only in working
//! time, so a queue on this axis is an ordinary queue; an arrival outside
//! working hours is taken up at the next working minute.

use chrono::{Days, NaiveDate, NaiveTime, Timelike};
use jiceng_calendar::{Calendar, CoveragePolicy, WorkingHours};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use jiceng_authority::Ledger;
use jiceng_org::Level as OrgLevel;

use crate::error::{Error, PROVISIONAL_HINT, Problem};
use crate::scenario::{
    CalendarChoice, Daily, DeskRule, DeskStaff, InstrumentKind, ItemKind, Level, Scenario,
    ScenarioFile, Variant, item_matches,
};

/// The name `territory.ledger` gives for the authority crate's bundled Hebei
/// sample ledger.
pub const BUNDLED_LEDGER: &str = "bundled";

/// The name of division `code` in the ledger, checking that it is there at
/// `level`; a problem (and `given`) when it is not.
fn ledger_name(
    ledger: &Ledger,
    code: &str,
    level: OrgLevel,
    given: &str,
    place: impl Fn() -> (Option<usize>, String),
    origin: &str,
    problems: &mut Vec<Problem>,
) -> String {
    let found = code
        .parse::<jiceng_org::DivisionCode>()
        .ok()
        .and_then(|c| ledger.registry().division(c))
        .filter(|d| d.code.level() == level);
    match found {
        Some(d) if given.is_empty() => d.name.clone(),
        Some(_) => given.to_owned(),
        None => {
            let (line, field) = place();
            problems.push(Problem {
                origin: origin.to_owned(),
                line,
                field,
                message: format!(
                    "`{code}` is not a {} of the ledger `{}`",
                    match level {
                        OrgLevel::County => "county",
                        _ => "township",
                    },
                    ledger.name()
                ),
            });
            given.to_owned()
        }
    }
}

/// Whether the ledger's body `code` sits at the township level.
fn township_body(ledger: &Ledger, code: &str) -> bool {
    ledger
        .registry()
        .body(code)
        .is_some_and(|b| b.division.level() == OrgLevel::Township)
}

/// Whether `item` is held locally in `town` on `date`: the holder, or the
/// body exercising it (an entrusted township, a township team), is at the
/// township level. No holder at all (no department of the item's sector)
/// sends the work up to the county.
fn local_on(ledger: &Ledger, item: &str, town: &str, date: NaiveDate) -> bool {
    ledger.holder(item, town, date).is_ok_and(|h| {
        township_body(ledger, &h.holder.code)
            || h.exercised_by
                .is_some_and(|b| township_body(ledger, &b.code))
    })
}

/// The route of `item` in `town` over `[from, last)`: the holding on `from`
/// and at every change of holder the ledger's timeline dates inside the
/// period, as (working minute, local), merged where nothing changes.
fn route_from_ledger(
    ledger: &Ledger,
    item: &str,
    town: &str,
    from: NaiveDate,
    last: NaiveDate,
    to_minute: &impl Fn(NaiveDate) -> u64,
) -> Vec<(u64, bool)> {
    let mut dates = vec![from];
    if let Ok(periods) = ledger.timeline(item, town) {
        for p in periods {
            for d in [p.from, p.until].into_iter().flatten() {
                if d > from && d < last {
                    dates.push(d);
                }
            }
        }
    }
    dates.sort_unstable();
    dates.dedup();
    let mut route: Vec<(u64, bool)> = Vec::with_capacity(dates.len());
    for d in dates {
        let local = local_on(ledger, item, town, d);
        let at = to_minute(d);
        // Changes on days with no working minute between them: the last wins.
        if route.last().is_some_and(|&(m, _)| m == at) {
            route.pop();
        }
        if route.last().is_none_or(|&(_, l)| l != local) {
            route.push((at, local));
        }
    }
    // `from` is the first date, at minute 0: the route starts the period.
    route
}

/// The 64-bit cells a township holds per variant and replication until the
/// summary: 84 for its tally (nine counts of up to three desks, the
/// 64-bin histogram and its header) and 20 for its ten metric values.
pub const TOWN_CELLS: u64 = 104;

/// The most 64-bit cells the replications of one run may hold together
/// (2^25 cells, 256 MiB): replications × [`Model::cells_per_replication`].
/// With the scenario caps ([`crate::scenario::MAX_TOWNSHIP_RESULTS`],
/// [`crate::scenario::MAX_DAILY_POINTS`]) it keeps a run under a few
/// hundred megabytes. The bundled province (2,306 townships, 90 days of
/// the province's series, 2 variants) takes 2 × (2,306 × 104 + 167 + 4 ×
/// 90) = 480,702 cells a replication: 69 replications fit.
pub const MAX_RUN_CELLS: u64 = 1 << 25;

/// The most staff a desk may have, in any variant. The engine keeps the
/// time each busy server frees up, so a desk's memory grows with its staff
/// when long handling times keep them busy; a county's whole department
/// has a few hundred staff, so no real desk comes near.
pub const MAX_DESK_STAFF: u32 = 10_000;

/// The territory as built, with each body's staff before any variant.
pub(crate) struct Land {
    pub towns: Vec<Town>,
    pub counties: Vec<County>,
    pub base_town: Vec<[u32; 3]>,
    pub base_county: Vec<[u32; 3]>,
}

/// Builds the territory of `f`: a synthetic one drawn from its seed (county
/// codes under the province `prefix`), or the explicit counties; with a
/// ledger, names left out are the ledger's, and a county or township that
/// is not a division of the ledger at its level is a problem. Staff are
/// the explicit ones, else the staffing rules'.
pub(crate) fn land(
    f: &ScenarioFile,
    prefix: &str,
    ledger: Option<&Ledger>,
    origin: &str,
    line: &dyn Fn(usize) -> usize,
    problems: &mut Vec<Problem>,
) -> Land {
    let mut towns = Vec::new();
    let mut counties = Vec::new();
    let mut explicit_town_staff: Vec<Option<[u32; 3]>> = Vec::new();
    let mut explicit_county_staff: Vec<Option<[u32; 3]>> = Vec::new();
    if let Some(s) = &f.territory.synthetic {
        let mut rng = ChaCha8Rng::seed_from_u64(s.seed);
        for i in 0..s.counties as usize {
            let n = rng.random_range(s.townships_per_county[0]..=s.townships_per_county[1]);
            let code = format!("{prefix}{:02}{:02}000000", 1 + i / 20, 1 + i % 20);
            let first = towns.len();
            let mut population = 0u64;
            for t in 0..n {
                let z: f64 = StandardNormal.sample(&mut rng);
                let p = (s.population_median * (s.population_sigma * z).exp())
                    .clamp(100.0, 20.0 * s.population_median)
                    .round() as u32;
                population += u64::from(p);
                towns.push(Town {
                    code: format!("{}{:03}000", &code[..6], 100 + t),
                    name: format!("示例{}县第{}乡镇", i + 1, t + 1),
                    county: i,
                    population: p,
                });
                explicit_town_staff.push(None);
            }
            counties.push(County {
                name: format!("示例{}县", i + 1),
                code,
                first,
                count: n as usize,
                population,
            });
            explicit_county_staff.push(None);
        }
    } else {
        for (i, ks) in f.territory.counties.iter().enumerate() {
            let k = ks.get_ref();
            let first = towns.len();
            let mut population = 0u64;
            for (j, ts) in k.townships.iter().enumerate() {
                let t = ts.get_ref();
                population += u64::from(t.population);
                let name = match ledger {
                    Some(l) => ledger_name(
                        l,
                        &t.code,
                        OrgLevel::Township,
                        &t.name,
                        || {
                            (
                                Some(line(ts.span().start)),
                                format!("territory.county[{i}].township[{j}].code"),
                            )
                        },
                        origin,
                        problems,
                    ),
                    None => t.name.clone(),
                };
                towns.push(Town {
                    code: t.code.clone(),
                    name,
                    county: i,
                    population: t.population,
                });
                explicit_town_staff.push(t.staff.map(desk_array));
            }
            let name = match ledger {
                Some(l) => ledger_name(
                    l,
                    &k.code,
                    OrgLevel::County,
                    &k.name,
                    || {
                        (
                            Some(line(ks.span().start)),
                            format!("territory.county[{i}].code"),
                        )
                    },
                    origin,
                    problems,
                ),
                None => k.name.clone(),
            };
            counties.push(County {
                code: k.code.clone(),
                name,
                first,
                count: k.townships.len(),
                population,
            });
            explicit_county_staff.push(k.staff.map(desk_array));
        }
    }
    let base_town = towns
        .iter()
        .zip(&explicit_town_staff)
        .map(|(t, e)| e.unwrap_or_else(|| rule_staff(&f.staff.township, f64::from(t.population))))
        .collect();
    let base_county = counties
        .iter()
        .zip(&explicit_county_staff)
        .map(|(k, e)| e.unwrap_or_else(|| rule_staff(&f.staff.county, k.population as f64)))
        .collect();
    Land {
        towns,
        counties,
        base_town,
        base_county,
    }
}

/// A problem for each item naming a `power_item` that the ledger lacks.
fn power_item_problems(
    f: &ScenarioFile,
    ledger: &Ledger,
    origin: &str,
    line: &dyn Fn(usize) -> usize,
    problems: &mut Vec<Problem>,
) {
    for (i, spec) in f.items.iter().enumerate() {
        if let Some(code) = spec.get_ref().power_item.as_deref() {
            if ledger.item_id(code).is_none() {
                problems.push(Problem {
                    origin: origin.to_owned(),
                    line: Some(line(spec.span().start)),
                    field: format!("item[{i}].power_item"),
                    message: format!("`{code}` is not an item of the ledger `{}`", ledger.name()),
                });
            }
        }
    }
}

/// A variant's staff: the base, then each layer's staffing changes (the
/// baseline's, then the reform's), in file order. A change that leaves
/// bodies below zero is one problem, counting them and naming the first;
/// their desks are held at zero.
#[allow(clippy::too_many_arguments)]
fn variant_staff(
    layers: &[&Variant],
    path: &str,
    towns: &[Town],
    counties: &[County],
    base_town: &[[u32; 3]],
    base_county: &[[u32; 3]],
    origin: &str,
    problems: &mut Vec<Problem>,
) -> (Vec<[u32; 3]>, Vec<[u32; 3]>) {
    let mut town_staff = base_town.to_vec();
    let mut county_staff = base_county.to_vec();
    // The staff once the baseline's own changes are made: a desk over the
    // bound there is the baseline's to report, once.
    let mut after_baseline: Option<(Staff, Staff)> = None;
    for (li, layer) in layers.iter().enumerate() {
        if li == 1 {
            after_baseline = Some((town_staff.clone(), county_staff.clone()));
        }
        let lpath = if li == 0 { "baseline" } else { path };
        for (si, change) in layer.staff.iter().enumerate() {
            let c = change.get_ref();
            let d = c.desk.index();
            let (bodies, codes): (&mut Vec<[u32; 3]>, Vec<&str>) = match c.level {
                Level::Township => (
                    &mut town_staff,
                    towns.iter().map(|t| t.code.as_str()).collect(),
                ),
                Level::County => (
                    &mut county_staff,
                    counties.iter().map(|k| k.code.as_str()).collect(),
                ),
            };
            // Bodies left below zero: how many, and the first.
            let mut below: Option<(usize, &str, i64)> = None;
            for (b, code) in bodies.iter_mut().zip(codes) {
                if c.division.as_deref().is_some_and(|x| x != code) {
                    continue;
                }
                let v = i64::from(b[d]) + i64::from(c.add);
                if v < 0 {
                    below = Some(match below {
                        None => (1, code, v),
                        Some((n, first, fv)) => (n + 1, first, fv),
                    });
                }
                b[d] = v.clamp(0, i64::from(u32::MAX)) as u32;
            }
            // The baseline's changes apply in every variant: they are
            // reported with the baseline's own, once.
            let reported = li == 0 && path != "baseline";
            if let Some((n, code, v)) = below.filter(|_| !reported) {
                let desk = format!("{:?}", c.desk).to_lowercase();
                problems.push(Problem {
                    origin: origin.to_owned(),
                    line: None,
                    field: format!("{lpath}.staff[{si}].add"),
                    message: if n == 1 {
                        format!("{} leaves {code} with {v} staff at the {desk} desk", c.add)
                    } else {
                        format!(
                            "{} leaves {n} bodies with fewer than 0 staff at the {desk} desk, \
                             {code} with {v} the first",
                            c.add
                        )
                    },
                });
            }
        }
    }
    // A desk keeps a time for each of its servers busy at once, so its
    // staff is bounded. One problem a variant, naming the first desk over.
    // A desk over once the baseline's changes are made is the baseline's
    // to report (as coming from the base, its own staff or the rules,
    // when that is over too); a reform reports only the desks its own
    // changes take over.
    let (baseline_town, baseline_county) = after_baseline
        .as_ref()
        .map_or((&town_staff, &county_staff), |(t, k)| (t, k));
    let mut over: Option<(usize, &str, u32, usize, bool)> = None;
    let bodies = town_staff
        .iter()
        .zip(base_town)
        .zip(baseline_town)
        .zip(towns.iter().map(|t| t.code.as_str()))
        .chain(
            county_staff
                .iter()
                .zip(base_county)
                .zip(baseline_county)
                .zip(counties.iter().map(|k| k.code.as_str())),
        );
    for (((staff, base), baseline), code) in bodies {
        for d in 0..3 {
            let from_base = after_baseline.is_none() && base[d] > MAX_DESK_STAFF;
            let ours = after_baseline.is_none() || baseline[d] <= MAX_DESK_STAFF;
            if staff[d] > MAX_DESK_STAFF && ours {
                over = Some(match over {
                    None => (1, code, staff[d], d, from_base),
                    Some((n, first, v, fd, fb)) => (n + 1, first, v, fd, fb),
                });
            }
        }
    }
    if let Some((n, code, v, d, from_base)) = over {
        let desk = ["service", "enforcement", "grid"][d];
        let others = if n > 1 {
            format!(" ({} desks over in all)", n)
        } else {
            String::new()
        };
        problems.push(Problem {
            origin: origin.to_owned(),
            line: None,
            field: if from_base {
                "staff".to_owned()
            } else {
                format!("{path}.staff")
            },
            message: format!(
                "{code} has {v} staff at the {desk} desk{}: at most {MAX_DESK_STAFF}{others}",
                if from_base {
                    " (its own, or by the staff rules)"
                } else {
                    ""
                }
            ),
        });
    }
    (town_staff, county_staff)
}

/// Staff per body and desk (service, enforcement, grid).
type Staff = Vec<[u32; 3]>;

/// The variants' layers: the baseline's, then each reform's on top, with
/// the reform's name and the path of its fields.
fn layers(f: &ScenarioFile) -> Vec<(String, String, Vec<&Variant>)> {
    let mut all = vec![(
        "baseline".to_owned(),
        "baseline".to_owned(),
        vec![&f.baseline],
    )];
    for (r, v) in f.reforms.iter().enumerate() {
        all.push((
            v.get_ref().name.clone(),
            format!("reform[{r}]"),
            vec![&f.baseline, v.get_ref()],
        ));
    }
    all
}

/// The problems that building the model finds (the bundled ledger's
/// divisions and items; staffing changes that leave a desk below zero),
/// for a scenario's checks to report with the file's own in one pass.
/// A synthetic territory whose parameters are out of range (reported on
/// their own) is not drawn. A ledger *file* is read by the caller, so its
/// problems come when the model is built ([`Model::with_ledger`]).
pub(crate) fn built_problems(
    f: &ScenarioFile,
    prefix: Option<&str>,
    origin: &str,
    text: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(s) = &f.territory.synthetic {
        let [lo, hi] = s.townships_per_county;
        let drawable = prefix.is_some()
            && (1..=1000).contains(&s.counties)
            && 1 <= lo
            && lo <= hi
            && hi <= 200
            && (100.0..=5_000_000.0).contains(&s.population_median)
            && (0.0..=2.0).contains(&s.population_sigma);
        if !drawable {
            return problems;
        }
    }
    let bundled = (f.territory.ledger.as_deref() == Some(BUNDLED_LEDGER)
        && f.territory.synthetic.is_none())
    .then(Ledger::hebei_sample);
    let line = |at: usize| crate::scenario::line_of(text, at);
    let land = land(
        f,
        prefix.unwrap_or_default(),
        bundled.as_ref(),
        origin,
        &line,
        &mut problems,
    );
    if let Some(l) = &bundled {
        power_item_problems(f, l, origin, &line, &mut problems);
    }
    for (_, path, layers) in layers(f) {
        variant_staff(
            &layers,
            &path,
            &land.towns,
            &land.counties,
            &land.base_town,
            &land.base_county,
            origin,
            &mut problems,
        );
    }
    problems
}

/// A township of the model.
#[derive(Debug, Clone)]
pub(crate) struct Town {
    pub code: String,
    pub name: String,
    pub county: usize,
    pub population: u32,
}

/// A county of the model.
#[derive(Debug, Clone)]
pub(crate) struct County {
    pub code: String,
    pub name: String,
    /// Its townships: `first..first + count` in [`Model::towns`].
    pub first: usize,
    pub count: usize,
    pub population: u64,
}

/// An item of the model.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub kind: ItemKind,
    /// Per 10,000 residents a day.
    pub rate: f64,
    pub statutory: Option<u32>,
    pub promised: Option<u32>,
    /// At the township [0] and the county [1]: (ln median, sigma) of a
    /// lognormal, or the mean of an exponential.
    pub handling: [ServiceTime; 2],
}

/// A compiled handling-time distribution.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ServiceTime {
    Lognormal { ln_median: f64, sigma: f64 },
    Exponential { mean: f64 },
}

impl ServiceTime {
    /// Minutes for the normal quantile `z` and the uniform `u`.
    #[inline]
    pub fn minutes(self, z: f64, u: f64) -> u32 {
        let x = match self {
            ServiceTime::Lognormal { ln_median, sigma } => (ln_median + sigma * z).exp(),
            ServiceTime::Exponential { mean } => -mean * (1.0 - u).ln(),
        };
        x.round().clamp(1.0, 1e9) as u32
    }
}

/// A variant compiled: staff per body and desk, and routing.
#[derive(Debug, Clone)]
pub(crate) struct VariantModel {
    pub name: String,
    pub town_staff: Vec<[u32; 3]>,
    pub county_staff: Vec<[u32; 3]>,
    /// Per item × township: (from working minute, held by the township),
    /// in date order, the first from minute 0.
    pub routes: Vec<Vec<(u64, bool)>>,
}

impl VariantModel {
    /// Whether `item` is held in township `town` at working minute `t`.
    #[inline]
    pub fn local(&self, towns: usize, item: usize, town: usize, t: u64) -> bool {
        let r = &self.routes[item * towns + town];
        for &(from, local) in r.iter().rev() {
            if from <= t {
                return local;
            }
        }
        false
    }
}

/// A scenario compiled for the engine.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) name: String,
    pub(crate) fingerprint: String,
    pub(crate) province_code: String,
    pub(crate) province_name: String,
    pub(crate) from: NaiveDate,
    pub(crate) days: u32,
    /// Working minutes a working day.
    pub(crate) minutes_per_day: u64,
    /// Session bounds, minutes from midnight.
    pub(crate) sessions: Vec<(u32, u32)>,
    /// Working days before calendar day `d` (length `days + 1`).
    pub(crate) wd_before: Vec<u32>,
    /// The calendar day of each working day.
    pub(crate) wd_day: Vec<u32>,
    /// Art. 60: the last calendar day (index) to decide a case filed on day `d`.
    pub(crate) penalty_due: Vec<i64>,
    /// Whether a figure rests on a provisional calendar answer.
    pub(crate) provisional: bool,
    /// The end of the period on the working-minute axis.
    pub(crate) end: u64,
    pub(crate) delay: u64,
    pub(crate) towns: Vec<Town>,
    pub(crate) counties: Vec<County>,
    pub(crate) items: Vec<Item>,
    /// Per desk: item indices and cumulative rates.
    pub(crate) streams: [Vec<(usize, f64)>; 3],
    pub(crate) variants: Vec<VariantModel>,
    pub(crate) daily: Daily,
    pub(crate) default_replications: u32,
    pub(crate) default_seed: u64,
    pub(crate) item_codes: Vec<String>,
}

/// The day (counted from `from`) by which a penalty case filed on `filed`
/// must be decided (Penalty Law Art. 60: 90 days), and whether that rests
/// on provisional calendar answers.
///
/// A case filed on a covered day whose 90 days run past the calendar's
/// coverage is due after the coverage ends, so after the last simulated
/// day (every simulated day is covered or the calendar is provisional).
/// Its exact due date decides no figure (it closes inside the period, on
/// time, or is still open at the end and not overdue), so it is computed
/// provisionally rather than refused; the caller flags it only when it
/// falls inside the period, which here it cannot.
fn penalty_due_day(
    cal: &Calendar,
    filed: NaiveDate,
    limits: &jiceng_enforcement::Limits,
    from: NaiveDate,
) -> Result<(i64, bool), jiceng_enforcement::Error> {
    let due = |cal: &Calendar| {
        jiceng_enforcement::deadlines::decision_due(cal, filed, limits, false, &[])
    };
    match due(cal) {
        Ok(d) => Ok(((d.end - from).num_days(), d.provisional)),
        Err(jiceng_enforcement::Error::Calendar(jiceng_calendar::Error::OutOfCoverage {
            ..
        })) if cal.covers(filed) => {
            let d = due(&cal.with_policy(CoveragePolicy::Provisional))?;
            Ok(((d.end - from).num_days(), true))
        }
        Err(e) => Err(e),
    }
}

fn rule_staff(rule: &DeskRule, population: f64) -> [u32; 3] {
    let f = |per: f64| ((per * population / 10_000.0).round() as u32).max(rule.min);
    [
        f(rule.service_per_10k),
        f(rule.enforcement_per_10k),
        f(rule.grid_per_10k),
    ]
}

fn desk_array(s: DeskStaff) -> [u32; 3] {
    [s.service, s.enforcement, s.grid]
}

impl Model {
    /// Compiles a checked scenario.
    ///
    /// # Errors
    ///
    /// [`Error::Calendar`] when a simulated day is outside the calendar's
    /// coverage (set `policy.provisional`); [`Error::Scenario`] when a
    /// staffing change leaves a desk with fewer than 0 staff.
    ///
    /// ```
    /// let s = jiceng_sim::Scenario::bundled("baitaling")?;
    /// let m = jiceng_sim::Model::new(&s)?;
    /// assert_eq!(m.variant_names()[0], "baseline");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(scenario: &Scenario) -> Result<Model, Error> {
        match scenario.ledger() {
            None => Model::build(scenario, None),
            Some(BUNDLED_LEDGER) => Model::build(scenario, Some(&Ledger::hebei_sample())),
            Some(file) => Err(Error::Scenario(vec![Problem {
                origin: scenario.origin().to_owned(),
                line: None,
                field: "territory.ledger".into(),
                message: format!("`{file}` is a ledger file: read it and call Model::with_ledger"),
            }])),
        }
    }

    /// Compiles a checked scenario whose territory the given ledger routes
    /// (the ledger its `territory.ledger` names, read by the caller).
    ///
    /// The baseline's route of each item naming a `power_item`, in each
    /// township, is the ledger's: who holds the item there on the period's
    /// first day and on every day of the period where the holder (or the
    /// body exercising it) changes, local when that body is at the township
    /// level. The variants' own instruments apply on top. This is computed
    /// once, here; the engine only reads the routes.
    ///
    /// # Errors
    ///
    /// As [`Model::new`], and [`Error::Scenario`] listing together every
    /// `power_item` the ledger does not know and every county or township
    /// that is not a division of the ledger at its level.
    ///
    /// ```
    /// let s = jiceng_sim::Scenario::bundled("qiu")?;
    /// let ledger = jiceng_authority::Ledger::hebei_sample();
    /// let m = jiceng_sim::Model::with_ledger(&s, &ledger)?;
    /// // HB-CF-001 is devolved to the towns on 2022-03-01 (邱政字〔2022〕6号).
    /// let item = m.item_index("penalty.environment").unwrap();
    /// assert_eq!(m.held_locally(0, item, 0, "2022-02-28".parse()?), Some(false));
    /// assert_eq!(m.held_locally(0, item, 0, "2022-03-01".parse()?), Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_ledger(scenario: &Scenario, ledger: &Ledger) -> Result<Model, Error> {
        Model::build(scenario, Some(ledger))
    }

    fn build(scenario: &Scenario, ledger: Option<&Ledger>) -> Result<Model, Error> {
        let f = scenario.file();
        let period = f.period.get_ref();
        let hours: WorkingHours = f.policy.working_hours.parse().map_err(|e| {
            Error::Scenario(vec![Problem {
                origin: scenario.origin().to_owned(),
                line: None,
                field: "policy.working_hours".into(),
                message: format!("{e}"),
            }])
        })?;
        let secs = |t: NaiveTime| t.num_seconds_from_midnight() / 60;
        let sessions: Vec<(u32, u32)> = hours
            .sessions()
            .iter()
            .map(|&(a, b)| (secs(a), secs(b)))
            .collect();
        let minutes_per_day = sessions.iter().map(|&(a, b)| u64::from(b - a)).sum::<u64>();
        let mut cal = Calendar::china_mainland();
        if f.policy.provisional {
            cal = cal.with_policy(CoveragePolicy::Provisional);
        }
        let provisional_policy = f.policy.provisional;
        // A day the calendar cannot answer for is named at the period's
        // line: by its first day when that is the day, else by its length,
        // which carried the period to the day.
        let mut fields = ["period.from", "period.days"].map(|field| Problem {
            origin: scenario.origin().to_owned(),
            line: Some(scenario.line(f.period.span().start)),
            field: field.into(),
            message: String::new(),
        });
        scenario.locate(&mut fields);
        let mut place = fields.map(|p| match p.line {
            Some(l) => format!("{}:{l}: {}", p.origin, p.field),
            None => format!("{}: {}", p.origin, p.field),
        });
        // Days set over the file's are not at the file's line.
        if let Some(days) = scenario.days_set() {
            place[1] = format!("{}: period.days (with --days {days})", scenario.origin());
        }
        let field = |d: u32| &place[usize::from(d > 0)];
        // `whose` says whose day it is when it is not the simulated day.
        let cal_err = |d: u32, whose: &str, e: &dyn std::fmt::Display, out_of_coverage: bool| {
            let hint = if out_of_coverage && !provisional_policy {
                format!("; {PROVISIONAL_HINT}")
            } else {
                String::new()
            };
            Error::Calendar(format!("{}: {whose}{e}{hint}", field(d)))
        };
        // What provisional mode would answer: a day past the notices.
        let outside =
            |e: &jiceng_calendar::Error| matches!(e, jiceng_calendar::Error::OutOfCoverage { .. });
        // Whether a figure rests on a provisional answer: a simulated day
        // outside the coverage, or a penalty case due inside the period on
        // a date that needed such a day.
        let mut provisional = false;
        let mut wd_before = Vec::with_capacity(period.days as usize + 1);
        let mut wd_day = Vec::new();
        let mut penalty_due = Vec::with_capacity(period.days as usize);
        let limits = jiceng_enforcement::Limits::default();
        for d in 0..period.days {
            wd_before.push(wd_day.len() as u32);
            let date = period
                .from
                .checked_add_days(Days::new(u64::from(d)))
                .ok_or_else(|| {
                    Error::Calendar(format!(
                        "{}: day {d} after {} is out of range",
                        field(1),
                        period.from
                    ))
                })?;
            let working = match f.policy.calendar {
                CalendarChoice::ChinaMainland => {
                    provisional |= !cal.covers(date);
                    cal.is_working_day(date)
                        .map_err(|e| cal_err(d, "", &e, outside(&e)))?
                }
                CalendarChoice::EveryDay => true,
            };
            if working {
                wd_day.push(d);
            }
            match f.policy.calendar {
                CalendarChoice::ChinaMainland => {
                    let (due, tentative) = penalty_due_day(&cal, date, &limits, period.from)
                        .map_err(|e| {
                            // The day refused is a case's due day, not the
                            // simulated day: say whose it is.
                            let whose = format!("the decision due for a case filed on {date}: ");
                            match e {
                                jiceng_enforcement::Error::Calendar(c) => {
                                    cal_err(d, &whose, &c, outside(&c))
                                }
                                other => cal_err(d, &whose, &other, false),
                            }
                        })?;
                    // A due date after the period's last day decides no
                    // figure: a case closes inside the period, so on time.
                    if due < i64::from(period.days) {
                        provisional |= tentative;
                    }
                    penalty_due.push(due);
                }
                // Every day works, so the 90 days never roll.
                CalendarChoice::EveryDay => penalty_due.push(i64::from(d) + 90),
            }
        }
        wd_before.push(wd_day.len() as u32);
        let end = wd_day.len() as u64 * minutes_per_day;

        // Territory.
        let mut ledger_problems = Vec::new();
        let Land {
            towns,
            counties,
            base_town,
            base_county,
        } = land(
            f,
            &scenario.province().0[..2],
            ledger,
            scenario.origin(),
            &|at| scenario.line(at),
            &mut ledger_problems,
        );

        // Items and streams.
        let items: Vec<Item> = f
            .items
            .iter()
            .map(|i| {
                let i = i.get_ref();
                let h = |l: crate::scenario::Lognormal| match l.shape {
                    crate::scenario::Shape::Lognormal => ServiceTime::Lognormal {
                        ln_median: l.median_minutes.ln(),
                        sigma: l.sigma,
                    },
                    crate::scenario::Shape::Exponential => ServiceTime::Exponential {
                        mean: l.median_minutes / std::f64::consts::LN_2,
                    },
                };
                Item {
                    kind: i.kind,
                    rate: i.rate,
                    statutory: match i.kind {
                        // Licensing Law Art. 42: 20 days (working days, Art. 82).
                        ItemKind::Approval => Some(i.statutory_working_days.unwrap_or(20)),
                        _ => None,
                    },
                    promised: i.promised_working_days,
                    handling: [h(i.handling.township), h(i.handling.county)],
                }
            })
            .collect();
        let mut streams: [Vec<(usize, f64)>; 3] = Default::default();
        for (i, it) in items.iter().enumerate() {
            let s = &mut streams[it.kind.desk().index()];
            let prev = s.last().map_or(0.0, |&(_, c)| c);
            if it.rate > 0.0 {
                s.push((i, prev + it.rate));
            }
        }

        // Variants.
        let item_codes: Vec<&str> = f.items.iter().map(|i| i.get_ref().code.as_str()).collect();
        let held: Vec<bool> = f
            .items
            .iter()
            .map(|i| i.get_ref().held_by == Level::Township)
            .collect();
        let to_minute = |date: NaiveDate| -> u64 {
            let d = (date - period.from)
                .num_days()
                .clamp(0, i64::from(period.days)) as usize;
            u64::from(wd_before[d]) * minutes_per_day
        };
        // The ledger's routes, computed once: every (item, township) of an
        // item naming a `power_item`.
        let mut ledger_routes: Vec<Option<Vec<(u64, bool)>>> =
            vec![None; items.len() * towns.len()];
        if let Some(l) = ledger {
            power_item_problems(
                f,
                l,
                scenario.origin(),
                &|at| scenario.line(at),
                &mut ledger_problems,
            );
            let last = period
                .from
                .checked_add_days(Days::new(u64::from(period.days)))
                .unwrap_or(NaiveDate::MAX);
            for (i, spec) in f.items.iter().enumerate() {
                let Some(code) = spec.get_ref().power_item.as_deref() else {
                    continue;
                };
                if l.item_id(code).is_none() {
                    continue;
                }
                for (t, town) in towns.iter().enumerate() {
                    ledger_routes[i * towns.len() + t] = Some(route_from_ledger(
                        l,
                        code,
                        &town.code,
                        period.from,
                        last,
                        &to_minute,
                    ));
                }
            }
        }
        // The ledger's problems and the staffing's are reported together.
        let mut problems = ledger_problems;
        let mut variants = Vec::new();
        for (name, path, layers) in layers(f) {
            let mut routes: Vec<Vec<(u64, bool)>> = Vec::with_capacity(items.len() * towns.len());
            for (i, &h) in held.iter().enumerate() {
                for t in 0..towns.len() {
                    match &ledger_routes[i * towns.len() + t] {
                        Some(r) => routes.push(r.clone()),
                        None => routes.push(vec![(0, h)]),
                    }
                }
            }
            let mut instruments: Vec<&crate::scenario::Instrument> = layers
                .iter()
                .flat_map(|v| v.instruments.iter().map(|i| i.get_ref()))
                .collect();
            // Stable: instruments of the same day apply in file order.
            instruments.sort_by_key(|i| i.from);
            for ins in instruments {
                let at = to_minute(ins.from);
                let local = ins.kind == InstrumentKind::Devolve;
                for (t, town) in towns.iter().enumerate() {
                    let county = &counties[town.county];
                    if !ins.counties.is_empty() && !ins.counties.contains(&county.code) {
                        continue;
                    }
                    if !ins.townships.is_empty() && !ins.townships.contains(&town.code) {
                        continue;
                    }
                    for (i, code) in item_codes.iter().enumerate() {
                        if ins.items.iter().any(|p| item_matches(p, code)) {
                            let r = &mut routes[i * towns.len() + t];
                            r.retain(|&(from, _)| from < at);
                            r.push((at, local));
                        }
                    }
                }
            }
            let (town_staff, county_staff) = variant_staff(
                &layers,
                &path,
                &towns,
                &counties,
                &base_town,
                &base_county,
                scenario.origin(),
                &mut problems,
            );
            variants.push(VariantModel {
                name,
                town_staff,
                county_staff,
                routes,
            });
        }
        if !problems.is_empty() {
            scenario.locate(&mut problems);
            return Err(Error::Scenario(problems));
        }
        Ok(Model {
            name: f.name.clone(),
            fingerprint: scenario.fingerprint(),
            province_code: scenario.province().0.to_owned(),
            province_name: scenario.province().1.to_owned(),
            from: period.from,
            days: period.days,
            minutes_per_day,
            sessions,
            wd_before,
            wd_day,
            penalty_due,
            provisional,
            end,
            delay: u64::from(f.escalation.delay_minutes),
            towns,
            counties,
            items,
            streams,
            variants,
            daily: f.output.daily,
            default_replications: f.replications,
            default_seed: f.seed,
            item_codes: f.items.iter().map(|i| i.get_ref().code.clone()).collect(),
        })
    }

    /// The index of the scenario's item `code` (its place in the file).
    pub fn item_index(&self, code: &str) -> Option<usize> {
        self.item_codes.iter().position(|c| c == code)
    }

    /// Whether, in variant `variant` (0: the baseline), item `item` is held
    /// in township `town` (their indices in file order) on `date`: the
    /// route the engine follows from the first working minute of `date`
    /// (or of the next working day). `None` outside the period or for an
    /// index out of range.
    ///
    /// ```
    /// let m = jiceng_sim::Model::new(&jiceng_sim::Scenario::bundled("qiu")?)?;
    /// let sanitation = m.item_index("grid.local.sanitation").unwrap();
    /// assert_eq!(m.held_locally(0, sanitation, 6, "2022-06-01".parse()?), Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn held_locally(
        &self,
        variant: usize,
        item: usize,
        town: usize,
        date: NaiveDate,
    ) -> Option<bool> {
        let d = usize::try_from((date - self.from).num_days()).ok()?;
        if d >= self.days as usize || item >= self.items.len() || town >= self.towns.len() {
            return None;
        }
        let v = self.variants.get(variant)?;
        let t = u64::from(*self.wd_before.get(d)?) * self.minutes_per_day;
        Some(v.local(self.towns.len(), item, town, t))
    }

    /// The variants' names, the baseline first.
    pub fn variant_names(&self) -> Vec<&str> {
        self.variants.iter().map(|v| v.name.as_str()).collect()
    }

    /// The number of townships.
    pub fn townships(&self) -> usize {
        self.towns.len()
    }

    /// The scenario's default number of replications.
    pub fn default_replications(&self) -> u32 {
        self.default_replications
    }

    /// The scenario's seed.
    pub fn default_seed(&self) -> u64 {
        self.default_seed
    }

    /// Whether a figure rests on a provisional calendar answer: a
    /// simulated day outside the notices' coverage, or a penalty case due
    /// inside the period on a date that needed one (possible only with
    /// `[policy] provisional = true`). Due dates past the period's end
    /// decide no figure and never set it.
    ///
    /// ```
    /// // Baitaling simulates 2025: every day and every due date inside it
    /// // is covered by a notice.
    /// let m = jiceng_sim::Model::new(&jiceng_sim::Scenario::bundled("baitaling")?)?;
    /// assert!(!m.provisional());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provisional(&self) -> bool {
        self.provisional
    }

    /// The scenario's fingerprint (see [`Scenario::fingerprint`]).
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Working minutes before minute `m` of a working day.
    #[inline]
    pub(crate) fn worked_before(&self, m: u32) -> u64 {
        self.sessions
            .iter()
            .map(|&(a, b)| u64::from(m.clamp(a, b) - a))
            .sum()
    }

    /// The 64-bit cells one replication holds until the summary: per
    /// variant, [`TOWN_CELLS`] per township, one per county and four per
    /// daily point (see [`MAX_RUN_CELLS`]).
    ///
    /// ```
    /// // Baitaling: 1 county, 1 township, 2 daily series (the province and
    /// // its county), 365 days, 2 variants: 2 × (104 + 1 + 4 × 2 × 365) = 6,050.
    /// let m = jiceng_sim::Model::new(&jiceng_sim::Scenario::bundled("baitaling")?)?;
    /// assert_eq!(m.cells_per_replication(), 6_050);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cells_per_replication(&self) -> u64 {
        let per_variant = self.towns.len() as u64 * TOWN_CELLS
            + self.counties.len() as u64
            + self.series() as u64 * u64::from(self.days) * 4;
        per_variant * self.variants.len() as u64
    }

    /// Checks that `replications` of this model fit [`MAX_RUN_CELLS`]:
    /// the tallies of every replication are held until the summary (so
    /// that shards merge exactly), and memory grows with their number.
    ///
    /// # Errors
    ///
    /// [`Error::Parameter`] naming the replications when they do not fit.
    ///
    /// ```
    /// // Baitaling holds 6,050 cells a replication: 2^25 / 6,050 = 5,546.2.
    /// let m = jiceng_sim::Model::new(&jiceng_sim::Scenario::bundled("baitaling")?)?;
    /// assert!(m.check_replications(5_546).is_ok());
    /// assert!(m.check_replications(5_547).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_replications(&self, replications: u32) -> Result<(), Error> {
        let per = self.cells_per_replication().max(1);
        let cells = per.saturating_mul(u64::from(replications));
        if cells > MAX_RUN_CELLS {
            return Err(Error::Parameter {
                name: "replications",
                value: format!(
                    "{replications} (× {per} cells a replication = {cells} cells; at most {MAX_RUN_CELLS}, \
                     so at most {} replications of this scenario)",
                    MAX_RUN_CELLS / per
                ),
                expected: "fewer replications, or fewer townships, days, daily series or reforms",
            });
        }
        Ok(())
    }

    /// The number of daily series (1 for the province only, else 1 + counties).
    pub(crate) fn series(&self) -> usize {
        match self.daily {
            Daily::Province => 1,
            Daily::Counties => 1 + self.counties.len(),
        }
    }
}
