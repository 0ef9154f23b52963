//! The Members screen: the registry with each member's service timeline, the activities,
//! the check-in desk at an activity's door, and the year's ranking.

mod answer;
pub mod approvals;
mod desk;
pub(super) mod form;

use super::input::Input;
use super::notice::Notice;
use super::overlay::{Overlay, Prompt, PromptFor};
use super::ranking::{Shown, Typing, Who};
use super::{App, Effect};
use crate::action::Action;
use crate::domain::member::{Activity, MemberStatus, Service, halves};
use crate::model::{MemberTotals, UnitTotals};
use crate::search::{Hit, Index, Prepared};
pub use form::{MEMBER_ROWS, activity_draft, member_draft, problem_row};

/// Hits with match positions (more never fit on a screen).
const HIGHLIGHT_LIMIT: usize = 200;

/// An Enter this soon after checking in is a repeat, not a check-out.
pub const REPEAT_MINUTES: i64 = 10;

/// Which part of the Members screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// 名册: search, detail, timeline.
    #[default]
    Registry,
    /// 活动: the activities around today.
    Activities,
    /// 签到: the check-in desk of one activity.
    Desk,
    /// 排行: the year's hours by member and by work unit.
    Ranking,
}

impl View {
    /// The views in the order F3 cycles them.
    pub const ALL: [View; 4] = [View::Registry, View::Activities, View::Desk, View::Ranking];
}

/// Everything the Members screen shows, as loaded together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MembersData {
    /// What this data was read at: equal stamps, equal data.
    pub stamp: MembersStamp,
    /// Every member with this year's totals.
    pub members: Vec<MemberTotals>,
    /// This year's totals per work unit.
    pub units: Vec<UnitTotals>,
    /// The yearly target in hours.
    pub target: u32,
    /// Months between reports (报到).
    pub report_months: u32,
    /// The day the flags were judged on.
    pub today: chrono::NaiveDate,
    /// The members' search entries, prepared where they were read (off the UI thread).
    pub prepared: Entries,
}

/// Search entries of the members, prepared by the worker that read them and taken by the
/// index. They follow from the members, so they never make two loads differ.
#[derive(Debug, Clone, Default)]
pub struct Entries(pub Option<Prepared>);

impl PartialEq for Entries {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Entries {}

/// The members revision of the database and the day the data was read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MembersStamp {
    /// `Db::members_revision`.
    pub revision: i64,
    /// The day (hours are the year's, flags are judged on the day).
    pub today: chrono::NaiveDate,
}

/// Which members the registry lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Everyone.
    #[default]
    All,
    /// Active members below the yearly target.
    Below,
    /// Active members due to report again.
    ReportDue,
}

/// State of the Members screen.
#[derive(Debug)]
pub struct MembersState {
    /// The part shown.
    pub view: View,
    /// Members, units and settings.
    pub data: MembersData,
    index: Index,
    /// The search field's typing: it narrows from its own last keystroke.
    pub(super) typing: Typing,
    /// Changes of the index so far: a ranking of another generation is stale.
    pub(super) generation: u64,
    /// What `hits` were ranked for.
    pub(super) shown: Shown,
    /// The search field (registry and desk).
    pub query: Input,
    /// Ranked hits.
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// The selected member's records, newest first.
    pub records: Vec<Service>,
    /// Whose records those are.
    pub records_of: Option<i64>,
    /// Whose records were last asked for (so a selection is asked for once).
    records_asked: Option<i64>,
    /// Activities that ended up to here have had their open check-ins closed by the system.
    closed_upto: Option<chrono::NaiveDateTime>,
    /// Cursor in the timeline.
    pub record: usize,
    /// Activities around today, with how many are checked in.
    pub activities: Vec<(Activity, u32)>,
    /// Cursor in the activities.
    pub activity: usize,
    /// The activity at the desk.
    pub desk: Option<i64>,
    /// Its records with names, in check-in order.
    pub desk_records: Vec<(Service, String)>,
    /// Cursor in the ranking.
    pub rank: usize,
    /// The member whose ID and phone are shown in full (audited): masked again when the
    /// record is left or after a minute.
    pub revealed: super::reveal::Shown,
    /// Who the registry lists.
    pub filter: Filter,
    /// Active members' indexes by hours, most first: sorted once per load, not per frame.
    ranked: Vec<usize>,
    /// Loaded at least once.
    pub loaded: bool,
    /// Hand entries awaiting a supervisor's approval (the dashboard shows them).
    pub approvals: approvals::Approvals,
    /// At the desk, the clerk chose among the candidates (moved the cursor, or was asked to):
    /// Enter checks in the one highlighted. Typing starts a new choice.
    pub(super) picked: bool,
    /// The hand entry on its way to the database (member, dialog title, text): a refusal
    /// opens the dialog again with what the clerk typed.
    pub(super) entry: Option<(i64, String, String)>,
    /// Why the hand entry in the dialog was refused (the dialog says which rule).
    pub hours_problem: Option<crate::model::MemberOpError>,
}

