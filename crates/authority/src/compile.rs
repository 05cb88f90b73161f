//! Compiling a ledger file into timelines.

use std::collections::HashMap;

use jiceng_org::{BodyKind, DivisionCode, Level, Registry};

use crate::check::{Finding, FindingKind, Location, Severity};
use crate::error::Error;
use crate::file::Source;
use crate::instrument::{Instrument, InstrumentKind};
use crate::item::PowerItem;
use crate::ledger::{Grant, Ledger, NONE, Segment, day};

const OPEN: i32 = i32::MAX;
const START: i32 = i32::MIN;

pub(crate) fn compile(
    name: String,
    illustrative: bool,
    source: Source,
    registry: Registry,
    items: Vec<PowerItem>,
    instruments: Vec<Instrument>,
) -> Result<Ledger, Error> {
    let mut findings = Vec::new();
    let mut item_index = HashMap::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        if item_index.insert(it.code.clone(), i as u32).is_some() {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::DuplicateCode,
                Location::item(&source, &it.code),
                format!("item code {:?} is used twice", it.code),
            ));
        }
    }
    // Keep the first of duplicated codes.
    for (i, it) in items.iter().enumerate().rev() {
        item_index.insert(it.code.clone(), i as u32);
    }
    let mut instrument_index = HashMap::with_capacity(instruments.len());
    for (i, ins) in instruments.iter().enumerate().rev() {
        if instrument_index.insert(ins.id.clone(), i as u32).is_some() {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::DuplicateCode,
                Location::instrument(&source, &ins.id, None),
                format!("instrument id {:?} is used twice", ins.id),
            ));
        }
    }

    let n_div = registry.divisions().len();
    let mut counties = Vec::new();
    let mut townships = Vec::new();
    let mut county_slot = HashMap::new();
    let mut township_slot = HashMap::new();
    for (i, d) in registry.divisions().iter().enumerate() {
        match d.code.level() {
            Level::County => {
                county_slot.insert(d.code, counties.len() as u32);
                counties.push(jiceng_org::DivisionId(i as u32));
            }
            Level::Township => {
                township_slot.insert(d.code, townships.len() as u32);
                townships.push(jiceng_org::DivisionId(i as u32));
            }
            _ => {}
        }
    }
    let mut county_of = vec![NONE; n_div];
    let mut township_of = vec![NONE; n_div];
    for (i, d) in registry.divisions().iter().enumerate() {
        if let Some(c) = d.code.at(Level::County) {
            county_of[i] = county_slot.get(&c).copied().unwrap_or(NONE);
        }
        if let Some(t) = d.code.at(Level::Township) {
            township_of[i] = township_slot.get(&t).copied().unwrap_or(NONE);
        }
    }

    let mut ledger = Ledger {
        name,
        illustrative,
        source,
        registry,
        items,
        item_index,
        instruments,
        instrument_index,
        county_of,
        township_of,
        counties,
        townships,
        county_off: Vec::new(),
        county_segs: Vec::new(),
        town_off: Vec::new(),
        town_segs: Vec::new(),
        overlaps: Vec::new(),
        build_findings: Vec::new(),
    };
    let departments = departments(&ledger.registry);
    build_county_layer(&mut ledger, &departments, &mut findings);
    build_township_layer(&mut ledger, &mut findings);
    ledger.build_findings = findings;
    Ok(ledger)
}

/// (division code, sector) → the department of that sector there.
fn departments(reg: &Registry) -> HashMap<(DivisionCode, String), u32> {
    let mut map = HashMap::new();
    for (i, b) in reg.bodies().iter().enumerate() {
        if b.kind == BodyKind::Department {
            if let Some(s) = &b.sector {
                map.entry((b.division, s.as_str().to_owned()))
                    .or_insert(i as u32);
            }
        }
    }
    map
}

