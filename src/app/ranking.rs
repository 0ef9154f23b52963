//! One ranking path for every search field (the Residents tab, intake's applicant step, the
//! booking picker, the Members tab): each caller narrows from its own last keystroke and
//! widens on backspace from its own kept stack. After every update the fields whose text moved
//! away from what their list shows are ranked again: at once when the app ranks inline, or
//! handed to the runtime's ranking thread when it runs offloaded, the newest query winning.

use super::overlay::Overlay;
use super::{App, Effect};
use crate::search::{Hit, Index, Narrowing};

/// Who asked for a ranking: each keeps its own narrowing and its own list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The Residents tab's search field.
    Residents,
    /// Intake's applicant step.
    Intake,
    /// The booking dialog's resident picker.
    Booking,
    /// The Members tab's search field (registry and desk).
    Members,
}

impl Who {
    /// Every caller, in the order they are followed.
    pub const ALL: [Who; 4] = [Who::Residents, Who::Intake, Who::Booking, Who::Members];
}

/// What a list shows hits for: the query and the generation of the index they were ranked on.
pub type Shown = Option<(String, u64)>;

/// A ranking to do off the UI thread: a snapshot of the index (its documents are shared, not
/// copied) and the caller's narrowing, which comes back with the hits.
#[derive(Debug, Clone)]
pub struct RankJob {
    /// Who asked.
    pub who: Who,
    /// The index as it was when asked.
    pub index: Index,
    /// The caller's narrowing (lent to the job).
    pub narrowing: Narrowing,
    /// The query, as the caller's field held it.
    pub query: String,
    /// Hits with match positions.
    pub limit: usize,
    /// The caller's count of index changes when asked: a result for another is stale.
    pub generation: u64,
}

/// Two jobs are the same request when they ask the same caller the same query on the same
/// index (the snapshot and the narrowing follow from those).
impl PartialEq for RankJob {
    fn eq(&self, other: &Self) -> bool {
        (self.who, &self.query, self.generation, self.limit) == (other.who, &other.query, other.generation, other.limit)
    }
}

impl Eq for RankJob {}

impl RankJob {
    /// Ranks the query on the snapshot (the work of a ranking thread).
    pub fn run(mut self) -> Ranked {
        let hits = self.index.search_from(&mut self.narrowing, &self.query, self.limit);
        Ranked { who: self.who, query: self.query, hits, narrowing: self.narrowing, generation: self.generation }
    }
}

/// The answer to a [`RankJob`].
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Who asked.
    pub who: Who,
    /// The query ranked.
    pub query: String,
    /// Best first.
    pub hits: Vec<Hit>,
    /// The caller's narrowing, with this query's matches on top.
    pub narrowing: Narrowing,
    /// As in the job.
    pub generation: u64,
}

/// One caller's typing: its narrowing, and whether a job of it is out.
#[derive(Debug, Default)]
pub struct Typing {
    narrowing: Narrowing,
    out: bool,
    /// While results are awaited: the record highlighted when the first of them was asked,
    /// to tell whether the clerk moved the highlight meanwhile.
    waiting_on: Option<Option<u32>>,
}

impl Typing {
    /// Ranks now, on this thread.
    pub fn rank(&mut self, index: &mut Index, query: &str, limit: usize) -> Vec<Hit> {
        self.waiting_on = None;
        index.search_from(&mut self.narrowing, query, limit)
    }

    /// Lends the narrowing to a job on a snapshot of `index`, unless a job of this field is
    /// out already (its answer asks again if the field moved on).
    pub(super) fn ask(
        &mut self,
        who: Who,
        index: &Index,
        generation: u64,
        query: String,
        limit: usize,
        on: Option<u32>,
    ) -> Option<Effect> {
        if self.out {
            return None;
        }
        self.waiting_on.get_or_insert(on);
        self.out = true;
        let narrowing = std::mem::take(&mut self.narrowing);
        Some(Effect::Rank(Box::new(RankJob { who, index: index.clone(), narrowing, query, limit, generation })))
    }

    /// Takes the narrowing back from a job (unless the index changed since: its matches are
    /// of other documents); returns the highlight when the wait began.
    fn back(&mut self, narrowing: Narrowing, current: bool) -> Option<Option<u32>> {
        self.out = false;
        self.narrowing = if current { narrowing } else { Narrowing::default() };
        self.waiting_on
    }

    /// Drops the narrowing: the index was built anew, and a new index counts its changes from
    /// zero again, so the old matches could pass for its own.
    pub fn forget(&mut self) {
        self.narrowing = Narrowing::default();
    }
}

/// The query a caller's field holds now (None when the caller is not open).
fn wanted(app: &App, who: Who) -> Option<String> {
    match who {
        Who::Residents => Some(app.residents.query.text().to_string()),
        Who::Intake => {
            app.intake.as_ref().filter(|i| i.step == super::intake::Step::Resident).map(|i| i.query.text().to_string())
        }
        Who::Booking => match &app.overlay {
            Some(Overlay::Prompt(p)) if p.pick.is_some() => Some(p.input.text().trim().to_string()),
            _ => None,
        },
        Who::Members => Some(app.members.query.text().to_string()),
    }
}