impl Default for MembersState {
    fn default() -> Self {
        MembersState {
            view: View::default(),
            data: MembersData::default(),
            index: Index::default(),
            typing: Typing::default(),
            generation: 0,
            shown: None,
            query: Input::new(crate::domain::text::MAX_FIELD_CHARS),
            hits: Vec::new(),
            selected: 0,
            records: Vec::new(),
            records_of: None,
            records_asked: None,
            closed_upto: None,
            record: 0,
            activities: Vec::new(),
            activity: 0,
            desk: None,
            desk_records: Vec::new(),
            rank: 0,
            revealed: Default::default(),
            filter: Filter::All,
            ranked: Vec::new(),
            loaded: false,
            approvals: Default::default(),
            entry: None,
            hours_problem: None,
            picked: false,
        }
    }
}

impl MembersState {
    /// Takes freshly loaded data; false when nothing changed.
    pub fn load(&mut self, mut data: MembersData) -> bool {
        if self.loaded && data == self.data {
            return false;
        }
        let keep = self.selected_member().map(|m| m.member.id);
        // Hours change with every check-in anywhere; the people rarely do. Rebuilding the index
        // of 10,000 members costs tens of milliseconds on this thread, so only when they do.
        let same_people = self.loaded
            && self.data.members.len() == data.members.len()
            && self.data.members.iter().zip(&data.members).all(|(a, b)| a.member == b.member);
        if !same_people {
            // Prepared on the worker when it read them (tests hand in data without).
            let prepared = match data.prepared.0.take() {
                Some(p) => p,
                None => Prepared::new(data.members.iter().map(|m| crate::search::member_document(&m.member))),
            };
            self.index = Index::default();
            self.index.extend(prepared);
            self.typing.forget();
            self.generation += 1;
        }
        self.data = data;
        let m = &self.data.members;
        let mut ranked: Vec<usize> = (0..m.len()).filter(|i| m[*i].member.status == MemberStatus::Active).collect();
        ranked.sort_by(|a, b| {
            let (a, b) = (&m[*a], &m[*b]);
            b.half_hours.cmp(&a.half_hours).then_with(|| a.member.name.cmp(&b.member.name))
        });
        self.ranked = ranked;
        self.loaded = true;
        self.research();
        if let Some(id) = keep
            && let Some(pos) = self.hits.iter().position(|h| self.data.members[h.doc as usize].member.id == id)
        {
            self.selected = pos;
        }
        true
    }

    /// Re-ranks for the search field.
    pub fn research(&mut self) {
        let query = self.query.text().to_string();
        let hits = self.rank(&query);
        let shown = Some((query, self.generation));
        self.put_hits(hits, None, shown);
    }

    /// Ranks here, narrowing from this field's last keystroke.
    pub(super) fn rank(&mut self, query: &str) -> Vec<Hit> {
        self.typing.rank(&mut self.index, query, HIGHLIGHT_LIMIT)
    }

    /// A job ranking `query` off this thread, unless one is out already.
    pub(super) fn ask(&mut self, query: String, on: Option<u32>) -> Option<Effect> {
        let (index, generation) = (&self.index, self.generation);
        self.typing.ask(Who::Members, index, generation, query, HIGHLIGHT_LIMIT, on)
    }