/// The body that holds `item` by law for matters in the division with
/// index `div`: the department of the item's sector at the item's level, or
/// for items held by townships, the township government.
pub(crate) fn statutory_holder(ledger: &Ledger, item: u32, div: usize) -> Option<u32> {
    let it = &ledger.items[item as usize];
    let code = ledger.registry.divisions()[div].code;
    if it.level >= Level::Township {
        let town = code.at(Level::Township)?;
        return ledger
            .registry
            .body_of_kind(town, BodyKind::Government)
            .map(|b| b.0);
    }
    let at = code.at(it.level)?;
    let start = ledger
        .registry
        .bodies()
        .partition_point(|b| b.division < at);
    ledger
        .registry
        .bodies_in(at)
        .iter()
        .position(|b| b.kind == BodyKind::Department && b.sector.as_ref() == Some(&it.sector))
        .map(|p| (start + p) as u32)
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

fn build_county_layer(
    ledger: &mut Ledger,
    departments: &HashMap<(DivisionCode, String), u32>,
    findings: &mut Vec<Finding>,
) {
    let n_c = ledger.counties.len();
    let mut overrides: HashMap<(u32, u32), Vec<Segment>> = HashMap::new();
    for (idx, ins) in ledger.instruments.iter().enumerate() {
        if ins.kind != InstrumentKind::Concentration {
            continue;
        }
        let Some(county) = instrument_county(ledger, ins) else {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                Location::instrument(&ledger.source, &ins.id, None),
                format!("concentration {:?} names no county (set `county`)", ins.id),
            ));
            continue;
        };
        let Some(&c) = county_slot(ledger, county) else {
            findings.push(unknown_division(ledger, ins, county.to_string()));
            continue;
        };
        let Some(to) = ins.to.as_deref() else {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                Location::instrument(&ledger.source, &ins.id, None),
                format!(
                    "concentration {:?} names no receiving body (set `to`)",
                    ins.id
                ),
            ));
            continue;
        };
        let Some(to) = ledger.registry.body_id(to) else {
            findings.push(unknown_body(ledger, ins, to));
            continue;
        };
        for code in &ins.items {
            let Some(&i) = ledger.item_index.get(code) else {
                findings.push(unknown_item(ledger, ins, code));
                continue;
            };
            overrides.entry((i, c)).or_default().push(Segment {
                from: day(ins.effective_from),
                until: ins.effective_until.map_or(OPEN, day),
                holder: to.0,
                by: NONE,
                instrument: idx as u32,
            });
        }
    }
    let mut off = Vec::with_capacity(ledger.items.len() * n_c + 1);
    let mut segs = Vec::new();
    off.push(0u32);
    for i in 0..ledger.items.len() as u32 {
        let it = &ledger.items[i as usize];
        for c in 0..n_c as u32 {
            let county_code = ledger.registry.get(ledger.counties[c as usize]).code;
            let base = if it.level <= Level::County {
                county_code
                    .at(it.level)
                    .and_then(|at| departments.get(&(at, it.sector.as_str().to_owned())))
                    .map(|&holder| Segment {
                        from: START,
                        until: OPEN,
                        holder,
                        by: NONE,
                        instrument: NONE,
                    })
            } else {
                None
            };
            match overrides.get_mut(&(i, c)) {
                Some(list) => sweep(base, list, &mut segs),
                None => segs.extend(base),
            }
            off.push(segs.len() as u32);
        }
    }
    ledger.county_off = off;
    ledger.county_segs = segs;
}

fn county_slot(ledger: &Ledger, county: DivisionCode) -> Option<&u32> {
    let id = ledger.registry.division_id(county)?;
    (ledger.county_of[id.index()] != NONE && county.level() == Level::County)
        .then(|| &ledger.county_of[id.index()])
}

/// The township slots an instrument names.
pub(crate) fn targets(ledger: &Ledger, ins: &Instrument, findings: &mut Vec<Finding>) -> Vec<u32> {
    let mut out = Vec::new();
    for t in &ins.townships {
        let slot = ledger
            .registry
            .division_id(*t)
            .filter(|_| t.level() == Level::Township)
            .map(|id| ledger.township_of[id.index()]);
        match slot {
            Some(s) if s != NONE => out.push(s),
            _ => findings.push(unknown_division(ledger, ins, t.to_string())),
        }
    }
    if let Some(county) = ins.county {
        match county_slot(ledger, county) {
            Some(&c) => {
                for t in ledger.townships_of_county(c) {
                    let d = ledger.registry.get(ledger.townships[t as usize]);
                    if ins.tag.as_deref().is_none_or(|tag| d.has_tag(tag)) {
                        out.push(t);
                    }
                }
            }
            None => findings.push(unknown_division(ledger, ins, county.to_string())),
        }
    }
    out
}

