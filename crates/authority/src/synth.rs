//! Synthetic province-scale ledgers, seeded and reproducible.
//!
//! Benchmarks and the policy simulator need a province that is the size of a
//! real one (about 2,300 townships, 50,000 villages, 300 power items and
//! 10,000 instruments over five years) without pretending to be one. The
//! generator draws from a ChaCha8 stream seeded by the caller, so one seed
//! always gives the same ledger on every machine. Its instruments are
//! generated in date order and keep the ledger lawful: a devolution names
//! only items on the guidance list, from bodies that hold them, to townships
//! that do not hold them yet (and, for enforcement items, have a team); a
//! revocation takes back only what is held.
//!
//! The guidance list comes first, then one concentration a county, within
//! the first quarter of the instruments. Each later draw picks a county
//! and issues, of every 100 draws, 8 evaluations of an earlier
//! devolution, 12 revocations of up to 5 items from one township, and 80
//! devolutions of 1 to 6 listed items to 1 to 3 of its townships; a draw
//! that finds nothing lawful to issue is skipped.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Days, NaiveDate};
use jiceng_org::{Body, BodyKind, Division, DivisionCode, DivisionKind, Level, Sector};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use crate::duty_synth::{DutyParams, with_duties};
use crate::error::Error;
use crate::file::{FORMAT, LedgerFile};
use crate::instrument::{Instrument, InstrumentKind};
use crate::item::{LegalBasis, PowerCategory, PowerItem};

/// The size and seed of a synthetic province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthParams {
    /// The random seed.
    pub seed: u64,
    /// Prefecture-level cities (at most 99).
    pub cities: u32,
    /// Townships in all (about 14 a county).
    pub townships: u32,
    /// Villages in all.
    pub villages: u32,
    /// Power items.
    pub items: u32,
    /// Instruments in all, the guidance list and concentrations included.
    pub instruments: u32,
    /// The first day of the period the instruments span.
    pub start: NaiveDate,
    /// How many years they span.
    pub years: u32,
}

impl Default for SynthParams {
    /// A province of Hebei's size: 11 cities, 2,300 townships, 50,000
    /// villages, 300 items and 10,000 instruments from 2021 to 2025.
    fn default() -> SynthParams {
        SynthParams {
            seed: 1,
            cities: 11,
            townships: 2300,
            villages: 50_000,
            items: 300,
            instruments: 10_000,
            // 2021-01-01 is a valid date.
            start: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default(),
            years: 5,
        }
    }
}

const SECTORS: [&str; 12] = [
    "生态环境",
    "市场监管",
    "应急管理",
    "农业农村",
    "自然资源",
    "住建",
    "城管",
    "交通运输",
    "水利",
    "文化旅游",
    "民政",
    "卫生健康",
];

const TOWNSHIPS_PER_COUNTY: u32 = 14;

/// The bounds of each parameter, inclusive: (name, least, most). Past
/// them a province would not have unique division codes (99 cities of 99
/// counties of 14 townships) or would cost more than a benchmark needs.
pub const LIMITS: [(&str, u64, u64); 6] = [
    ("cities", 1, 99),
    ("townships", 0, 100_000),
    ("villages", 0, 2_000_000),
    ("items", 0, 10_000),
    ("instruments", 0, 2_000_000),
    ("years", 1, 50),
];

impl SynthParams {
    /// Checks every parameter against [`LIMITS`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] naming the first parameter out of range.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::synth::SynthParams;
    ///
    /// let bad = SynthParams { townships: 1_000_000, ..SynthParams::default() };
    /// assert!(bad.validate().unwrap_err().to_string().contains("townships"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        let values = [
            u64::from(self.cities),
            u64::from(self.townships),
            u64::from(self.villages),
            u64::from(self.items),
            u64::from(self.instruments),
            u64::from(self.years),
        ];
        for ((name, lo, hi), v) in LIMITS.iter().zip(values) {
            if v < *lo || v > *hi {
                return Err(Error::InvalidParameter {
                    name,
                    value: v,
                    least: *lo,
                    most: *hi,
                });
            }
        }
        Ok(())
    }
}

/// As [`province`], after checking the parameters.
///
/// # Errors
///
/// [`Error::InvalidParameter`] as [`SynthParams::validate`].
pub fn try_province(p: &SynthParams) -> Result<LedgerFile, Error> {
    p.validate()?;
    Ok(province(p))
}

