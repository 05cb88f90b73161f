//! Compiling a ledger file into timelines.
//!
//! Memory is proportional to what the file says, never to items ×
//! townships: the statutory holders are not stored but looked up (the
//! department of the item's sector at the item's level), and only the
//! (item, place) pairs that an instrument touches get a timeline.

use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

use jiceng_org::{Body, BodyKind, Division, DivisionCode, DivisionId, Level, Registry};

use crate::check::{Finding, FindingKind, Location, Severity};
use crate::error::Error;
use crate::file::{LineIndex, Source, Table};
use crate::instrument::{Instrument, InstrumentKind};
use crate::item::PowerItem;
use crate::ledger::{Layer, Ledger, NONE, Overlap, Segment, day};

pub(crate) const OPEN: i32 = i32::MAX;
pub(crate) const START: i32 = i32::MIN;

/// The most (item, township) grants a ledger may expand to. A county-wide
/// devolution of every item is one line of a file but thousands of grants;
/// past this bound the file is refused with a message rather than let a
/// small file take gigabytes.
pub const MAX_GRANTS: usize = 2_000_000;

/// The most instruments an overlap finding names (the rest are counted).
const OVERLAP_NAMES: usize = 12;

/// Finds the lines of findings: the file's text and its index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Locator<'a> {
    pub source: &'a Source,
    pub lines: &'a LineIndex,
}

impl Locator<'_> {
    pub(crate) fn at(
        &self,
        table: Table,
        index: usize,
        needle: Option<&str>,
        fallback: Option<&str>,
    ) -> Option<usize> {
        let text = self.source.text.as_deref()?;
        self.lines.locate(text, table, index, needle, fallback)
    }
}

/// Builds the registry from the file's divisions and bodies, leaving out
/// (with a finding at its line) each one that would break it: a duplicate
/// code, a missing parent, a kind that does not fit the level, a body of
/// an unknown division, a department without a sector.
pub(crate) fn registry(
    divisions: Vec<Division>,
    bodies: Vec<Body>,
    loc: Locator<'_>,
    findings: &mut Vec<Finding>,
) -> Result<Registry, Error> {
    let problem =
        |table: Table, i: usize, code: &str, kind: FindingKind, message: String, zh: String| {
            let mut l = Location::bare(loc.source);
            l.line = loc.at(table, i, Some(code), None);
            if table == Table::Division {
                l.division = Some(code.to_owned());
            }
            Finding::new(Severity::Error, kind, l, message, zh)
        };
    let mut seen = HashSet::with_capacity(divisions.len());
    let mut keep = vec![true; divisions.len()];
    for (i, d) in divisions.iter().enumerate() {
        let code = d.code.to_string();
        if !seen.insert(d.code) {
            keep[i] = false;
            findings.push(problem(
                Table::Division,
                i,
                &code,
                FindingKind::DuplicateCode,
                format!(
                    "division {code} ({}) is listed twice; this one is left out",
                    d.name
                ),
                format!("区划 {code}（{}）重复列出，此条未收入", d.name),
            ));
        } else if d.kind.level() != d.code.level() {
            keep[i] = false;
            findings.push(problem(
                Table::Division,
                i,
                &code,
                FindingKind::RegistryMismatch,
                format!(
                    "division {code} ({}) is a {} but its code is at the {} level",
                    d.name,
                    d.kind,
                    d.code.level()
                ),
                format!(
                    "区划 {code}（{}）的类型为{}，但其代码属于{}",
                    d.name,
                    d.kind.zh(),
                    d.code.level().zh()
                ),
            ));
        }
    }
    // Parents before children: a division stays only when its parent does.
    let mut order: Vec<usize> = (0..divisions.len()).filter(|&i| keep[i]).collect();
    order.sort_by_key(|&i| divisions[i].code);
    let mut kept: HashSet<DivisionCode> = HashSet::with_capacity(order.len());
    for &i in &order {
        let d = &divisions[i];
        match d.code.parent() {
            Some(p) if !kept.contains(&p) => {
                keep[i] = false;
                let code = d.code.to_string();
                findings.push(problem(
                    Table::Division,
                    i,
                    &code,
                    FindingKind::RegistryMismatch,
                    format!(
                        "division {code} ({}) has no parent {p} in the ledger; it is left out",
                        d.name
                    ),
                    format!("区划 {code}（{}）的上级 {p} 不在台账中，此条未收入", d.name),
                ));
            }
            _ => {
                kept.insert(d.code);
            }
        }
    }
    let mut body_seen = HashSet::with_capacity(bodies.len());
    let mut keep_body = vec![true; bodies.len()];
    for (i, b) in bodies.iter().enumerate() {
        let message = if !body_seen.insert(b.code.as_str()) {
            Some((
                FindingKind::DuplicateCode,
                format!("body {:?} is listed twice; this one is left out", b.code),
                format!("机关 {:?} 重复列出，此条未收入", b.code),
            ))
        } else if !kept.contains(&b.division) {
            Some((
                FindingKind::UnknownCode,
                format!(
                    "body {:?} is attached to {}, which is not a division of the ledger",
                    b.code, b.division
                ),
                format!("机关 {:?} 所属区划 {} 不在台账中", b.code, b.division),
            ))
        } else if !b.kind.fits(b.division.level()) {
            Some((
                FindingKind::RegistryMismatch,
                format!(
                    "body {:?} is a {} but its division {} is at the {} level",
                    b.code,
                    b.kind,
                    b.division,
                    b.division.level()
                ),
                format!(
                    "机关 {:?} 的类型为{}，但其所属区划 {} 属于{}",
                    b.code,
                    b.kind.zh(),
                    b.division,
                    b.division.level().zh()
                ),
            ))
        } else if b.kind == BodyKind::Department && b.sector.is_none() {
            Some((
                FindingKind::MissingField,
                format!("department {:?} has no sector", b.code),
                format!("部门 {:?} 未指明行业", b.code),
            ))
        } else {
            None
        };
        if let Some((kind, message, zh)) = message {
            keep_body[i] = false;
            findings.push(problem(Table::Body, i, &b.code, kind, message, zh));
        }
    }
    let divisions: Vec<Division> = divisions
        .into_iter()
        .zip(keep)
        .filter_map(|(d, k)| k.then_some(d))
        .collect();
    let bodies: Vec<Body> = bodies
        .into_iter()
        .zip(keep_body)
        .filter_map(|(b, k)| k.then_some(b))
        .collect();
    Registry::new(divisions, bodies).map_err(|e| Error::Registry {
        origin: loc.source.origin.clone(),
        source: e,
    })
}

