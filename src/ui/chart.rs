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

/// A wheel of life as an SVG radar ([`Radar`](crate::domain::assessment::Radar)): the rings
/// at 2, 4, 6, 8 and 10, one axis per area with its name, and each round's scores as a
/// polygon, the rounds drawn over each other and told apart by line style as well as colour.
/// The text alternative is the list of each area's scores by round (`radar::area_lines`).
#[component]
pub fn RadarView(wheel: crate::domain::assessment::Wheel, #[prop(into)] title: String) -> impl IntoView {
    use crate::domain::assessment::radar::{area_lines, Radar};
    // Wide enough for the area names beside the axes; only as tall as the rings and the
    // names above and below them.
    const WIDTH: f64 = 480.0;
    const HEIGHT: f64 = 330.0;
    let centre = (WIDTH / 2.0, HEIGHT / 2.0);
    let radar = Radar::new(wheel.areas().len(), centre, 120.0);
    let summary: Vec<String> = area_lines(&wheel).iter().map(render).collect();
    let rounds = wheel.rounds().to_vec();
    view! {
        <figure class="radar">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary.join(". ") class="radar__svg" preserveAspectRatio="xMidYMid meet">
                <title>{title}</title>
                {radar.rings().into_iter().map(|(_, points)| view! { <polygon class="radar__ring" points=points /> }).collect_view()}
                {(0..radar.areas()).map(|i| {
                    let end = radar.axis_end(i);
                    let label = radar.label_anchor(i);
                    view! {
                        <line class="radar__axis" x1=centre.0 y1=centre.1 x2=end.x y2=end.y />
                        <text class="radar__label" x=label.at.x y=label.at.y text-anchor=label.anchor.as_str() dominant-baseline=label.baseline.as_str()>
                            {wheel.areas()[i].clone()}
                        </text>
                    }
                }).collect_view()}
                {rounds.iter().enumerate().map(|(n, round)| view! {
                    <polygon class=format!("radar__round radar__round--{}", n % 3) points=radar.polygon(&round.scores) />
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="radar__legend" aria-label=t("Rounds")>
                    {rounds.iter().enumerate().map(|(n, round)| view! {
                        <li><span class=format!("radar__swatch radar__round--{}", n % 3) aria-hidden="true"></span>
                            {format!("{} · {}", t(round.point.label()), crate::i18n::DateText::local(round.taken_on))}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}