/// Generates a synthetic province. Parameters past [`LIMITS`] are clamped
/// to them; [`try_province`] refuses them instead.
///
/// # Example
///
/// ```
/// use jiceng_authority::synth::{province, SynthParams};
/// use jiceng_authority::{CheckOptions, Ledger, Severity, Source};
///
/// let params = SynthParams { townships: 60, villages: 200, items: 40, instruments: 120, ..SynthParams::default() };
/// let file = province(&params);
/// assert_eq!(file, province(&params)); // reproducible
/// let ledger = Ledger::build(file, Source::default())?;
/// let errors = ledger.check(&CheckOptions::default()).into_iter().filter(|f| f.severity == Severity::Error).count();
/// assert_eq!(errors, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn province(p: &SynthParams) -> LedgerFile {
    let clamp = |v: u32, k: usize| {
        let (_, lo, hi) = LIMITS[k];
        u32::try_from(u64::from(v).clamp(lo, hi)).unwrap_or(u32::MAX)
    };
    let p = &SynthParams {
        seed: p.seed,
        cities: clamp(p.cities, 0),
        townships: clamp(p.townships, 1),
        villages: clamp(p.villages, 2),
        items: clamp(p.items, 3),
        instruments: clamp(p.instruments, 4),
        start: p.start,
        years: clamp(p.years, 5),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let code = |n: u64| DivisionCode::new(n).ok();
    let mut divisions = Vec::new();
    let mut bodies = Vec::new();
    let province_code = 130_000_000_000u64;
    if let Some(c) = code(province_code) {
        divisions.push(Division::new(c, "合成省", DivisionKind::Province));
        bodies.push(Body::new(
            "p-gov",
            "合成省人民政府",
            BodyKind::Government,
            c,
        ));
    }
    let counties = p.townships.div_ceil(TOWNSHIPS_PER_COUNTY).max(1);
    // At most 99 counties a city: more townships need more cities.
    let cities = p.cities.max(counties.div_ceil(99)).clamp(1, 99);
    let mut county_codes = Vec::new();
    let mut township_codes: Vec<(DivisionCode, usize, bool)> = Vec::new();
    for c in 0..cities {
        if let Some(cc) = code(province_code + u64::from(c + 1) * 100_000_000) {
            divisions.push(Division::new(
                cc,
                format!("合成市{}", c + 1),
                DivisionKind::City,
            ));
        }
    }
    let mut townships_left = p.townships;
    for k in 0..counties {
        let city = k % cities + 1;
        let within = k / cities + 1;
        let Some(cc) =
            code(province_code + u64::from(city) * 100_000_000 + u64::from(within) * 1_000_000)
        else {
            continue;
        };
        let ci = county_codes.len();
        divisions.push(Division::new(
            cc,
            format!("合成县{}", k + 1),
            DivisionKind::County,
        ));
        let prefix = format!("c{}", k + 1);
        bodies.push(Body::new(
            format!("{prefix}-gov"),
            format!("合成县{}人民政府", k + 1),
            BodyKind::Government,
            cc,
        ));
        for s in SECTORS {
            bodies.push(
                Body::new(
                    format!("{prefix}-{s}"),
                    format!("合成县{}{s}局", k + 1),
                    BodyKind::Department,
                    cc,
                )
                .with_sector(Sector::new(s)),
            );
        }
        bodies.push(Body::new(
            format!("{prefix}-zhzf"),
            format!("合成县{}综合行政执法局", k + 1),
            BodyKind::EnforcementBureau,
            cc,
        ));
        county_codes.push(cc);
        let n = townships_left.min(TOWNSHIPS_PER_COUNTY);
        townships_left -= n;
        for t in 0..n {
            // Mostly towns (100–), a few subdistricts (001–) and townships (200–).
            let (ttt, kind) = match t % 7 {
                0 => (1 + t, DivisionKind::Subdistrict),
                6 => (200 + t, DivisionKind::Township),
                _ => (100 + t, DivisionKind::Town),
            };
            let Some(tc) = code(cc.get() + u64::from(ttt) * 1000) else {
                continue;
            };
            let mut d = Division::new(tc, format!("合成县{}乡镇{}", k + 1, t + 1), kind);
            if rng.random_bool(0.2) {
                d = d.with_tag("economically-developed");
            }
            divisions.push(d);
            let tp = format!("{prefix}t{}", t + 1);
            bodies.push(Body::new(
                format!("{tp}-gov"),
                format!("{tp}人民政府"),
                BodyKind::Government,
                tc,
            ));
            let team = rng.random_bool(0.9);
            if team {
                bodies.push(Body::new(
                    format!("{tp}-zfd"),
                    format!("{tp}综合行政执法队"),
                    BodyKind::EnforcementTeam,
                    tc,
                ));
            }
            bodies.push(Body::new(
                format!("{tp}-fwzx"),
                format!("{tp}行政综合服务中心"),
                BodyKind::ServiceCentre,
                tc,
            ));
            township_codes.push((tc, ci, team));
        }
    }
    // Villages, spread evenly over the townships.
    if !township_codes.is_empty() {
        for v in 0..p.villages {
            let (tc, _, _) = township_codes[v as usize % township_codes.len()];
            let n = v as usize / township_codes.len();
            if n >= 799 {
                continue;
            }
            let vvv = 200 + n as u64;
            if let Some(vc) = code(tc.get() + vvv) {
                divisions.push(Division::new(vc, format!("村{v}"), DivisionKind::Village));
            }
        }
    }

    // Items: enforcement items first (the guidance list's kind), then others.
    let mut items = Vec::with_capacity(p.items as usize);
    for i in 0..p.items {
        let category = match i * 10 / p.items.max(1) {
            0..=3 => PowerCategory::Penalty,
            4 => PowerCategory::Inspection,
            5 => PowerCategory::Coercion,
            6 | 7 => PowerCategory::Licensing,
            8 => PowerCategory::Payment,
            _ => PowerCategory::PublicService,
        };
        let sector = SECTORS[i as usize % SECTORS.len()];
        items.push(PowerItem {
            code: format!("S-{:03}", i + 1),
            name: format!("合成{}事项{}", category.zh(), i + 1),
            category,
            sector: Sector::new(sector),
            basis: vec![LegalBasis {
                law: "合成法".to_owned(),
                article: format!("第{}条", i + 1),
            }],
            level: Level::County,
        });
    }
    let guidance: Vec<usize> = (0..items.len()).filter(|&i| i % 5 != 4).collect();

    let span = i64::from(p.years.max(1)) * 365;
    let n = p.instruments.max(1) as usize;
    let date_at = |k: usize| p.start + Days::new((k as i64 * span / n as i64) as u64);
    let mut instruments = Vec::with_capacity(n);
    let doc = |k: usize, d: NaiveDate| format!("合成〔{}〕{}号", chrono::Datelike::year(&d), k + 1);
    let g0 = date_at(0);
    // Without items there is nothing to list, concentrate or devolve.
    if guidance.is_empty() {
        return LedgerFile {
            format: FORMAT,
            name: format!("synthetic-{}", p.seed),
            illustrative: true,
            note: Some(
                "synthetic province generated by jiceng_authority::synth; no real codes or lists"
                    .to_owned(),
            ),
            divisions,
            bodies,
            items,
            instruments,
            duties: Vec::new(),
            duty_lists: Vec::new(),
            assessments: Vec::new(),
        };
    }
    instruments.push(Instrument {
        id: "guidance".to_owned(),
        kind: InstrumentKind::GuidanceList,
        issuer: "p-gov".to_owned(),
        document: Some(doc(0, g0)),
        title: "可下放事项指导目录".to_owned(),
        published: g0,
        effective_from: g0,
        effective_until: None,
        items: guidance.iter().map(|&i| items[i].code.clone()).collect(),
        from: Vec::new(),
        to: None,
        townships: Vec::new(),
        county: None,
        tag: None,
        province: code(province_code),
        evaluates: Vec::new(),
    });
    // Concentrations: one a county, in the first part of the period.
    let enforcement: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].category.is_enforcement())
        .collect();
    let mut concentrated_on: HashMap<usize, NaiveDate> = HashMap::new();
    for (ci, cc) in county_codes.iter().enumerate() {
        if instruments.len() >= n / 4 || enforcement.is_empty() {
            break;
        }
        let k = instruments.len();
        let d = date_at(k);
        let prefix = format!("c{}", ci + 1);
        concentrated_on.insert(ci, d);
        instruments.push(Instrument {
            id: format!("i{k}"),
            kind: InstrumentKind::Concentration,
            issuer: format!("{prefix}-gov"),
            document: Some(doc(k, d)),
            title: "关于相对集中行政处罚权的决定".to_owned(),
            published: d,
            effective_from: d,
            effective_until: None,
            items: enforcement.iter().map(|&i| items[i].code.clone()).collect(),
            from: SECTORS.iter().map(|s| format!("{prefix}-{s}")).collect(),
            to: Some(format!("{prefix}-zhzf")),
            townships: Vec::new(),
            county: Some(*cc),
            tag: None,
            province: None,
            evaluates: Vec::new(),
        });
    }
    // Devolutions, revocations and evaluations, in date order.
    // Items each township holds by devolution, kept to generate only
    // lawful instruments.
    // Items each township holds by devolution, with the day each took
    // effect: a revocation takes back only what was held before its day.
    let mut held: Vec<BTreeMap<usize, NaiveDate>> = vec![BTreeMap::new(); township_codes.len()];
    let mut devolutions: Vec<usize> = Vec::new();
    let mut by_county: Vec<Vec<usize>> = vec![Vec::new(); county_codes.len()];
    for (ti, (_, ci, _)) in township_codes.iter().enumerate() {
        by_county[*ci].push(ti);
    }
    let mut attempts = 0;
    while instruments.len() < n && attempts < n * 20 && !county_codes.is_empty() {
        attempts += 1;
        let k = instruments.len();
        let d = date_at(k);
        let ci = rng.random_range(0..county_codes.len());
        let prefix = format!("c{}", ci + 1);
        let roll = rng.random_range(0..100);
        if roll < 8 && !devolutions.is_empty() {
            let target = devolutions[rng.random_range(0..devolutions.len())];
            instruments.push(Instrument {
                id: format!("i{k}"),
                kind: InstrumentKind::Evaluation,
                issuer: instruments[target].issuer.clone(),
                document: None,
                title: "下放事项评估报告".to_owned(),
                published: d,
                effective_from: d,
                effective_until: None,
                items: Vec::new(),
                from: Vec::new(),
                to: None,
                townships: Vec::new(),
                county: None,
                tag: None,
                province: None,
                evaluates: vec![instruments[target].id.clone()],
            });
            continue;
        }
        // A county without townships has nothing to devolve to or take
        // back from (the guidance list is not empty: see above).
        let towns = &by_county[ci];
        if towns.is_empty() {
            continue;
        }
        if roll < 20 {
            // Take back a few items held by a township of the county.
            let t = towns[rng.random_range(0..towns.len())];
            let pairs: Vec<usize> = held[t]
                .iter()
                .filter(|&(_, since)| *since < d)
                .map(|(&i, _)| i)
                .take(50)
                .collect();
            if pairs.is_empty() {
                continue;
            }
            let take: Vec<usize> = pairs
                .into_iter()
                .filter(|_| rng.random_bool(0.3))
                .take(5)
                .collect();
            if take.is_empty() {
                continue;
            }
            for i in &take {
                held[t].remove(i);
            }
            instruments.push(Instrument {
                id: format!("i{k}"),
                kind: InstrumentKind::Revocation,
                issuer: format!("{prefix}-gov"),
                document: Some(doc(k, d)),
                title: "关于收回部分下放事项的决定".to_owned(),
                published: d,
                effective_from: d,
                effective_until: None,
                items: take.iter().map(|&i| items[i].code.clone()).collect(),
                from: Vec::new(),
                to: None,
                townships: vec![township_codes[t].0],
                county: None,
                tag: None,
                province: None,
                evaluates: Vec::new(),
            });
            continue;
        }
        // A devolution: a few items on the guidance list to a few townships.
        let concentrated = concentrated_on.get(&ci).is_some_and(|c| *c < d);
        let count = rng.random_range(1..=6);
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..count * 3 {
            if chosen.len() >= count {
                break;
            }
            let i = guidance[rng.random_range(0..guidance.len())];
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        let picks: Vec<usize> = (0..rng.random_range(1..=3))
            .map(|_| towns[rng.random_range(0..towns.len())])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let chosen: Vec<usize> = chosen
            .into_iter()
            .filter(|&i| {
                let enforcement = items[i].category.is_enforcement();
                // Enforcement items go down only after the county
                // concentrated them and after Art. 24 took effect.
                (!enforcement || (concentrated && d >= crate::check::PENALTY_LAW_2021))
                    && picks.iter().all(|&t| {
                        !held[t].contains_key(&i) && (!enforcement || township_codes[t].2)
                    })
            })
            .collect();
        if chosen.is_empty() {
            continue;
        }
        for &i in &chosen {
            for &t in &picks {
                held[t].insert(i, d);
            }
        }
        let mut from: Vec<String> = SECTORS.iter().map(|s| format!("{prefix}-{s}")).collect();
        from.push(format!("{prefix}-zhzf"));
        devolutions.push(k);
        instruments.push(Instrument {
            id: format!("i{k}"),
            kind: InstrumentKind::Devolution,
            issuer: format!("{prefix}-gov"),
            document: Some(doc(k, d)),
            title: "关于向乡镇下放部分权力事项的决定".to_owned(),
            published: d,
            effective_from: d,
            effective_until: None,
            items: chosen.iter().map(|&i| items[i].code.clone()).collect(),
            from,
            to: None,
            townships: picks.iter().map(|&t| township_codes[t].0).collect(),
            county: None,
            tag: None,
            province: None,
            evaluates: Vec::new(),
        });
    }
    LedgerFile {
        format: FORMAT,
        name: format!("synthetic-{}", p.seed),
        illustrative: true,
        note: Some(
            "synthetic province generated by jiceng_authority::synth; no real codes or lists"
                .to_owned(),
        ),
        divisions,
        bodies,
        items,
        instruments,
        duties: Vec::new(),
        duty_lists: Vec::new(),
        assessments: Vec::new(),
    }
}