// The parts of a parsed file, each moved in once: a struct for them would
// only repeat `LedgerFile`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn compile(
    name: String,
    illustrative: bool,
    source: Source,
    lines: LineIndex,
    registry: Registry,
    items: Vec<PowerItem>,
    instruments: Vec<Instrument>,
    mut findings: Vec<Finding>,
) -> Result<Ledger, Error> {
    let loc = Locator {
        source: &source,
        lines: &lines,
    };
    let mut item_index = HashMap::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        if item_index.contains_key(&it.code) {
            // The second occurrence is the one in error.
            let mut l = Location::bare(&source).with_item(&it.code);
            l.line = loc.at(Table::Item, i, Some(&it.code), None);
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::DuplicateCode,
                l,
                format!("item code {:?} is used twice", it.code),
                format!("事项编码 {:?} 重复使用", it.code),
            ));
        } else {
            item_index.insert(it.code.clone(), i as u32);
        }
    }
    let mut instrument_index = HashMap::with_capacity(instruments.len());
    for (i, ins) in instruments.iter().enumerate() {
        if instrument_index.contains_key(&ins.id) {
            let mut l = Location::bare(&source);
            l.instrument = Some(ins.id.clone());
            l.line = loc.at(Table::Instrument, i, Some(&ins.id), None);
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::DuplicateCode,
                l,
                format!("instrument id {:?} is used twice", ins.id),
                format!("文件编号 {:?} 重复使用", ins.id),
            ));
        } else {
            instrument_index.insert(ins.id.clone(), i as u32);
        }
    }

    let n_div = registry.divisions().len();
    let mut counties = Vec::new();
    let mut townships = Vec::new();
    let mut county_slots: HashMap<DivisionCode, u32> = HashMap::new();
    for (i, d) in registry.divisions().iter().enumerate() {
        match d.code.level() {
            Level::County => {
                county_slots.insert(d.code, counties.len() as u32);
                counties.push(DivisionId(i as u32));
            }
            Level::Township => townships.push(DivisionId(i as u32)),
            _ => {}
        }
    }
    // A city without counties (东莞) is the county level of its towns.
    for t in &townships {
        let code = registry.get(*t).code;
        if code.at(Level::County).is_none() {
            if let Some(city) = code.at(Level::City) {
                if let Some(id) = registry.division_id(city) {
                    if let std::collections::hash_map::Entry::Vacant(e) = county_slots.entry(city) {
                        e.insert(counties.len() as u32);
                        counties.push(id);
                    }
                }
            }
        }
    }
    let mut county_of = vec![NONE; n_div];
    let mut township_of = vec![NONE; n_div];
    let mut town_slot = 0u32;
    for (i, d) in registry.divisions().iter().enumerate() {
        let county = d.code.at(Level::County).or_else(|| {
            (d.code.level() >= Level::Township)
                .then(|| d.code.at(Level::City))
                .flatten()
        });
        if let Some(c) = county {
            county_of[i] = county_slots.get(&c).copied().unwrap_or(NONE);
        }
        if d.code.level() == Level::Township {
            township_of[i] = town_slot;
            town_slot += 1;
        }
    }
    // Villages: their township's slot (divisions are sorted by code, so a
    // village's township came first).
    for (i, d) in registry.divisions().iter().enumerate() {
        if d.code.level() == Level::Village {
            if let Some(id) = d
                .code
                .at(Level::Township)
                .and_then(|t| registry.division_id(t))
            {
                township_of[i] = township_of[id.index()];
            }
        }
    }
    // The townships of each county-level slot, by counting sort.
    let mut county_towns_off = vec![0u32; counties.len() + 1];
    for t in &townships {
        let c = county_of[t.index()];
        if c != NONE {
            county_towns_off[c as usize + 1] += 1;
        }
    }
    for k in 0..counties.len() {
        county_towns_off[k + 1] += county_towns_off[k];
    }
    let mut fill = county_towns_off.clone();
    let mut county_towns = vec![0u32; *county_towns_off.last().unwrap_or(&0) as usize];
    for (slot, t) in townships.iter().enumerate() {
        let c = county_of[t.index()];
        if c != NONE {
            county_towns[fill[c as usize] as usize] = slot as u32;
            fill[c as usize] += 1;
        }
    }
    let body_of = |t: &DivisionId, kind| {
        registry
            .body_of_kind(registry.get(*t).code, kind)
            .map_or(NONE, |b| b.0)
    };
    let town_gov: Vec<u32> = townships
        .iter()
        .map(|t| body_of(t, BodyKind::Government))
        .collect();
    let town_team: Vec<u32> = townships
        .iter()
        .map(|t| body_of(t, BodyKind::EnforcementTeam))
        .collect();
    let town_centre: Vec<u32> = townships
        .iter()
        .map(|t| body_of(t, BodyKind::ServiceCentre))
        .collect();
    // Departments by (division, sector), the sectors interned.
    let mut sectors: HashMap<String, u32> = HashMap::new();
    let mut dept_off = vec![0u32; n_div + 1];
    let mut depts: Vec<(u32, u32)> = Vec::new();
    {
        let bodies = registry.bodies();
        // Both lists are sorted by division code, and every body's
        // division is in the registry (Registry::new refuses any other),
        // so each division's bodies start where the previous one's end.
        let mut b = 0;
        for (i, d) in registry.divisions().iter().enumerate() {
            let start = depts.len();
            while b < bodies.len() && bodies[b].division == d.code {
                if bodies[b].kind == BodyKind::Department {
                    if let Some(s) = &bodies[b].sector {
                        let n = sectors.len() as u32;
                        let sid = *sectors.entry(s.as_str().to_owned()).or_insert(n);
                        depts.push((sid, b as u32));
                    }
                }
                b += 1;
            }
            // The first department of a sector wins: sort stably by sector
            // and drop later ones.
            depts[start..].sort_by_key(|&(s, _)| s);
            let mut w = start;
            for r in start..depts.len() {
                if w == start || depts[w - 1].0 != depts[r].0 {
                    depts[w] = depts[r];
                    w += 1;
                }
            }
            depts.truncate(w);
            dept_off[i + 1] = depts.len() as u32;
        }
    }
    let item_sector: Vec<u32> = items
        .iter()
        .map(|it| sectors.get(it.sector.as_str()).copied().unwrap_or(NONE))
        .collect();
    let n_sectors = sectors.len();
    // The dense (county slot, sector) → department table, when small.
    let county_dept = if counties.len().saturating_mul(n_sectors) <= 4_000_000 {
        let mut t = vec![NONE; counties.len() * n_sectors];
        for (c, id) in counties.iter().enumerate() {
            let i = id.index();
            for &(s, b) in &depts[dept_off[i] as usize..dept_off[i + 1] as usize] {
                t[c * n_sectors + s as usize] = b;
            }
        }
        t
    } else {
        Vec::new()
    };
    let mut item_flags: Vec<u8> = items
        .iter()
        .map(|it| match it.level {
            l if l >= Level::Township => crate::ledger::ITEM_TOWNSHIP,
            Level::County => crate::ledger::ITEM_COUNTY,
            _ => 0,
        })
        .collect();
    for ins in &instruments {
        if ins.kind == InstrumentKind::Concentration {
            for code in &ins.items {
                // Items held by townships by law have no county layer.
                if let Some(&i) = item_index.get(code) {
                    if item_flags[i as usize] & crate::ledger::ITEM_TOWNSHIP == 0 {
                        item_flags[i as usize] |= crate::ledger::ITEM_CONCENTRATED;
                    }
                }
            }
        }
    }
    let place: Vec<(u32, u32)> = township_of
        .iter()
        .zip(&county_of)
        .map(|(&t, &c)| (t, c))
        .collect();
    let township_items: Vec<u32> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.level >= Level::Township)
        .map(|(i, _)| i as u32)
        .collect();
    // Guidance lists by item.
    let mut guidance_of: HashMap<u32, Vec<u32>> = HashMap::new();
    for (g, ins) in instruments.iter().enumerate() {
        if ins.kind == InstrumentKind::GuidanceList {
            for code in &ins.items {
                if let Some(&i) = item_index.get(code) {
                    let list = guidance_of.entry(i).or_default();
                    if list.last() != Some(&(g as u32)) {
                        list.push(g as u32);
                    }
                }
            }
        }
    }

    let mut ledger = Ledger {
        name,
        illustrative,
        source,
        lines,
        registry,
        items,
        item_index,
        instruments,
        instrument_index,
        county_of,
        township_of,
        counties,
        county_slots,
        county_towns_off,
        county_towns,
        townships,
        town_gov,
        town_team,
        town_centre,
        item_sector,
        dept_off,
        depts,
        township_items,
        place,
        item_flags,
        n_sectors,
        county_dept,
        guidance_of,
        county_layer: Layer::default(),
        town_layer: Layer::default(),
        overlaps: Vec::new(),
        build_findings: Vec::new(),
        duties: Default::default(),
    };
    build_county_layer(&mut ledger, &mut findings);
    build_township_layer(&mut ledger, &mut findings)?;
    ledger.build_findings = findings;
    Ok(ledger)
}

