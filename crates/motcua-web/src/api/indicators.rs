//! The figures as JSON: the measures of any unit, procedure, channel and
//! period, and the Decision 766 index. Aggregates only, so public.

use axum::Json;
use axum::extract::{Query, State};
use motcua_app::indicators::{Breakdown, Figure, FigureQuery, IndexReport};
use motcua_domain::Reason;
use motcua_domain::indicators::{Measure, Ratio};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::problem::ApiError;

fn ratio(ratio: Ratio) -> Value {
    json!({ "count": ratio.count, "of": ratio.of, "rate": ratio.rate() })
}

fn measures_json(figure: &Figure) -> Value {
    let mut all = Map::new();
    for measure in Measure::ALL {
        all.insert(measure.as_str().to_owned(), ratio(measure.of(&figure.measures)));
    }
    Value::Object(all)
}

#[derive(Debug, Serialize)]
pub(crate) struct Figures {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    received: u64,
    resolved: u64,
    open_at_end: u64,
    late_at_end: u64,
    measures: Value,
    top_procedures: Vec<Value>,
}

/// `GET /api/v1/indicators?unit=&from=&to=&procedure=&channel=`
async fn figures_of(state: &AppState, query: &FigureQuery) -> Result<Figures, ApiError> {
    let checked = state.app.check_figure_query(query).await?;
    let figure = state.app.figures(&checked).await?;
    let mut top = state.app.figures_by(&checked, Breakdown::Procedure).await?;
    top.sort_by(|a, b| b.received.cmp(&a.received).then(a.key.cmp(&b.key)));
    top.truncate(10);
    Ok(Figures {
        from: checked.from,
        to: checked.to,
        received: figure.received,
        resolved: figure.resolved,
        open_at_end: figure.open,
        late_at_end: figure.open_late,
        measures: measures_json(&figure),
        top_procedures: top
            .iter()
            .map(|p| json!({ "code": p.key, "name": p.label, "received": p.received, "on_time": ratio(p.measures.on_time) }))
            .collect(),
    })
}

pub(crate) async fn figures(
    State(state): State<AppState>,
    Query(query): Query<FigureQuery>,
) -> Result<Json<Figures>, ApiError> {
    Ok(Json(figures_of(&state, &query).await?))
}

fn report(report: &IndexReport) -> Value {
    json!({
        "points": report.points,
        "max_points": report.max_points,
        "groups": report.groups.iter().map(|(name, max, points)| json!({ "name": name, "max_points": max, "points": points })).collect::<Vec<_>>(),
        "indicators": report.scored.iter().map(|s| json!({
            "number": s.indicator.number,
            "code": s.indicator.code,
            "group": s.indicator.group,
            "name": s.indicator.name,
            "measure": s.indicator.measure.map(Measure::as_str),
            "target": s.indicator.target,
            "max_points": s.indicator.max_points,
            "result": s.ratio.map(ratio),
            "points": s.points,
        })).collect::<Vec<_>>(),
    })
}

/// `GET /api/v1/index766?unit=&from=&to=`
pub(crate) async fn index766(
    State(state): State<AppState>,
    Query(query): Query<FigureQuery>,
) -> Result<Json<Value>, ApiError> {
    let query = FigureQuery { unit: query.unit, from: query.from, to: query.to, ..FigureQuery::default() };
    let checked = state.app.check_figure_query(&query).await?;
    let index = state.app.index766(&checked).await?;
    Ok(Json(json!({ "from": checked.from, "to": checked.to, "index": report(&index) })))
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct BehindParams {
    #[serde(flatten)]
    query: FigureQuery,
    measure: String,
    /// `true` for the dossiers that count towards the figure, `false` for
    /// those that do not; absent for all it is taken over.
    counting: Option<bool>,
    page: Option<i64>,
}

/// `GET /api/v1/indicators/dossiers?measure=&counting=&…`: the dossiers
/// behind a figure, for officers of the unit.
pub(crate) async fn dossiers_behind(
    State(state): State<AppState>,
    signed: crate::auth::Signed,
    Query(params): Query<BehindParams>,
) -> Result<Json<Value>, ApiError> {
    let measure = Measure::parse(&params.measure)
        .ok_or_else(|| motcua_domain::DomainError::invalid("measure", Reason::OneOfTheMeasures))?;
    let checked = state.app.check_figure_query(&params.query).await?;
    let page = params.page.unwrap_or(1).max(1);
    let (dossiers, total) =
        state.app.dossiers_behind(&signed.principal, &checked, measure, params.counting, page).await?;
    Ok(Json(json!({
        "measure": measure.as_str(),
        "total": total,
        "page": page,
        "items": dossiers.iter().map(|d| json!({
            "code": d.code,
            "procedure_code": d.procedure_code,
            "channel": d.channel,
            "agency": d.agency,
            "received_at": d.received_at,
            "due_at": d.due_at,
            "resolved_at": d.resolved_at,
            "counts": d.counts,
        })).collect::<Vec<_>>(),
    })))
}