fn build_township_layer(ledger: &mut Ledger, findings: &mut Vec<Finding>) {
    let n_t = ledger.townships.len();
    let mut grants: Vec<Grant> = Vec::new();
    let mut cuts: HashMap<(u32, u32), Vec<i32>> = HashMap::new();
    for (idx, ins) in ledger.instruments.iter().enumerate() {
        if !matches!(
            ins.kind,
            InstrumentKind::Devolution | InstrumentKind::Entrustment | InstrumentKind::Revocation
        ) {
            continue;
        }
        let towns = targets(ledger, ins, findings);
        if towns.is_empty() && ins.townships.is_empty() && ins.county.is_none() {
            findings.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                Location::instrument(&ledger.source, &ins.id, None),
                format!(
                    "{} {:?} names no townships (set `townships` or `county`)",
                    ins.kind.zh(),
                    ins.id
                ),
            ));
        }
        let mut item_ids = Vec::with_capacity(ins.items.len());
        for code in &ins.items {
            match ledger.item_index.get(code) {
                Some(&i) => item_ids.push(i),
                None => findings.push(unknown_item(ledger, ins, code)),
            }
        }
        for code in &ins.from {
            if ledger.registry.body_id(code).is_none() {
                findings.push(unknown_body(ledger, ins, code));
            }
        }
        let from = day(ins.effective_from);
        let until = ins.effective_until.map_or(OPEN, day);
        for &t in &towns {
            let town_code = ledger.registry.get(ledger.townships[t as usize]).code;
            let gov = ledger
                .registry
                .body_of_kind(town_code, BodyKind::Government);
            let team = ledger
                .registry
                .body_of_kind(town_code, BodyKind::EnforcementTeam);
            let centre = ledger
                .registry
                .body_of_kind(town_code, BodyKind::ServiceCentre);
            for &i in &item_ids {
                if ins.kind == InstrumentKind::Revocation {
                    cuts.entry((i, t)).or_default().push(from);
                    continue;
                }
                let Some(gov) = gov else {
                    findings.push(Finding::new(
                        Severity::Error,
                        FindingKind::UnknownCode,
                        Location::instrument(&ledger.source, &ins.id, None),
                        format!(
                            "township {town_code} has no government body to receive {:?}",
                            ins.id
                        ),
                    ));
                    break;
                };
                let enforcement = ledger.items[i as usize].category.is_enforcement();
                let exerciser = if enforcement { team } else { centre };
                let (holder, by) = match ins.kind {
                    InstrumentKind::Devolution => (gov.0, exerciser.map_or(NONE, |b| b.0)),
                    _ => {
                        // Entrustment: the entrusting body stays the holder;
                        // the township exercises the item.
                        let county = ledger.county_of[ledger.townships[t as usize].index()];
                        let current = ledger.county_segment(i, county, from).map(|s| s.holder);
                        let giver = ins
                            .from
                            .iter()
                            .filter_map(|c| ledger.registry.body_id(c))
                            .map(|b| b.0)
                            .find(|b| Some(*b) == current)
                            .or(current);
                        let Some(giver) = giver else { continue };
                        (giver, exerciser.unwrap_or(gov).0)
                    }
                };
                grants.push(Grant {
                    item: i,
                    township: t,
                    seg: Segment {
                        from,
                        until,
                        holder,
                        by,
                        instrument: idx as u32,
                    },
                });
            }
        }
    }
    // Items held by townships by law: the township government, from the
    // start, under whatever instruments say later.
    for (i, it) in ledger.items.iter().enumerate() {
        if it.level < Level::Township {
            continue;
        }
        for (t, div) in ledger.townships.iter().enumerate() {
            let code = ledger.registry.get(*div).code;
            if let Some(gov) = ledger.registry.body_of_kind(code, BodyKind::Government) {
                grants.push(Grant {
                    item: i as u32,
                    township: t as u32,
                    seg: Segment {
                        from: START,
                        until: OPEN,
                        holder: gov.0,
                        by: NONE,
                        instrument: NONE,
                    },
                });
            }
        }
    }
    for list in cuts.values_mut() {
        list.sort_unstable();
    }
    for g in &mut grants {
        if let Some(list) = cuts.get(&(g.item, g.township)) {
            // A revocation ends what was held the day before it takes
            // effect: not a grant starting that same day, and not what a
            // township holds by law (both are findings of the check).
            if g.seg.instrument != NONE {
                if let Some(&r) = list.iter().find(|&&r| r > g.seg.from && r < g.seg.until) {
                    g.seg.until = r;
                }
            }
        }
    }
    grants.retain(|g| g.seg.from < g.seg.until);
    grants.sort_by_key(|g| {
        (
            g.item as usize * n_t + g.township as usize,
            g.seg.from,
            g.seg.instrument,
        )
    });
    let total = ledger.items.len() * n_t;
    let mut off = Vec::with_capacity(total + 1);
    let mut segs = Vec::with_capacity(grants.len());
    off.push(0u32);
    let mut g = 0;
    let mut group: Vec<Segment> = Vec::new();
    let mut overlaps = Vec::new();
    for k in 0..total {
        group.clear();
        while g < grants.len() && grants[g].item as usize * n_t + grants[g].township as usize == k {
            group.push(grants[g].seg);
            g += 1;
        }
        if !group.is_empty() {
            // Two instruments granting the same item to the same township
            // at once: kept for the check to report.
            for (a, x) in group.iter().enumerate() {
                for y in &group[a + 1..] {
                    let both = x.instrument != NONE
                        && y.instrument != NONE
                        && x.instrument != y.instrument;
                    if both && x.from < y.until && y.from < x.until {
                        overlaps.push((k / n_t.max(1), k % n_t.max(1), x.instrument, y.instrument));
                    }
                }
            }
            sweep(None, &mut group, &mut segs);
        }
        off.push(segs.len() as u32);
    }
    ledger.town_off = off;
    ledger.town_segs = segs;
    ledger.overlaps = overlaps;
}

