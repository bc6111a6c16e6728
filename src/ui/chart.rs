//! [`LineChartView`]: draws a [`LineChart`](crate::domain::goal::chart::LineChart) as
//! SVG (no chart library, no network), with its text alternative for screen readers and a
//! table of the values that prints well.

use crate::i18n::{render, t};
use leptos::prelude::*;

use crate::domain::goal::chart::LineChart;

#[component]
pub fn LineChartView(chart: LineChart, #[prop(into)] title: String) -> impl IntoView {
    let (left, _top, right, bottom) = chart.plot;
    let summary = render(&chart.summary);
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", chart.width, chart.height) role="img" aria-label=summary.clone()
                class="chart__svg" preserveAspectRatio="xMidYMid meet">
                <title>{title.clone()}</title>
                {chart.y_ticks.iter().map(|(y, label)| view! {
                    <g class="chart__tick">
                        <line x1=left x2=right y1=*y y2=*y />
                        <text x=left - 8.0 y=*y + 4.0 text-anchor="end">{label.clone()}</text>
                    </g>
                }).collect_view()}
                <line class="chart__axis" x1=left x2=right y1=bottom y2=bottom />
                {chart.target_y.map(|y| view! {
                    <g class="chart__target">
                        <line x1=left x2=right y1=y y2=y />
                        <text x=right y=y - 6.0 text-anchor="end">{t("Target")}</text>
                    </g>
                })}
                <path class="chart__line" d=chart.path.clone() />
                {chart.points.iter().map(|p| view! {
                    <g class="chart__point">
                        <circle cx=p.x cy=p.y r="4" />
                        <text x=p.x y=bottom + 20.0 text-anchor="middle">{p.label.clone()}</text>
                    </g>
                }).collect_view()}
            </svg>
            <figcaption>{summary}</figcaption>
        </figure>
    }
}