/// Resolves an instrument's `county`, or its issuer's county.
pub(crate) fn instrument_county(ledger: &Ledger, ins: &Instrument) -> Option<DivisionCode> {
    ins.county.or_else(|| {
        ledger
            .registry
            .body(&ins.issuer)
            .and_then(|b| b.division.at(Level::County))
            .filter(|c| c.level() == Level::County)
    })
}

pub(crate) fn county_slot(ledger: &Ledger, county: DivisionCode) -> Option<u32> {
    ledger.county_slots.get(&county).copied()
}

fn build_county_layer(ledger: &mut Ledger, findings: &mut Vec<Finding>) {
    let mut entries: Vec<(u32, u32, Segment)> = Vec::new();
    for (idx, ins) in ledger.instruments.iter().enumerate() {
        if ins.kind != InstrumentKind::Concentration {
            continue;
        }
        let here = |needle: Option<&str>| ledger.location(idx, needle);
        let Some(county) = instrument_county(ledger, ins) else {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                here(None),
                format!("concentration {:?} names no county (set `county`)", ins.id),
                format!("划转 {:?} 未指明县（请设置 `county`）", ins.id),
            ));
            continue;
        };
        let Some(c) = county_slot(ledger, county) else {
            findings.push(unknown_division(ledger, idx, county.to_string()));
            continue;
        };
        let Some(to) = ins.to.as_deref() else {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                here(None),
                format!(
                    "concentration {:?} names no receiving body (set `to`)",
                    ins.id
                ),
                format!("划转 {:?} 未指明划入机关（请设置 `to`）", ins.id),
            ));
            continue;
        };
        let Some(to) = ledger.registry.body_id(to) else {
            findings.push(unknown_body(ledger, idx, to));
            continue;
        };
        for code in &ins.items {
            let Some(&i) = ledger.item_index.get(code) else {
                findings.push(unknown_item(ledger, idx, code));
                continue;
            };
            entries.push((
                c,
                i,
                Segment {
                    from: day(ins.effective_from),
                    until: ins.effective_until.map_or(OPEN, day),
                    holder: to.0,
                    by: NONE,
                    instrument: idx as u32,
                },
            ));
        }
    }
    entries.retain(|e| e.2.from < e.2.until);
    ledger.county_layer = Layer::build(
        ledger.counties.len(),
        ledger.items.len(),
        entries,
        |_, _, _| {},
    );
}

