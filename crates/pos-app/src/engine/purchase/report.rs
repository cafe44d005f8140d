//! The day's report: the journal's done operations of the store's local day, totalled
//! per rep, kind and option, then reconciled with Flexiti's list of authorizations for
//! the UTC days covering it. A difference is shown, never fixed silently; a list that
//! does not answer leaves the report unreconciled, and says so.

use chrono::{Duration, Local, NaiveDate, TimeZone};
use flexiti_api::{Authorization, ListFilter};
use pos_store::{JournalRecord, JournalState, OperationKind};

use crate::dto::Lang;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{DayReportView, ReportLineView, ReportMismatchView};

fn option_of(record: &JournalRecord) -> String {
    match (record.plan_id, record.term) {
        (Some(plan), Some(term)) => format!("plan-{plan}-{term}"),
        _ => "regular".into(),
    }
}

/// What an operation does to the day's net: money in (a sale, a capture) or out (a
/// return, a refund); a hold and a release move no money.
fn signed_cents(record: &JournalRecord) -> i64 {
    match record.kind {
        OperationKind::Sale | OperationKind::Capture => record.amount.cents(),
        OperationKind::Return | OperationKind::Refund => -record.amount.cents(),
        OperationKind::Hold | OperationKind::Release => 0,
    }
}

/// The totals of the day's done rows, per (rep, kind, option), in first-seen order.
pub(crate) fn totals(rows: &[JournalRecord]) -> (Vec<ReportLineView>, i64) {
    let mut lines: Vec<ReportLineView> = Vec::new();
    let mut net = 0;
    for row in rows.iter().filter(|r| r.state == JournalState::Done) {
        net += signed_cents(row);
        let (rep, kind, option) = (
            row.rep_username.clone(),
            row.kind.as_str().to_owned(),
            option_of(row),
        );
        match lines
            .iter_mut()
            .find(|l| l.rep == rep && l.kind == kind && l.option == option)
        {
            Some(line) => {
                line.count += 1;
                line.total_cents += row.amount.cents();
            }
            None => lines.push(ReportLineView {
                rep,
                kind,
                option,
                count: 1,
                total_cents: row.amount.cents(),
            }),
        }
    }
    (lines, net)
}

/// The differences between the day's authorizations in the journal and at Flexiti
/// (`flexiti`: this store's authorizations created during the local day).
pub(crate) fn mismatches(
    rows: &[JournalRecord],
    flexiti: &[Authorization],
) -> Vec<ReportMismatchView> {
    let mut found = Vec::new();
    let cents = |a: &Authorization| a.amount.map(|m| m.cents());
    let id = |a: &Authorization| a.authorization_id.trim().parse::<u64>().ok();
    for row in rows.iter().filter(|r| r.kind.is_authorization()) {
        let theirs: Vec<&Authorization> = flexiti
            .iter()
            .filter(|a| a.reference.as_deref() == Some(row.reference.as_str()))
            .collect();
        match (row.state, theirs.first()) {
            (JournalState::Done, None) => found.push(ReportMismatchView {
                problem: "missing_at_flexiti".into(),
                reference: Some(row.reference.clone()),
                authorization_id: row.ids.authorization_id.and_then(|i| u64::try_from(i).ok()),
                journal_cents: Some(row.amount.cents()),
                flexiti_cents: None,
            }),
            (JournalState::Done, Some(a)) if cents(a) != Some(row.amount.cents()) => {
                found.push(ReportMismatchView {
                    problem: "amount".into(),
                    reference: Some(row.reference.clone()),
                    authorization_id: id(a),
                    journal_cents: Some(row.amount.cents()),
                    flexiti_cents: cents(a),
                })
            }
            (JournalState::Done, Some(_)) => {}
            (_, Some(a)) => found.push(ReportMismatchView {
                problem: "unknown_here".into(),
                reference: Some(row.reference.clone()),
                authorization_id: id(a),
                journal_cents: Some(row.amount.cents()),
                flexiti_cents: cents(a),
            }),
            (_, None) => {}
        }
        if theirs.len() > 1 {
            for twin in &theirs[1..] {
                found.push(ReportMismatchView {
                    problem: "duplicate".into(),
                    reference: Some(row.reference.clone()),
                    authorization_id: id(twin),
                    journal_cents: Some(row.amount.cents()),
                    flexiti_cents: cents(twin),
                });
            }
        }
    }
    for a in flexiti {
        let ours = a
            .reference
            .as_deref()
            .is_some_and(|r| rows.iter().any(|row| row.reference == r));
        if !ours {
            found.push(ReportMismatchView {
                problem: "not_ours".into(),
                reference: a.reference.clone(),
                authorization_id: id(a),
                journal_cents: None,
                flexiti_cents: cents(a),
            });
        }
    }
    found
}