/// Lays `overrides` over `base`: in each stretch, the override that started
/// last wins (ties: the later instrument). Appends the result to `out`,
/// merging neighbours with the same holder.
fn sweep(base: Option<Segment>, overrides: &mut [Segment], out: &mut Vec<Segment>) {
    let mut bounds: Vec<i32> = Vec::with_capacity(overrides.len() * 2 + 1);
    bounds.push(START);
    for s in overrides.iter() {
        bounds.push(s.from);
        if s.until != OPEN {
            bounds.push(s.until);
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    let first = out.len();
    for (k, &from) in bounds.iter().enumerate() {
        let until = bounds.get(k + 1).copied().unwrap_or(OPEN);
        let winner = overrides
            .iter()
            .filter(|s| s.from <= from && from < s.until)
            .max_by_key(|s| (s.from, s.instrument))
            .copied()
            .or(base);
        let Some(w) = winner else { continue };
        let seg = Segment { from, until, ..w };
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

fn unknown_item(ledger: &Ledger, ins: &Instrument, code: &str) -> Finding {
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        Location::instrument(&ledger.source, &ins.id, Some(code)).with_item(code),
        format!("{} {:?} names unknown item {code:?}", ins.kind.zh(), ins.id),
    )
}

fn unknown_body(ledger: &Ledger, ins: &Instrument, code: &str) -> Finding {
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        Location::instrument(&ledger.source, &ins.id, Some(code)),
        format!("{} {:?} names unknown body {code:?}", ins.kind.zh(), ins.id),
    )
}

fn unknown_division(ledger: &Ledger, ins: &Instrument, code: String) -> Finding {
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        Location::instrument(&ledger.source, &ins.id, Some(&code)),
        format!(
            "{} {:?} names {code}, which is not a county or township of the ledger",
            ins.kind.zh(),
            ins.id
        ),
    )
}