/// The township slots an instrument names.
pub(crate) fn targets(
    ledger: &Ledger,
    idx: usize,
    mut findings: Option<&mut Vec<Finding>>,
) -> Vec<u32> {
    let ins = &ledger.instruments[idx];
    let mut out = Vec::new();
    for t in &ins.townships {
        let slot = ledger
            .registry
            .division_id(*t)
            .filter(|_| t.level() == Level::Township)
            .map(|id| ledger.township_of[id.index()]);
        match slot {
            Some(s) if s != NONE => out.push(s),
            _ => {
                if let Some(f) = findings.as_deref_mut() {
                    f.push(unknown_division(ledger, idx, t.to_string()));
                }
            }
        }
    }
    if let Some(county) = ins.county {
        match county_slot(ledger, county) {
            Some(c) => {
                for &t in ledger.townships_of_county(c) {
                    let d = ledger.registry.get(ledger.townships[t as usize]);
                    if ins.tag.as_deref().is_none_or(|tag| d.has_tag(tag)) {
                        out.push(t);
                    }
                }
            }
            None => {
                if let Some(f) = findings {
                    f.push(unknown_division(ledger, idx, county.to_string()));
                }
            }
        }
    }
    out
}

fn build_township_layer(ledger: &mut Ledger, findings: &mut Vec<Finding>) -> Result<(), Error> {
    // Count first, so that a small file cannot allocate without bound.
    let mut total = 0usize;
    for (idx, ins) in ledger.instruments.iter().enumerate() {
        if matches!(
            ins.kind,
            InstrumentKind::Devolution | InstrumentKind::Entrustment | InstrumentKind::Revocation
        ) {
            let towns = targets(ledger, idx, None).len();
            total = total.saturating_add(towns.saturating_mul(ins.items.len()));
        }
    }
    if total > MAX_GRANTS {
        return Err(Error::TooLarge {
            origin: ledger.source.origin.clone(),
            message: format!(
                "its instruments name {total} (item, township) pairs; the limit is {MAX_GRANTS}"
            ),
        });
    }
    let mut grants: Vec<(u32, u32, Segment)> = Vec::new();
    let mut cuts: Vec<(u32, u32, i32)> = Vec::new();
    for (idx, ins) in ledger.instruments.iter().enumerate() {
        if !matches!(
            ins.kind,
            InstrumentKind::Devolution | InstrumentKind::Entrustment | InstrumentKind::Revocation
        ) {
            continue;
        }
        let towns = targets(ledger, idx, Some(findings));
        if towns.is_empty() && ins.townships.is_empty() && ins.county.is_none() {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                ledger.location(idx, None),
                format!(
                    "{} {:?} names no townships (set `townships` or `county`)",
                    ins.kind.zh(),
                    ins.id
                ),
                format!(
                    "{} {:?} 未指明乡镇（请设置 `townships` 或 `county`）",
                    ins.kind.zh(),
                    ins.id
                ),
            ));
        }
        let mut item_ids = Vec::with_capacity(ins.items.len());
        for code in &ins.items {
            match ledger.item_index.get(code) {
                Some(&i) => item_ids.push(i),
                None => findings.push(unknown_item(ledger, idx, code)),
            }
        }
        for code in &ins.from {
            if ledger.registry.body_id(code).is_none() {
                findings.push(unknown_body(ledger, idx, code));
            }
        }
        let from = day(ins.effective_from);
        let until = ins.effective_until.map_or(OPEN, day);
        if ins.kind == InstrumentKind::Revocation {
            for &t in &towns {
                for &i in &item_ids {
                    cuts.push((t, i, from));
                }
            }
            continue;
        }
        for &t in &towns {
            let gov = ledger.town_gov[t as usize];
            if gov == NONE {
                let town_code = ledger.registry.get(ledger.townships[t as usize]).code;
                findings.push(Finding::new(
                    Severity::Error,
                    FindingKind::UnknownCode,
                    ledger
                        .location(idx, Some(&town_code.to_string()))
                        .with_division(town_code.to_string()),
                    format!(
                        "township {town_code} has no government body to receive {:?}",
                        ins.id
                    ),
                    format!("乡镇 {town_code} 没有人民政府可承接 {:?}", ins.id),
                ));
                continue;
            }
            for &i in &item_ids {
                let enforcement = ledger.items[i as usize].category.is_enforcement();
                let exerciser = if enforcement {
                    ledger.town_team[t as usize]
                } else {
                    ledger.town_centre[t as usize]
                };
                let (holder, by) = match ins.kind {
                    InstrumentKind::Devolution => (gov, exerciser),
                    _ => {
                        // Entrustment: the entrusting body stays the holder;
                        // the township exercises the item.
                        let county = ledger.county_of[ledger.townships[t as usize].index()];
                        let current = ledger
                            .county_holding(i, county, ledger.townships[t as usize].index(), from)
                            .map(|s| s.holder);
                        let giver = ins
                            .from
                            .iter()
                            .filter_map(|c| ledger.registry.body_id(c))
                            .map(|b| b.0)
                            .find(|b| Some(*b) == current)
                            .or(current);
                        let Some(giver) = giver else { continue };
                        (giver, if exerciser == NONE { gov } else { exerciser })
                    }
                };
                grants.push((
                    t,
                    i,
                    Segment {
                        from,
                        until,
                        holder,
                        by,
                        instrument: idx as u32,
                    },
                ));
            }
        }
    }
    // A revocation ends what was held the day before it takes effect: not
    // a grant starting that same day (a finding of the check), and not what
    // a township holds by law (never stored here).
    cuts.sort_unstable();
    for g in &mut grants {
        let lo = cuts.partition_point(|c| (c.0, c.1, c.2) <= (g.0, g.1, g.2.from));
        if let Some(c) = cuts.get(lo) {
            if (c.0, c.1) == (g.0, g.1) && c.2 < g.2.until {
                g.2.until = c.2;
            }
        }
    }
    grants.retain(|g| g.2.from < g.2.until);
    let mut overlaps = Vec::new();
    ledger.town_layer = Layer::build(
        ledger.townships.len(),
        ledger.items.len(),
        grants,
        |t, i, group| {
            overlap_runs(t, i, group, &mut overlaps);
        },
    );
    ledger.overlaps = overlaps;
    Ok(())
}