    /// Shows hits ranked for `shown` (those the filter lets through), the best highlighted
    /// or `keep` if it is among them.
    pub(super) fn put_hits(&mut self, mut hits: Vec<Hit>, keep: Option<u32>, shown: Shown) {
        if self.filter != Filter::All && self.view == View::Registry {
            let d = &self.data;
            hits.retain(|h| {
                d.members.get(h.doc as usize).is_some_and(|t| {
                    t.member.status == MemberStatus::Active
                        && match self.filter {
                            Filter::All => true,
                            Filter::Below => t.half_hours < d.target * 2,
                            Filter::ReportDue => {
                                crate::domain::member::report_overdue(&t.member, d.report_months, d.today)
                            }
                        }
                })
            });
        }
        if self.shown.as_ref().map(|s| &s.0) != shown.as_ref().map(|s| &s.0) {
            self.picked = false;
        }
        self.selected = keep.and_then(|d| hits.iter().position(|h| h.doc == d)).unwrap_or(0);
        self.hits = hits;
        self.shown = shown;
    }

    /// The member under the cursor.
    pub fn selected_member(&self) -> Option<&MemberTotals> {
        self.hits.get(self.selected).and_then(|h| self.data.members.get(h.doc as usize))
    }

    /// The selected member's records: empty until they are read, never another member's.
    /// The list, header, timeline and every action read the selection through this.
    pub fn timeline(&self) -> &[Service] {
        match self.selected_member() {
            Some(s) if self.records_of == Some(s.member.id) => &self.records,
            _ => &[],
        }
    }

    /// The record under the timeline's cursor, of the selected member.
    pub fn selected_record(&self) -> Option<&Service> {
        self.timeline().get(self.record)
    }

    /// The member of a hit.
    pub fn member(&self, hit: &Hit) -> Option<&MemberTotals> {
        self.data.members.get(hit.doc as usize)
    }

    /// The activity at the desk.
    pub fn desk_activity(&self) -> Option<&(Activity, u32)> {
        self.desk.and_then(|id| self.activities.iter().find(|(a, _)| a.id == id))
    }

    /// Whether the member is checked in (Some(true)), out (Some(false)) or not at all here.
    pub fn at_desk(&self, member_id: i64) -> Option<bool> {
        self.desk_records.iter().find(|(s, _)| s.member_id == member_id).map(|(s, _)| s.end.is_none())
    }

    /// Members by hours this year, most first.
    pub fn ranking(&self) -> Vec<&MemberTotals> {
        self.ranked.iter().filter_map(|i| self.data.members.get(*i)).collect()
    }

    /// The activity to open on: today's first not yet over, else the next, else the last.
    pub fn focus_today(&mut self, now: chrono::NaiveDateTime) {
        self.activity =
            self.activities.iter().position(|(a, _)| a.end > now).unwrap_or(self.activities.len().saturating_sub(1));
    }

    /// Whether typing goes to the search field.
    pub fn typing(&self) -> bool {
        matches!(self.view, View::Registry | View::Desk)
    }
}

fn load_view(app: &App) -> Vec<Effect> {
    let m = &app.members;
    match m.view {
        View::Registry => m.selected_member().map(|s| vec![Effect::LoadMemberRecords(s.member.id)]).unwrap_or_default(),
        View::Desk => m.desk.map(|id| vec![Effect::LoadActivityRecords(id)]).unwrap_or_default(),
        View::Activities | View::Ranking => vec![],
    }
}

/// After every update: the registry reads the records of whoever is selected now (a search
/// narrowing the list moves the selection without a key of this screen), and check-ins left
/// open at an activity's end are closed by the system as the end passes.
pub fn follow(app: &mut App) -> Vec<Effect> {
    let mut e = Vec::new();
    if !app.session.operator.role.may(crate::domain::operator::Permission::Members) || !app.members.loaded {
        return e;
    }
    let now = app.now;
    let m = &mut app.members;
    let since = m.closed_upto.unwrap_or(now);
    if m.activities.iter().any(|(a, _)| a.end > since && a.end <= now) {
        // Loading closes them (as the system) before it reads the totals.
        e.push(Effect::LoadMembers(None));
    }
    m.closed_upto = Some(now);
    if app.tab == super::Tab::Members && m.view == View::Registry {
        let want = m.selected_member().map(|s| s.member.id);
        if want != m.records_of && want != m.records_asked {
            m.record = 0;
            m.records_asked = want;
            e.extend(want.map(Effect::LoadMemberRecords));
        }
    }
    e
}

