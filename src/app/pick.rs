//! Picking a person by name: every match is a candidate with a masked ID tail and an age, and
//! the one highlighted is the one acted on. Booking, intake and the member desk share it, so
//! two residents of one name are never told apart by luck of ranking.

use crate::domain::resident::{age_on, birth_date};
use crate::search::Hit;
use chrono::NaiveDate;

/// One candidate as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Row id (a resident's or a member's).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Characters of the name the query matched.
    pub positions: Vec<usize>,
    /// Full ID number (only its tail is ever shown).
    pub id_number: String,
    /// Mobile (shown masked).
    pub phone: String,
    /// Where they live or work, to tell people apart at a glance.
    pub place: String,
}

impl Person {
    /// `****1234`: enough to ask "is this yours?" without showing the number.
    pub fn tail(&self) -> String {
        id_tail(&self.id_number)
    }

    /// Whole years on `today`, when the ID number carries a birth date.
    pub fn age(&self, today: NaiveDate) -> Option<u32> {
        birth_date(&self.id_number).map(|b| age_on(b, today))
    }
}

/// The last four characters of an ID number behind four stars.
pub fn id_tail(id_number: &str) -> String {
    let chars: Vec<char> = id_number.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    format!("****{}", chars[chars.len() - 4..].iter().collect::<String>())
}

/// Where candidates come from: the residents' index or the members'.
pub trait People {
    /// The person of a hit.
    fn person(&self, hit: &Hit) -> Option<Person>;
}

impl From<&crate::domain::resident::Resident> for Person {
    fn from(r: &crate::domain::resident::Resident) -> Person {
        Person {
            id: r.id,
            name: r.name.clone(),
            positions: Vec::new(),
            id_number: r.id_number.clone(),
            phone: r.phone.clone(),
            place: r.address.display(),
        }
    }
}

impl People for super::residents::ResidentsState {
    fn person(&self, hit: &Hit) -> Option<Person> {
        Some(Person { positions: hit.positions.to_vec(), ..Person::from(&self.resident(hit)) })
    }
}

impl People for super::members::MembersState {
    fn person(&self, hit: &Hit) -> Option<Person> {
        let m = &self.member(hit)?.member;
        Some(Person {
            id: m.id,
            name: m.name.clone(),
            positions: hit.positions.to_vec(),
            id_number: m.id_number.clone(),
            phone: m.phone.clone(),
            place: m.unit.clone(),
        })
    }
}

/// The matches of a search and the one highlighted: one value, so what is shown chosen is
/// what is acted on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    /// Ranked matches.
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// What `hits` were ranked for (none when set by hand): `ranking::follow` ranks again when
    /// the field holds something else.
    pub shown: super::ranking::Shown,
}

impl Candidates {
    /// New matches (a new query): the best one highlighted.
    pub fn set(&mut self, hits: Vec<Hit>) {
        self.hits = hits;
        self.selected = 0;
        self.shown = None;
    }

    /// The same search ranked again (its records came or changed), the highlight kept on the
    /// same record; false when that record is no longer among them (the best one is then).
    pub fn rerank(&mut self, hits: Vec<Hit>) -> bool {
        let keep = self.hit().map(|h| h.doc);
        self.set(hits);
        match keep.and_then(|d| self.hits.iter().position(|h| h.doc == d)) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => keep.is_none(),
        }
    }

    /// Moves the highlight, staying inside the list.
    pub fn move_by(&mut self, delta: isize) {
        if !self.hits.is_empty() {
            self.selected = (self.selected as isize + delta).clamp(0, self.hits.len() as isize - 1) as usize;
        }
    }

    /// The highlighted match.
    pub fn hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// Whether nobody matched.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }
}

/// A resident chosen for a booking in a dialog: typing narrows, ↑/↓ picks, Enter asks with the
/// picked one named, Enter again books.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picking {
    /// The candidates for what is typed.
    pub found: Candidates,
    /// Enter was pressed once: the dialog names who will be booked and waits for a second.
    pub confirming: bool,
    /// Nobody is a choice too (an anonymous complaint): Enter on an empty field picks it.
    pub nobody: bool,
}

impl Picking {
    /// Whether nobody is what Enter picks now: allowed, and no name typed.
    pub fn picks_nobody(&self, typed: &str) -> bool {
        self.nobody && typed.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_keeps_four_and_hides_the_rest() {
        assert_eq!(id_tail("11010519491231002X"), "****002X");
        assert_eq!(id_tail("123"), "***");
    }

    #[test]
    fn the_highlight_stays_inside_the_list() {
        let hit = |doc| Hit { doc, ..Hit::default() };
        let mut c = Candidates::default();
        c.move_by(1);
        assert!(c.hit().is_none());
        c.set(vec![hit(3), hit(5)]);
        c.move_by(5);
        assert_eq!(c.hit().map(|h| h.doc), Some(5));
        c.move_by(-9);
        assert_eq!(c.hit().map(|h| h.doc), Some(3));
    }
}