/// Reports each run of overlapping grants once: a run is a maximal chain of
/// grants, in date order, each starting before every earlier one has ended,
/// that is, a largest set of grants all in force together on some day.
/// Sweeping the starts and ends in date order (an end first on a day where
/// one grant ends and another starts: the days are half-open), the grants
/// in force just before an end that follows a start are such a set, in
/// force together from the latest start to that end. `group` is sorted by
/// start, then instrument; a township listed twice in one instrument gives
/// identical grants, counted once. There are at most as many runs as
/// grants, and each names at most `OVERLAP_NAMES` instruments.
fn overlap_runs(township: u32, item: u32, group: &[Segment], out: &mut Vec<Overlap>) {
    if group.len() < 2 {
        return;
    }
    let mut grants: Vec<&Segment> = group.iter().collect();
    grants.dedup_by(|a, b| a.instrument == b.instrument && a.from == b.from && a.until == b.until);
    let mut ends: Vec<(i32, usize)> = grants
        .iter()
        .enumerate()
        .map(|(k, s)| (s.until, k))
        .collect();
    ends.sort_unstable();
    // The grants in force, by their position in date order.
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let (mut next, mut latest, mut grew) = (0, 0, false);
    for &(until, k) in &ends {
        while next < grants.len() && grants[next].from < until {
            active.insert(next);
            latest = grants[next].from;
            grew = true;
            next += 1;
        }
        if grew && active.len() > 1 {
            out.push(Overlap {
                item,
                township,
                instruments: active
                    .iter()
                    .take(OVERLAP_NAMES)
                    .map(|&g| grants[g].instrument)
                    .collect(),
                count: active.len(),
                from: latest,
                until,
            });
        }
        grew = false;
        active.remove(&k);
    }
}