/// The effects that keep the Members screen fresh.
pub fn reload(app: &App) -> Vec<Effect> {
    let today = app.today();
    let mut e = vec![
        Effect::LoadMembers(app.members.loaded.then_some(app.members.data.stamp)),
        Effect::LoadActivities(today - chrono::Duration::days(90), today + chrono::Duration::days(60)),
    ];
    e.extend(load_view(app));
    if app.session.operator.role.may(crate::domain::operator::Permission::Supervise) {
        e.push(Effect::LoadPendingHours);
    }
    e
}

/// Switches to a view, clearing the search.
pub fn show(app: &mut App, view: View) -> Vec<Effect> {
    let m = &mut app.members;
    if view == View::Desk && m.desk.is_none() {
        // The desk opens on the activity under the cursor (today's, usually).
        m.desk = m.activities.get(m.activity).map(|(a, _)| a.id);
    }
    m.view = view;
    m.query.clear();
    m.research();
    load_view(app)
}

/// How `app` reaches the Members screen.
pub const SCREEN: super::screen::Screen = super::screen::Screen {
    tab: super::Tab::Members,
    goto: Action::GotoMembers,
    needs: Some(crate::domain::operator::Permission::Members),
    section: |_| crate::keymap::Section::Members,
    mode: |app| if app.members.typing() { crate::keymap::Mode::Insert } else { crate::keymap::Mode::Normal },
    offers,
    act,
    answer: answer::answer,
    submit: answer::submit,
    text,
    // The field's text is ranked after the update (`ranking::follow`).
    edit: |app, chord| {
        if app.members.query.edit(chord) {
            app.members.record = 0;
            app.members.picked = false;
        }
    },
    ..super::screen::PLAIN
};

fn text(app: &mut App, text: &str) -> Option<(super::input::InsertReport, usize)> {
    let m = &mut app.members;
    if !m.typing() {
        return None;
    }
    let r = m.query.insert(text);
    m.record = 0;
    m.picked = false;
    Some((r, m.query.max()))
}

fn offers(app: &App) -> Vec<super::screen::Offer> {
    use super::screen::Offer;
    let m = &app.members;
    let mut o = vec![Offer::yes(Action::MembersView)];
    let none = m.selected_member().is_none().then_some(Notice::TypeAName);
    match m.view {
        View::Registry | View::Desk => {
            if m.view == View::Desk {
                o.push(Offer::yes(Action::Confirm));
            }
            o.push(Offer::yes(Action::NewMember));
            for a in [Action::ManualHours, Action::Reveal, Action::MemberReport, Action::MemberStatus] {
                o.push(Offer::when(a, none.clone()));
            }
            if m.view == View::Registry {
                let record = match m.selected_record() {
                    Some(r) if r.declined.is_none() => None,
                    Some(_) => Some(Notice::Member(crate::model::MemberOpError::AlreadyDeclined)),
                    None => Some(Notice::NoRecord),
                };
                o.push(Offer::when(Action::DeclineRecord, record));
                o.extend([Action::CycleFilter, Action::DetailUp, Action::DetailDown].map(Offer::yes));
            }
            o.extend([Action::ClearSearch, Action::Back].map(Offer::yes));
            // Rosters come a few times a year: last, so the daily keys keep their hints.
            if m.view == View::Registry {
                o.push(Offer::yes(Action::ImportRoster));
            }
        }
        View::Activities => o.extend([Action::Confirm, Action::NewMember].map(Offer::yes)),
        View::Ranking => {}
    }
    o.push(Offer::yes(Action::Feedback));
    super::screen::movement(&mut o, true);
    o
}

