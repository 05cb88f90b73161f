//! Synthetic duty lists for a synthetic province (see [`crate::synth`]).

use chrono::NaiveDate;
use jiceng_org::{DivisionKind, Level};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::duty::{Assessment, AssessmentKind, DutyChange, DutyItem, DutyKind, DutyList};
use crate::file::LedgerFile;

/// The size and seed of synthetic duty lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyParams {
    /// The random seed.
    pub seed: u64,
    /// Duty items on the province template (Hebei's has 90); at most 1,000.
    pub duties: u32,
    /// The day the template and the county adaptations take effect.
    pub from: NaiveDate,
}

impl Default for DutyParams {
    /// Hebei's 90 items, in force from 2021-07-01.
    fn default() -> DutyParams {
        DutyParams {
            seed: 1,
            duties: 90,
            // 2021-07-01 is a valid date.
            from: NaiveDate::from_ymd_opt(2021, 7, 1).unwrap_or_default(),
        }
    }
}

const DOMAINS: [&str; 7] = [
    "党的建设",
    "经济发展",
    "民生服务",
    "平安法治",
    "社会治理",
    "生态文明",
    "乡村振兴",
];

/// Adds to a synthetic province a template of `duties` items (about 3 in
/// 4 basic, one in ten of them needing an item of the guidance list; 1 in
/// 6 cooperative, which together need every item of the guidance list and
/// are led by the sector of the first; the rest returned), one adaptation per
/// county adopting it, a township list for one township in ten that makes
/// one cooperative duty basic, and one assessment item per county.
///
/// # Example
///
/// ```
/// use jiceng_authority::synth::{province, with_duties, DutyParams, SynthParams};
/// use jiceng_authority::{Ledger, Source};
///
/// let params = SynthParams { townships: 60, villages: 200, items: 40, instruments: 120, ..SynthParams::default() };
/// let file = with_duties(province(&params), &DutyParams::default());
/// assert_eq!(file.duties.len(), 90);
/// let ledger = Ledger::build(file, Source::default())?;
/// let town = ledger.registry().divisions().iter().find(|d| d.code.level() == jiceng_org::Level::Township).unwrap();
/// assert_eq!(ledger.duties_of(town.code, "2025-01-01".parse()?)?.len(), 90);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn with_duties(mut file: LedgerFile, p: &DutyParams) -> LedgerFile {
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let n = p.duties.min(1000);
    let province = file
        .divisions
        .iter()
        .find(|d| d.code.level() == Level::Province)
        .map(|d| d.code);
    let Some(province) = province else {
        return file;
    };
    let issuer = file
        .bodies
        .iter()
        .find(|b| b.division == province)
        .map_or_else(|| "p-gov".to_owned(), |b| b.code.clone());
    // The items townships may be given: those on a guidance list.
    let mut guidance: Vec<usize> = Vec::new();
    for ins in &file.instruments {
        if ins.kind == crate::instrument::InstrumentKind::GuidanceList {
            for code in &ins.items {
                if let Some(i) = file.items.iter().position(|it| &it.code == code) {
                    if !guidance.contains(&i) {
                        guidance.push(i);
                    }
                }
            }
        }
    }
    let mut duties = Vec::new();
    let mut needs: Vec<Vec<usize>> = Vec::new();
    for k in 0..n {
        let roll = rng.random_range(0..12u32);
        let kind = match roll {
            0..=8 => DutyKind::Basic,
            9 | 10 => DutyKind::Cooperative,
            _ => DutyKind::Returned,
        };
        let mut powers = Vec::new();
        if kind == DutyKind::Basic && !guidance.is_empty() && rng.random_bool(0.1) {
            powers.push(guidance[rng.random_range(0..guidance.len())]);
        }
        needs.push(powers);
        duties.push(DutyItem {
            code: format!("D-{:03}", k + 1),
            name: format!("合成职责事项{}", k + 1),
            domain: DOMAINS[k as usize % DOMAINS.len()].to_owned(),
            kind,
            basis: Vec::new(),
            powers: Vec::new(),
            lead: None,
            lead_part: None,
            township_part: None,
        });
    }
    // Every devolvable item is needed by a cooperative duty, in turn, so
    // that a township's grants have a use.
    let coop: Vec<usize> = (0..duties.len())
        .filter(|&k| duties[k].kind == DutyKind::Cooperative)
        .collect();
    if !coop.is_empty() {
        for (j, &i) in guidance.iter().enumerate() {
            needs[coop[j % coop.len()]].push(i);
        }
    }
    for (d, need) in duties.iter_mut().zip(&needs) {
        d.powers = need.iter().map(|&i| file.items[i].code.clone()).collect();
        if d.kind != DutyKind::Basic {
            d.lead = need.first().map(|&i| file.items[i].sector.clone());
            d.lead_part = d.lead.as_ref().map(|_| "牵头".to_owned());
            d.township_part = d.lead.as_ref().map(|_| "配合".to_owned());
        }
    }
    let doc = |k: usize| format!("合成职责〔2021〕{k}号");
    let mut lists = vec![DutyList {
        id: "synth-duty-template".to_owned(),
        issuer,
        document: Some(doc(0)),
        title: "合成省乡镇（街道）职责清单模板".to_owned(),
        published: p.from,
        effective_from: p.from,
        effective_until: None,
        province: Some(province),
        county: None,
        template: None,
        townships: Vec::new(),
        items: duties.iter().map(|d| d.code.clone()).collect(),
        changes: Vec::new(),
        removes: Vec::new(),
    }];
    let cooperative: Vec<&DutyItem> = duties
        .iter()
        .filter(|d| d.kind == DutyKind::Cooperative)
        .collect();
    let mut assessments = Vec::new();
    let counties: Vec<_> = file
        .divisions
        .iter()
        .filter(|d| d.kind == DivisionKind::County)
        .map(|d| d.code)
        .collect();
    for (k, c) in counties.iter().enumerate() {
        let gov = file
            .bodies
            .iter()
            .find(|b| b.division == *c)
            .map_or_else(String::new, |b| b.code.clone());
        lists.push(DutyList {
            id: format!("synth-duty-county-{}", k + 1),
            issuer: gov.clone(),
            document: Some(doc(k + 1)),
            title: format!("合成县{}乡镇职责清单", k + 1),
            published: p.from,
            effective_from: p.from,
            effective_until: None,
            province: None,
            county: Some(*c),
            template: Some("synth-duty-template".to_owned()),
            townships: Vec::new(),
            items: Vec::new(),
            changes: Vec::new(),
            removes: Vec::new(),
        });
        if let Some(d) = duties.get(rng.random_range(0..duties.len().max(1))) {
            assessments.push(Assessment {
                id: format!("synth-assessment-{}", k + 1),
                kind: AssessmentKind::Assessment,
                issuer: gov,
                title: format!("合成县{}乡镇考核", k + 1),
                effective_from: p.from,
                effective_until: None,
                county: Some(*c),
                townships: Vec::new(),
                duty: Some(d.code.clone()),
            });
        }
    }
    let towns: Vec<_> = file
        .divisions
        .iter()
        .filter(|d| d.code.level() == Level::Township)
        .map(|d| d.code)
        .collect();
    for (k, t) in towns.iter().enumerate().step_by(10) {
        let Some(d) = cooperative.get(k % cooperative.len().max(1)) else {
            break;
        };
        let gov = file
            .bodies
            .iter()
            .find(|b| b.division == *t)
            .map_or_else(String::new, |b| b.code.clone());
        lists.push(DutyList {
            id: format!("synth-duty-town-{}", k + 1),
            issuer: gov,
            document: Some(doc(10_000 + k)),
            title: format!("乡镇职责清单{}", k + 1),
            published: p.from,
            effective_from: p.from,
            effective_until: None,
            province: None,
            county: None,
            template: None,
            townships: vec![*t],
            items: Vec::new(),
            changes: vec![DutyChange {
                code: d.code.clone(),
                kind: Some(DutyKind::Basic),
                lead: None,
                lead_part: None,
                township_part: None,
            }],
            removes: Vec::new(),
        });
    }
    file.duties = duties;
    file.duty_lists = lists;
    file.assessments = assessments;
    file
}