impl Engine {
    /// The report of `date` (`YYYY-MM-DD`, the store's local day; none: today).
    pub async fn day_report(&self, date: Option<String>) -> AppResult<DayReportView> {
        let who = self.rep_scope().await?;
        let date = match date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => Local::now().date_naive(),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                AppError::Fields(vec![crate::dto::FieldIssue {
                    field: "date".into(),
                    problem: pos_core::FieldProblem::WrongFormat,
                }])
            })?,
        };
        let day = date.format("%Y-%m-%d").to_string();
        let rows = self.store.journal_for_day(&who.scope, &day).await?;
        let (lines, net_cents) = totals(&rows);
        let store_id = self.state.lock().await.settings.store_id.clone();
        let flexiti = self.flexiti_day(date, &store_id).await;
        let (mismatches, reconciled) = match flexiti {
            Some(list) => (mismatches(&rows, &list), true),
            None => (Vec::new(), false),
        };
        Ok(DayReportView {
            date: day,
            lines,
            net_cents,
            mismatches,
            reconciled,
        })
    }

    /// The report as CSV (one line per total, then one per difference), for a spreadsheet.
    pub async fn day_report_csv(&self, date: Option<String>) -> AppResult<String> {
        let report = self.day_report(date).await?;
        Ok(csv(&report))
    }

    /// This store's authorizations created during local day `date`, every page of the
    /// UTC days covering it; `None` if a list did not answer.
    async fn flexiti_day(&self, date: NaiveDate, store_id: &str) -> Option<Vec<Authorization>> {
        let client = self.client().await.ok()?;
        let filter = ListFilter {
            creation_date_from: Some(date - Duration::days(1)),
            creation_date_to: Some(date + Duration::days(1)),
            page_size: Some(100),
            ..ListFilter::default()
        };
        let all = client.authorizations(Lang::En, &filter).await.ok()?;
        let start = Local
            .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
            .earliest()?;
        let end = start + Duration::days(1);
        Some(
            all.into_iter()
                .filter(|a| {
                    a.external_location_id
                        .as_deref()
                        .is_none_or(|s| s == store_id)
                })
                .filter(|a| {
                    a.creation_date
                        .as_deref()
                        .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
                        .is_some_and(|t| t >= start && t < end)
                })
                .collect(),
        )
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

pub(crate) fn csv(report: &DayReportView) -> String {
    let mut out = String::from("date,section,rep,kind,option,count,amount,reference,authorization_id,problem,flexiti_amount\r\n");
    for line in &report.lines {
        out.push_str(&format!(
            "{},total,{},{},{},{},{},,,,\r\n",
            report.date,
            field(&line.rep),
            line.kind,
            line.option,
            line.count,
            dollars(line.total_cents)
        ));
    }
    out.push_str(&format!(
        "{},net,,,,,{},,,,\r\n",
        report.date,
        dollars(report.net_cents)
    ));
    for m in &report.mismatches {
        out.push_str(&format!(
            "{},mismatch,,,,,{},{},{},{},{}\r\n",
            report.date,
            m.journal_cents.map(dollars).unwrap_or_default(),
            field(m.reference.as_deref().unwrap_or_default()),
            m.authorization_id
                .map(|i| i.to_string())
                .unwrap_or_default(),
            m.problem,
            m.flexiti_cents.map(dollars).unwrap_or_default(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_amounts_are_dollars_with_cents() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(dollars(100_000), "1000.00");
        assert_eq!(dollars(-5), "-0.05");
        let report = DayReportView {
            date: "2026-11-28".into(),
            lines: vec![ReportLineView {
                rep: "merchantonline".into(),
                kind: "sale".into(),
                option: "plan-4-12".into(),
                count: 2,
                total_cents: 150_050,
            }],
            net_cents: 150_050,
            mismatches: vec![],
            reconciled: true,
        };
        let text = csv(&report);
        assert!(text.contains("2026-11-28,total,merchantonline,sale,plan-4-12,2,1500.50,,,,\r\n"));
        assert!(text.contains("2026-11-28,net,,,,,1500.50,,,,\r\n"));
    }
}