/// A key's action on the Members screen.
fn act(app: &mut App, a: Action) -> Vec<Effect> {
    let page = app.page();
    let m = &mut app.members;
    let moved = |n: usize, cur: usize, d: isize| (cur as isize + d).clamp(0, n.saturating_sub(1) as isize) as usize;
    let delta = match a {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::First => Some(-100_000),
        Action::Last => Some(100_000),
        _ => None,
    };
    if let Some(d) = delta {
        match m.view {
            View::Registry | View::Desk => {
                m.selected = moved(m.hits.len(), m.selected, d);
                m.record = 0;
                m.picked = true;
            }
            View::Activities => m.activity = moved(m.activities.len(), m.activity, d),
            View::Ranking => m.rank = moved(m.ranking().len(), m.rank, d),
        }
        return if m.view == View::Desk { load_view(app) } else { vec![] };
    }
    match a {
        Action::MembersView => {
            let i = View::ALL.iter().position(|v| *v == m.view).unwrap_or(0);
            return show(app, View::ALL[(i + 1) % View::ALL.len()]);
        }
        Action::CycleFilter if m.view == View::Registry => {
            m.filter = match m.filter {
                Filter::All => Filter::Below,
                Filter::Below => Filter::ReportDue,
                Filter::ReportDue => Filter::All,
            };
            m.research();
            return load_view(app);
        }
        Action::DetailUp => m.record = m.record.saturating_sub(1),
        Action::DetailDown => m.record = moved(m.timeline().len(), m.record, 1),
        Action::ClearSearch => {
            m.query.clear();
            m.research();
        }
        Action::Back => {
            if !m.query.text().is_empty() {
                m.query.clear();
                m.research();
            } else if m.view == View::Desk {
                return show(app, View::Activities);
            }
        }
        Action::Confirm => match m.view {
            View::Activities => {
                m.desk = m.activities.get(m.activity).map(|(a, _)| a.id);
                return show(app, View::Desk);
            }
            View::Desk => return desk::enter(app),
            View::Registry | View::Ranking => {}
        },
        Action::NewMember => {
            app.overlay = Some(if m.view == View::Activities {
                Overlay::Form(Box::new(form::activity(app.now.date())))
            } else {
                Overlay::Form(Box::new(form::member("")))
            });
        }
        Action::ImportRoster => open(app, PromptFor::ImportRoster, 0, String::new()),
        Action::ManualHours | Action::MemberStatus | Action::MemberReport | Action::Reveal => {
            let Some(s) = m.selected_member().filter(|_| m.view != View::Ranking) else { return vec![] };
            let (id, name) = (s.member.id, s.member.name.clone());
            match a {
                Action::ManualHours => open(app, PromptFor::ManualHours, id, name),
                Action::MemberStatus => open(app, PromptFor::MemberStatus, id, name),
                // A new report date is no loss: the old one stays in the audit trail.
                Action::MemberReport => return vec![Effect::MemberUpdate(id, true, None)],
                _ => {
                    if !app.members.revealed.shows(id) {
                        return vec![Effect::RevealMember(id)];
                    }
                }
            }
        }
        Action::DeclineRecord => {
            if m.view != View::Registry {
                return vec![];
            }
            let who = m.selected_member().map(|s| s.member.name.clone()).unwrap_or_default();
            match m.selected_record() {
                Some(r) if r.declined.is_none() => {
                    // The dialog names whose record and which: a decline cannot be undone.
                    let what = format!("{who} · {} {}h {}", r.start.date(), halves(r.half_hours), r.what);
                    let id = r.id;
                    open(app, PromptFor::DeclineRecord, id, what);
                }
                Some(_) => app.toast(Notice::Member(crate::model::MemberOpError::AlreadyDeclined)),
                None => app.toast(Notice::NoRecord),
            }
        }
        Action::Feedback => open(app, PromptFor::Feedback, 0, String::new()),
        _ => {}
    }
    vec![]
}

/// Opens a prompt about record `id`, its title naming `what` (the member, and the record).
fn open(app: &mut App, purpose: PromptFor, id: i64, what: String) {
    app.members.hours_problem = None;
    let max = match purpose {
        PromptFor::MemberStatus => 1,
        PromptFor::ImportRoster => 500,
        _ => 100,
    };
    app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, id, 0, what, max)));
}
