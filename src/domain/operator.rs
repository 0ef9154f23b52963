//! Operators, their roles and what each role may do.

use serde::Serialize;

/// The role of an operator; permissions follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 窗口工作人员.
    Clerk,
    /// 调解员.
    Mediator,
    /// 党员服务岗.
    MemberDesk,
    /// 负责人.
    Supervisor,
    /// 系统管理员.
    Admin,
    /// A self-service kiosk (取号机): takes numbers and nothing else.
    Kiosk,
    /// The hall display (大厅显示屏): shows the board and nothing else.
    Board,
    /// 网格员 / 网格长: takes and dispatches residents' requests on the grid.
    Grid,
}

/// Things that need permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read the catalog, see room occupancy and the queue (people, not machines).
    ReadCatalog,
    /// Issue a queue number.
    TakeNumber,
    /// Show the hall display.
    ShowBoard,
    /// Residents and cases, calling at own window, appointments.
    Cases,
    /// Book rooms and keep mediation cases.
    Mediation,
    /// Party members, activities, check-ins.
    Members,
    /// Reveal a masked ID or phone (audited).
    Reveal,
    /// Dashboard, reports, audit view, windows, rooms, calendar, item edits.
    Supervise,
    /// Operators, roles, settings, `--as`.
    Administer,
    /// Take and read residents' requests (诉求), accept and complete them.
    Requests,
    /// Dispatch requests, escalate them to a department, keep the grid's layout.
    Dispatch,
}

impl Role {
    /// Every role: people in order of increasing power, then machines.
    pub const ALL: [Role; 8] = [
        Role::Clerk,
        Role::Mediator,
        Role::MemberDesk,
        Role::Grid,
        Role::Supervisor,
        Role::Admin,
        Role::Kiosk,
        Role::Board,
    ];

    /// The word stored in the database and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Mediator => "mediator",
            Role::MemberDesk => "member_desk",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Kiosk => "kiosk",
            Role::Board => "board",
            Role::Grid => "grid",
        }
    }

    /// Parses a stored or typed word.
    pub fn from_str_opt(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// A machine (kiosk, hall display) rather than a person: it can do exactly one thing.
    pub fn is_machine(self) -> bool {
        matches!(self, Role::Kiosk | Role::Board)
    }

    /// The permission table of DESIGN.md §5.
    pub fn may(self, p: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match p {
            TakeNumber => self != Board,
            ShowBoard => self != Kiosk,
            ReadCatalog | Reveal => !self.is_machine(),
            Cases => matches!(self, Clerk | Supervisor | Admin),
            Mediation => matches!(self, Mediator | Supervisor | Admin),
            Members => matches!(self, Clerk | MemberDesk | Supervisor | Admin),
            Supervise => matches!(self, Supervisor | Admin),
            Administer => self == Admin,
            Requests => matches!(self, Clerk | MemberDesk | Grid | Supervisor | Admin),
            Dispatch => matches!(self, Grid | Supervisor | Admin),
        }
    }
}

/// A person who uses the desk, identified by OS login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Operator {
    /// Row id.
    pub id: i64,
    /// OS login name.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Counter window number, if the operator has one.
    pub window: Option<u16>,
    /// Retired operators cannot sign in; their history stays.
    pub retired: bool,
}

/// Login names: what Unix allows, kept short.
pub fn valid_login(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !s.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_table() {
        assert!(Role::Clerk.may(Permission::Cases));
        assert!(!Role::Clerk.may(Permission::Mediation));
        assert!(!Role::Mediator.may(Permission::Cases));
        assert!(Role::MemberDesk.may(Permission::Members));
        assert!(!Role::Supervisor.may(Permission::Administer));
        assert!(Role::Admin.may(Permission::Administer));
        assert!(Role::ALL.iter().filter(|r| !r.is_machine()).all(|r| r.may(Permission::ReadCatalog)));
    }

    #[test]
    fn machines_do_exactly_one_thing() {
        use Permission::*;
        let all = [ReadCatalog, TakeNumber, ShowBoard, Cases, Mediation, Members, Reveal, Supervise, Administer];
        let kiosk: Vec<_> = all.iter().filter(|p| Role::Kiosk.may(**p)).collect();
        let board: Vec<_> = all.iter().filter(|p| Role::Board.may(**p)).collect();
        assert_eq!(kiosk, vec![&TakeNumber]);
        assert_eq!(board, vec![&ShowBoard]);
        assert!(Role::ALL.iter().all(|r| Role::from_str_opt(r.as_str()) == Some(*r)));
    }

    #[test]
    fn logins() {
        assert!(valid_login("wang.fang"));
        assert!(!valid_login("-x"));
        assert!(!valid_login("王芳"));
        assert!(!valid_login(""));
    }
}

/// Why the person at the keyboard cannot be signed in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// The OS login could not be determined.
    #[error("cannot determine the OS login")]
    NoLogin,
    /// No operator has this login.
    #[error("unknown login {login}")]
    Unknown { login: String },
    /// The operator was retired.
    #[error("login {login} is retired")]
    Retired { login: String },
    /// `--as` was used by someone who is not an admin, on a real database.
    #[error("--as is for admins and demo databases ({login})")]
    AsNotAllowed { login: String },
}

/// Decides who is signed in: the OS login's operator, or with `--as` the named one (only
/// admins and demo databases may do that).
pub fn sign_in(
    os: Option<Operator>,
    os_login: &str,
    as_login: Option<(&str, Option<Operator>)>,
    demo: bool,
) -> Result<Operator, IdentityError> {
    let active = |o: Option<Operator>, login: &str| match o {
        None => Err(IdentityError::Unknown { login: login.to_string() }),
        Some(o) if o.retired => Err(IdentityError::Retired { login: login.to_string() }),
        Some(o) => Ok(o),
    };
    match as_login {
        None => active(os, os_login),
        Some((login, target)) => {
            if !demo {
                let me = active(os, os_login)?;
                if me.role != Role::Admin {
                    return Err(IdentityError::AsNotAllowed { login: os_login.to_string() });
                }
            }
            active(target, login)
        }
    }
}

#[cfg(test)]
mod sign_in_tests {
    use super::*;

    fn op(login: &str, role: Role, retired: bool) -> Option<Operator> {
        Some(Operator { id: 1, login: login.into(), name: login.into(), role, window: None, retired })
    }

    #[test]
    fn as_is_for_admins_and_demos() {
        let clerk = op("li", Role::Clerk, false);
        assert!(matches!(
            sign_in(clerk.clone(), "li", Some(("wang", op("wang", Role::Admin, false))), false),
            Err(IdentityError::AsNotAllowed { .. })
        ));
        assert_eq!(
            sign_in(clerk.clone(), "li", Some(("wang", op("wang", Role::Admin, false))), true).unwrap().login,
            "wang"
        );
        assert_eq!(sign_in(op("root", Role::Admin, false), "root", Some(("li", clerk)), false).unwrap().login, "li");
        assert!(matches!(sign_in(None, "x", None, false), Err(IdentityError::Unknown { .. })));
        assert!(matches!(sign_in(op("x", Role::Clerk, true), "x", None, false), Err(IdentityError::Retired { .. })));
    }
}
