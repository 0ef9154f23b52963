//! `room …`: the mediation rooms and their bookings from the shell.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Permission};
use crate::domain::text;
use crate::i18n::cli::Refusal;
use crate::i18n::words::cli_room::{W, say};
use crate::i18n::{self};
use crate::storage::Db;

/// Carries out one `room` subcommand.
pub(super) fn room(db: &mut Db, lang: Lang, me: &Operator, cmd: &RoomCommand) -> Result<(), Failure> {
    let parse_t = |s: &str| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .map_err(|_| Failure::Refused(Refusal::BadTime(text::sanitize(s))))
    };
    match cmd {
        RoomCommand::List { date, json } => {
            let day = date.unwrap_or(db.clock().now().date_naive());
            let rooms = db.rooms()?;
            let bookings = db.bookings(&viewer(me), day, day)?;
            if *json {
                let out = serde_json::json!({ "rooms": rooms, "bookings": bookings });
                out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for r in &rooms {
                    let retired = if r.retired { say(lang, W::Retired) } else { "" };
                    out!("{} {} ({}–{}){retired}", r.id, r.name, r.opens.format("%H:%M"), r.closes.format("%H:%M"));
                    for b in bookings.iter().filter(|b| b.room_id == r.id) {
                        let what = b.purpose.clone().unwrap_or_else(|| say(lang, W::Occupied).to_string());
                        out!("  {}–{} {} · {what}", b.start.format("%H:%M"), b.end.format("%H:%M"), b.mediator_name);
                    }
                }
            }
            Ok(())
        }
        RoomCommand::Add { name, capacity, opens, closes } => {
            let t = |s: &str| {
                chrono::NaiveTime::parse_from_str(s, "%H:%M")
                    .map_err(|_| Failure::Refused(Refusal::BadTime(text::sanitize(s))))
            };
            let (name, _) = text::clean_field(name, 30);
            if name.is_empty() {
                return Err(Failure::Refused(Refusal::BadName));
            }
            let id = db.add_room(&me.login, &name, *capacity, t(opens)?, t(closes)?)?;
            out!("{id} {name}");
            Ok(())
        }
        RoomCommand::Retire { id } => {
            if !db.retire_room(&me.login, *id).map_err(Failure::Room)? {
                return Err(Failure::Room(crate::storage::RoomOpError::Rule(crate::domain::room::RoomError::NoRoom)));
            }
            out!("{id} ✗");
            Ok(())
        }
        RoomCommand::Book { room, start, end, purpose, weeks } => {
            let rooms = db.rooms()?;
            let r = rooms
                .iter()
                .find(|r| r.id.to_string() == *room || r.name == *room)
                .ok_or(Failure::Room(crate::storage::RoomOpError::Rule(crate::domain::room::RoomError::NoRoom)))?;
            let (s, e) = (parse_t(start)?, parse_t(end)?);
            // A series past the horizon or longer than allowed is refused whole: nothing booked.
            let case_id = db.case_for_purpose(&viewer(me), purpose).map_err(Failure::Room)?;
            let results =
                db.book_weekly(&viewer(me), r.id, s, e, (*weeks).max(1), case_id, purpose).map_err(Failure::Room)?;
            let mut failed = None;
            for (day, res) in results {
                match res {
                    Ok(b) => out!("{day} {}–{} {}", b.start.format("%H:%M"), b.end.format("%H:%M"), r.name),
                    // One booking's refusal is the command's own message; a series says which weeks.
                    Err(err) if *weeks <= 1 => failed = Some(Failure::Room(err)),
                    Err(err) => {
                        eprintln!("{day} {}", i18n::rooms::room_error(lang, &err));
                        failed = Some(Failure::Told(Box::new(Failure::Room(err))));
                    }
                }
            }
            // A series with a week refused ends with that refusal's code (its lines are said).
            match failed {
                Some(f) => Err(f),
                None => Ok(()),
            }
        }
        RoomCommand::Horizon { rooms, appointments } => {
            use crate::domain::config::{APPOINTMENT_HORIZON_KEY, Horizon, ROOM_HORIZON_KEY};
            let checked = |flag: &str, v: Option<u32>| -> Result<Option<Horizon>, Failure> {
                let range = format!("{flag} ({}-{})", Horizon::MIN, Horizon::MAX);
                v.map(|v| Horizon::new(v).map_err(|_| Failure::Refused(Refusal::BadSetting(range, v)))).transpose()
            };
            // Both are checked before either is written.
            let (rooms, appointments) = (checked("--rooms", *rooms)?, checked("--appointments", *appointments)?);
            if let Some(h) = rooms {
                db.set_horizon(&me.login, ROOM_HORIZON_KEY, h)?;
            }
            if let Some(h) = appointments {
                db.set_horizon(&me.login, APPOINTMENT_HORIZON_KEY, h)?;
            }
            let h = db.horizons()?;
            out!("{}", i18n::cli::horizons(lang, h.rooms.days(), h.appointments.days()));
            Ok(())
        }
    }
}

/// The reader or writer of rooms and mediation cases.
pub fn viewer(me: &Operator) -> crate::storage::Viewer {
    crate::storage::Viewer {
        login: me.login.clone(),
        supervisor: me.role.may(Permission::Supervise),
        mediator: me.role.may(Permission::Mediation),
    }
}
