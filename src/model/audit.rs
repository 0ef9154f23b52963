//! What storage answers about audit, and how it refuses.

/// A stored audit row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    /// Row id, increasing.
    pub id: i64,
    /// When, local time with offset.
    pub at: String,
    /// Operator login.
    pub operator: String,
    /// Verb.
    pub action: String,
    /// Kind of thing.
    pub entity: String,
    /// Which one.
    pub entity_id: String,
    /// Summary.
    pub summary: String,
}

/// Which audit rows to show; `None` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Operator: a login, or (part of) a name as the list shows it.
    pub operator: Option<String>,
    /// Entity kind (case, resident, ticket, party_member …).
    pub entity: Option<String>,
    /// A part of the action code ("reveal" finds every reveal).
    pub action: Option<String>,
    /// Codes whose words in the interface languages contain `action` ("联系方式" →
    /// member.reveal), filled in above storage where the words are known.
    pub action_codes: Vec<String>,
    /// One day.
    pub day: Option<chrono::NaiveDate>,
}

impl AuditFilter {
    /// Parses "operator:wangfang action:reveal entity:case date:2026-11-20"; words without a
    /// key mean an operator. The first bad part is returned as the error.
    pub fn parse(s: &str) -> std::result::Result<AuditFilter, String> {
        let mut f = AuditFilter::default();
        for word in s.split_whitespace() {
            let (k, v) = word.split_once([':', '：']).unwrap_or(("operator", word));
            let v = v.trim().to_string();
            if v.is_empty() {
                return Err(word.to_string());
            }
            match k {
                "operator" | "op" | "操作员" => f.operator = Some(v),
                "entity" | "对象" => f.entity = Some(v),
                "action" | "动作" => f.action = Some(v),
                "date" | "日期" => f.day = Some(v.parse().map_err(|_| word.to_string())?),
                _ => return Err(word.to_string()),
            }
        }
        Ok(f)
    }
}