/// Lays `group` (sorted by start, then instrument) out as a timeline: in
/// each stretch, the grant that started last wins (ties: the later
/// instrument). Appends to `out`, merging neighbours with the same holder.
/// A heap of the grants in force keeps it O(n log n).
pub(crate) fn sweep(group: &[Segment], out: &mut Vec<Segment>) {
    let mut bounds: Vec<i32> = Vec::with_capacity(group.len() * 2);
    for s in group {
        bounds.push(s.from);
        if s.until != OPEN {
            bounds.push(s.until);
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    let first = out.len();
    let mut heap: BinaryHeap<(i32, u32, usize)> = BinaryHeap::new();
    let mut next = 0;
    for (k, &from) in bounds.iter().enumerate() {
        while next < group.len() && group[next].from <= from {
            heap.push((group[next].from, group[next].instrument, next));
            next += 1;
        }
        while heap.peek().is_some_and(|&(_, _, i)| group[i].until <= from) {
            heap.pop();
        }
        let Some(&(_, _, w)) = heap.peek() else {
            continue;
        };
        let until = bounds.get(k + 1).copied().unwrap_or(OPEN);
        let seg = Segment {
            from,
            until,
            ..group[w]
        };
        let len = out.len();
        match out.last_mut() {
            Some(last)
                if len > first
                    && last.until == from
                    && (last.holder, last.by, last.instrument)
                        == (seg.holder, seg.by, seg.instrument) =>
            {
                last.until = until;
            }
            _ => out.push(seg),
        }
    }
}

fn unknown_item(ledger: &Ledger, idx: usize, code: &str) -> Finding {
    let ins = &ledger.instruments[idx];
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        ledger.location(idx, Some(code)).with_item(code),
        format!("{} {:?} names unknown item {code:?}", ins.kind.zh(), ins.id),
        format!("{} {:?} 所列事项 {code:?} 不存在", ins.kind.zh(), ins.id),
    )
}

fn unknown_body(ledger: &Ledger, idx: usize, code: &str) -> Finding {
    let ins = &ledger.instruments[idx];
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        ledger.location(idx, Some(code)),
        format!("{} {:?} names unknown body {code:?}", ins.kind.zh(), ins.id),
        format!("{} {:?} 所列机关 {code:?} 不存在", ins.kind.zh(), ins.id),
    )
}

fn unknown_division(ledger: &Ledger, idx: usize, code: String) -> Finding {
    let ins = &ledger.instruments[idx];
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        ledger.location(idx, Some(&code)),
        format!(
            "{} {:?} names {code}, which is not a county or township of the ledger",
            ins.kind.zh(),
            ins.id
        ),
        format!(
            "{} {:?} 所列 {code} 不是本台账中的县或乡镇",
            ins.kind.zh(),
            ins.id
        ),
    )
}
