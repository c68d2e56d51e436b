"use strict";
// bureau.html: every agency in the caller's scope (GET /api/bureau), most behind time elapsed first.
let bureau = null;
const CHARTED = 30; // the chart shows the agencies most behind; the table shows them all

async function loadBureau() {
  bureau = await api(`/api/bureau?${qs({year: period.year, asOf: period.asOf})}`);
  period.year = String(bureau.fiscalYear); period.asOf = bureau.asOf;
  history.replaceState(null, '', `?${qs({year: period.year, asOf: period.asOf})}`);
}

function renderBureau() {
  const b = bureau, list = b.agencies || [];
  $('year').value = b.fiscalYear; $('asOf').value = b.asOf;
  $('heading').textContent = `${b.fiscalYear} · ${t('asOf')} ${b.asOf} · ${t('timeElapsed')} ${pct(b.timeElapsedRate)}`;
  renderNav();
  if (!list.length) { $('messages').innerHTML = `<p class="muted">${esc(t('none'))}</p>`; } else { $('messages').innerHTML = ''; }
  const sum = key => list.reduce((n, a) => n + (Number(a[key]) || 0), 0); // counts, not money
  $('cards').innerHTML = `
    <div class="card"><span>${esc(t('agencyCount'))}</span><b id="agencyCount">${list.length}</b><small>${esc(t('projectCount'))} ${sum('projectCount')}</small></div>
    <div class="card"><span>${esc(t('timeElapsed'))}</span><b>${esc(pct(b.timeElapsedRate))}</b></div>
    <div class="card"><span>${esc(t('statusCounts'))}</span><b class="summary">${tag('green', t('green'))} <span id="sumGreen">${sum('green')}</span>
      ${tag('yellow', t('yellow'))} <span id="sumYellow">${sum('yellow')}</span> ${tag('red', t('red'))} <span id="sumRed">${sum('red')}</span></b></div>
    <div class="card"><span>${esc(t('openAlerts'))}</span><b id="sumAlerts">${sum('openAlerts')}</b></div>`;
  const href = a => `/index.html?${qs({agency: a.agencyCode, year: b.fiscalYear, asOf: b.asOf})}`;
  $('agencies').innerHTML = list.map(a => `<tr data-agency="${esc(a.agencyCode)}">
      <td><a href="${href(a)}">${esc(a.agencyName || a.agencyCode)}</a><div class="muted">${esc(a.agencyCode)}</div></td>
      <td class="num">${esc(a.projectCount)}</td><td class="num">${esc(money(a.budget))}</td><td class="num">${esc(money(a.executed))}</td>
      <td>${rateBar(a.executionRate, a.timeElapsedRate)}<span class="muted">${esc(pct(a.executionRate))} / ${esc(t('timeElapsed'))} ${esc(pct(a.timeElapsedRate))}</span></td>
      <td class="num">${esc(points(a.gapToTimeElapsedPoints))}</td>
      <td class="num">${esc(a.green)}</td><td class="num">${esc(a.yellow)}</td><td class="num">${esc(a.red)}</td>
      <td class="num"><a href="/alerts.html?${qs({agency: a.agencyCode, year: b.fiscalYear, acknowledged: 'false'})}">${esc(a.openAlerts)}</a></td></tr>`).join('');
  sizeBars();
  const shown = list.slice(0, CHARTED);
  // the agency's own status (its totals against its plan, the projects' rule), not its worst project's
  const color = a => STATUS_COLORS[a.status] || STATUS_COLORS.ON_TRACK;
  $('bureauChart').classList.toggle('tall', shown.length > 6);
  chart('bureauChart', {...baseText(), animation: false,
    legend: {data: [t('execRate'), t('planned')], bottom: 0},
    grid: {left: 8, right: 48, top: 24, bottom: 40, containLabel: true},
    tooltip: tooltip(ps => {
      const a = shown[ps[0].dataIndex];
      return `${esc(a.agencyName)} ${esc(a.agencyCode)}<br>${esc(t('execRate'))} ${esc(pct(a.executionRate))} · ${esc(t('planned'))} ${esc(pct(a.plannedRate))} · ${esc(t('timeElapsed'))} ${esc(pct(a.timeElapsedRate))}`
        + ` · ${esc(t(a.status))}<br>${esc(t('green'))} ${esc(a.green)} · ${esc(t('yellow'))} ${esc(a.yellow)} · ${esc(t('red'))} ${esc(a.red)}`;
    }, {axisPointer: {type: 'shadow'}}),
    xAxis: {type: 'value', min: 0, axisLabel: {formatter: '{value}%'}},
    yAxis: {type: 'category', inverse: true, data: shown.map(a => a.agencyName || a.agencyCode),
      axisLabel: {formatter: v => v.length > 12 ? v.slice(0, 12) + '…' : v}},
    // the category axis is inverse: the line's start is at the top, where its label stays clear of the axis
    series: [{name: t('execRate'), type: 'bar', barMaxWidth: 28, itemStyle: {color: '#8c959f'},
      data: shown.map(a => ({value: num(a.executionRate), itemStyle: {color: color(a)}})),
      markLine: {symbol: 'none', silent: true, lineStyle: {color: '#24292f', type: 'dashed'},
        label: {position: 'start', formatter: `${t('timeElapsed')} ${b.timeElapsedRate}%`}, data: [{xAxis: num(b.timeElapsedRate)}]}},
      // each agency's budget-weighted plan: its status compares the bar with this mark
      {name: t('planned'), type: 'scatter', symbol: 'rect', symbolSize: [3, 14], color: '#24292f',
        data: shown.map(a => num(a.plannedRate))}]},
    c => c.on('click', e => { if (shown[e.dataIndex]) location.href = href(shown[e.dataIndex]); }));
}

$('filters').onsubmit = ev => {
  ev.preventDefault();
  period.year = $('year').value || null; period.asOf = $('asOf').value || null;
  if (period.asOf && period.year && !period.asOf.startsWith(period.year)) period.asOf = null;
  reload();
};
startPage(loadBureau, renderBureau, c => !bureau || Number(c.fiscalYear) === Number(bureau.fiscalYear));