/// What the caller's list shows hits for, and the generation of its index now.
fn shown(app: &App, who: Who) -> (Shown, u64) {
    let r = &app.residents;
    match who {
        Who::Residents => (r.shown.clone(), r.generation),
        Who::Intake => (app.intake.as_ref().and_then(|i| i.found.shown.clone()), r.generation),
        Who::Booking => match &app.overlay {
            Some(Overlay::Prompt(p)) => (p.pick.as_ref().and_then(|k| k.found.shown.clone()), r.generation),
            _ => (None, r.generation),
        },
        Who::Members => (app.members.shown.clone(), app.members.generation),
    }
}

/// The record highlighted in the caller's list.
fn highlighted(app: &App, who: Who) -> Option<u32> {
    match who {
        Who::Residents => app.residents.hits.get(app.residents.selected).map(|h| h.doc),
        Who::Intake => app.intake.as_ref().and_then(|i| i.found.hit()).map(|h| h.doc),
        Who::Booking => match &app.overlay {
            Some(Overlay::Prompt(p)) => p.pick.as_ref().and_then(|k| k.found.hit()).map(|h| h.doc),
            _ => None,
        },
        Who::Members => app.members.hits.get(app.members.selected).map(|h| h.doc),
    }
}

/// Puts hits for `query` (ranked on `generation`) in the caller's list. The best is highlighted,
/// unless the clerk moved the highlight to `keep` while they were awaited: a result arriving
/// never moves the cursor onto another person unasked.
fn apply(app: &mut App, who: Who, query: String, generation: u64, hits: Vec<Hit>, keep: Option<u32>) {
    let at = |hits: &[Hit]| keep.and_then(|d| hits.iter().position(|h| h.doc == d)).unwrap_or(0);
    let shown = Some((query, generation));
    match who {
        Who::Residents => {
            let r = &mut app.residents;
            r.selected = at(&hits);
            r.hits = hits;
            r.shown = shown;
        }
        Who::Intake => {
            if let Some(i) = &mut app.intake {
                let selected = at(&hits);
                i.found.set(hits);
                i.found.selected = selected;
                i.found.shown = shown;
            }
        }
        Who::Booking => {
            if let Some(Overlay::Prompt(p)) = &mut app.overlay
                && let Some(k) = &mut p.pick
            {
                let before = k.found.hit().map(|h| h.doc);
                let selected = at(&hits);
                k.found.set(hits);
                k.found.selected = selected;
                k.found.shown = shown;
                // A confirmation names one person: another highlighted must be confirmed anew.
                if k.found.hit().map(|h| h.doc) != before {
                    k.confirming = false;
                }
            }
        }
        Who::Members => app.members.put_hits(hits, keep, shown),
    }
    app.dirty = true;
}

/// Ranks, after an update, every open field whose text moved away from what its list shows:
/// at once when ranking inline (or nothing is typed: the whole list needs no ranking), else as
/// a job for the runtime, one at a time per caller.
pub(super) fn follow(app: &mut App) -> Vec<Effect> {
    follow_with(app, !app.offloaded)
}

/// Ranks here every list still awaiting its ranking: before an action acts on what a list
/// highlights, so a name typed and Enter pressed at once act on that name's best match.
pub(super) fn settle(app: &mut App) {
    follow_with(app, true);
}

fn follow_with(app: &mut App, inline: bool) -> Vec<Effect> {
    let mut asks = Vec::new();
    for who in Who::ALL {
        let Some(query) = wanted(app, who) else { continue };
        let (shown, generation) = shown(app, who);
        if shown.as_ref().is_some_and(|(q, g)| *q == query && *g == generation) {
            continue;
        }
        if inline || query.trim().is_empty() {
            let hits = match who {
                Who::Members => app.members.rank(&query),
                // Nothing typed in the picker lists nobody: the register is no candidate list.
                Who::Booking if query.is_empty() => Vec::new(),
                _ => app.residents.rank_for(who, &query),
            };
            apply(app, who, query, generation, hits, None);
        } else {
            let on = highlighted(app, who);
            let ask = match who {
                Who::Members => app.members.ask(query, on),
                _ => app.residents.ask(who, query, on),
            };
            asks.extend(ask);
        }
    }
    asks
}

/// Takes a ranking done off the UI thread: the narrowing goes back to its caller; the hits are
/// shown only if the field still holds that query and the index has not changed since (else
/// [`follow`] asks again at once, from the narrowing it brought back).
pub(super) fn take(app: &mut App, r: Ranked) {
    let Ranked { who, query, hits, narrowing, generation } = r;
    let (shown, now) = shown(app, who);
    let began = typing(app, who).back(narrowing, generation == now);
    let fresh = wanted(app, who).as_deref() == Some(query.as_str()) && generation == now;
    // Already shown (ranked here meanwhile, before an action): nothing new, the cursor stays.
    if fresh && shown.is_none_or(|(q, g)| q != query || g != generation) {
        let on = highlighted(app, who);
        let keep = began.filter(|b| *b != on).and(on);
        apply(app, who, query, generation, hits, keep);
        typing(app, who).waiting_on = None;
    }
}

/// The caller's typing.
fn typing(app: &mut App, who: Who) -> &mut Typing {
    match who {
        Who::Members => &mut app.members.typing,
        _ => app.residents.typing(who),
    }
}
