"use strict";
// index.html: one agency's overview (GET /api/overview), the agencies of the caller for the picker.
let ov = null, agencyList = [], audit = null;
const RANKED = 15; // the ranking chart shows the projects most behind plan; the table shows them all

async function loadOverview() {
  const list = api('/api/agencies').then(l => agencyList = l).catch(() => agencyList);
  let agency = period.agency, year = period.year;
  if (!year || !agency) {
    // what the address leaves open from the caller's agencies (newest year first): not today's year, and for a
    // caller of several agencies the first of them
    const pick = (await list).find(a => (!agency || a.agencyCode === agency) && (!year || String(a.fiscalYear) === year));
    if (!pick) { ov = null; return; }
    agency = pick.agencyCode; year = String(pick.fiscalYear);
  }
  ov = await api(`/api/overview?${qs({agency, year, asOf: period.asOf})}`);
  await list;
  period.agency = ov.agencyCode; period.year = String(ov.fiscalYear); period.asOf = ov.asOf;
  history.replaceState(null, '', `?${qs(period)}`);
  await callerReady;
  if (hasRole('auditor') || hasRole('admin')) audit = await api('/api/audit?limit=50').catch(() => null);
}

function renderOverview() {
  if (!ov) { $('messages').innerHTML = `<p class="muted">${esc(t('none'))}</p>`; return; }
  $('messages').innerHTML = '';
  const key = `${ov.agencyCode}|${ov.fiscalYear}`;
  const pairs = agencyList.map(a => [`${a.agencyCode}|${a.fiscalYear}`, `${a.agencyCode} ${a.agencyName} · ${a.fiscalYear}`]);
  if (!pairs.some(([v]) => v === key)) pairs.unshift([key, `${ov.agencyCode} ${ov.agencyName || ''} · ${ov.fiscalYear}`]);
  options($('agency'), pairs, key);
  $('asOf').value = ov.asOf;
  $('heading').textContent = `${ov.agencyName || ov.agencyCode} · ${ov.fiscalYear} · ${t('asOf')} ${ov.asOf} · ${t('projectCount')} ${ov.projectCount}`;
  renderNav();

  const alertsLink = sev => `/alerts.html?${qs({agency: ov.agencyCode, year: ov.fiscalYear, severity: sev, acknowledged: 'false'})}`;
  $('cards').innerHTML = `
    <div class="card"><span>${esc(t('budget'))}</span><b id="cardBudget" data-value="${esc(ov.budget.total)}">${esc(moneyU(ov.budget.total))}</b>
      <small>${esc(t('fiscal'))} ${esc(money(ov.budget.fiscal))} · ${esc(t('other'))} ${esc(money(ov.budget.other))}</small></div>
    <div class="card"><span>${esc(t('executed'))}</span><b id="cardExecuted" data-value="${esc(ov.executed.total)}">${esc(moneyU(ov.executed.total))}</b>
      <small>${esc(t('fiscal'))} ${esc(money(ov.executed.fiscal))} · ${esc(t('other'))} ${esc(money(ov.executed.other))}</small></div>
    <div class="card"><span>${esc(t('execRate'))}</span><b id="cardRate" data-value="${esc(ov.executionRate)}">${esc(pct(ov.executionRate))}</b>
      <small>${esc(t('planned'))} <span id="cardPlanned">${esc(pct(ov.plannedRate))}</span> (${esc(points(ov.gapToPlanPoints))}) ·
        ${esc(t('timeElapsed'))} <span id="cardTimeElapsed">${esc(pct(ov.timeElapsedRate))}</span> (${esc(points(ov.gapToTimeElapsedPoints))})</small>
      ${rateBar(ov.executionRate, ov.plannedRate)}</div>
    <div class="card"><span>${esc(t('openAlerts'))}</span><b><a id="cardCritical" class="sev sev-CRITICAL" href="${alertsLink('CRITICAL')}">${esc(t('CRITICAL'))} ${ov.openAlerts.CRITICAL ?? 0}</a>
      <a id="cardWarning" class="sev sev-WARNING" href="${alertsLink('WARNING')}">${esc(t('WARNING'))} ${ov.openAlerts.WARNING ?? 0}</a></b></div>`;

  $('statusList').innerHTML = STATUSES.map(s => `<span>${tag(s, t(s))} <b id="status-${s}">${ov.statusCounts[s] ?? 0}</b></span>`).join('');
  const verdicts = ['MET', 'NOT_MET', 'NO_ACTUAL', 'NEEDS_ASSESSMENT', 'UNIT_MISMATCH']
    .filter(v => v === 'MET' || v === 'NOT_MET' || v === 'NO_ACTUAL' || (ov.indicators[v] ?? 0) > 0);
  $('indicatorList').innerHTML = verdicts.map(v => `<span>${tag(v, t(v))} <b id="indicator-${v}">${ov.indicators[v] ?? 0}</b></span>`).join('');

  const projectHref = p => `/project.html?${qs({code: p.projectCode, asOf: ov.asOf})}`;
  $('projects').innerHTML = ov.projects.map(p => `<tr data-code="${esc(p.projectCode)}">
      <td><a href="${projectHref(p)}">${esc(p.name)}</a><div class="muted">${esc(p.projectCode)}</div></td>
      <td class="num">${esc(money(p.budget))}</td><td class="num">${esc(money(p.executed))}</td>
      <td>${rateBar(p.executionRate, p.plannedRate)}<span class="muted">${esc(pct(p.executionRate))} / ${esc(t('planned'))} ${esc(pct(p.plannedRate))} / ${esc(t('timeElapsed'))} ${esc(pct(p.timeElapsedRate))}</span></td>
      <td class="num">${esc(points(p.gapToPlanPoints))}</td>
      <td>${tag(p.status, p.statusText || t(p.status))}</td></tr>`).join('');
  sizeBars();
  const period3 = {agency: ov.agencyCode, year: ov.fiscalYear, asOf: ov.asOf};
  $('csv').href = `/api/exports/progress.csv?${qs(period3)}`;
  $('monitoring').href = `/api/exports/monitoring.xlsx?${qs(period3)}`;
  $('selfEvaluation').href = `/api/exports/self-evaluation.xlsx?${qs({agency: ov.agencyCode, year: ov.fiscalYear})}`;

  if (audit) {
    $('audit').hidden = false;
    $('auditRows').innerHTML = audit.records.map(r => `<tr><td>${esc(r.recordedAt)}</td><td>${esc(r.actorName)}
      <div class="muted">${esc((r.actorRoles || []).join(', '))}</div></td><td>${esc(r.action)}</td>
      <td>${esc(r.target)}<div class="muted">${esc(r.summary)}</div></td><td>${esc(r.result)}</td></tr>`).join('');
  }
  drawOverviewCharts(projectHref);
}

function drawOverviewCharts(projectHref) {
  const curve = ov.curve || [];
  chart('curveChart', {...baseText(), animation: false,
    legend: {data: [t('plannedCurve'), t('actualCurve'), t('checkpoints')], bottom: 0},
    grid: {left: 48, right: 24, top: 24, bottom: 48},
    tooltip: tooltip(ps => {
      const i = ps[0].dataIndex, c = ps[0].seriesIndex < 2 ? curve[i] : null;
      if (!c) return ps.map(p => `${esc(t('checkpoints'))} ${esc(p.value[0])}: ${esc(p.value[1])}%`).join('<br>');
      return `${esc(c.monthEnd)}<br>${esc(t('plannedCurve'))}: ${esc(pct(c.plannedRate))} · ${esc(moneyU(c.plannedAmount))}`
        + (c.actualRate != null ? `<br>${esc(t('actualCurve'))}: ${esc(pct(c.actualRate))} · ${esc(moneyU(c.actualAmount))}` : '');
    }),
    xAxis: {type: 'time', min: `${ov.fiscalYear}-01-01`, max: `${ov.fiscalYear}-12-31`},
    yAxis: {type: 'value', min: 0, axisLabel: {formatter: '{value}%'}},
    series: [
      {name: t('plannedCurve'), type: 'line', lineStyle: {type: 'dashed'}, color: '#57606a',
        data: curve.map(c => [c.monthEnd, num(c.plannedRate)])},
      {name: t('actualCurve'), type: 'line', color: '#0969da',
        data: curve.filter(c => c.actualRate != null).map(c => [c.monthEnd, num(c.actualRate)]),
        markLine: {symbol: 'none', silent: true, lineStyle: {color: '#cf222e'}, label: {formatter: `${t('asOf')} ${ov.asOf}`},
          data: [{xAxis: ov.asOf}]}},
      {name: t('checkpoints'), type: 'scatter', symbol: 'diamond', symbolSize: 10, color: '#bf8700',
        data: (ov.checkpoints || []).map(c => [c.date, num(c.plannedRate)])}]});

  const ranked = ov.projects.slice(0, RANKED);
  chart('rankChart', {...baseText(), animation: false,
    legend: {data: [t('execRate'), t('planned')], bottom: 0},
    grid: {left: 8, right: 40, top: 24, bottom: 40, containLabel: true},
    tooltip: tooltip(ps => {
      const p = ranked[ps[0].dataIndex];
      return `${esc(p.name)}<br>${esc(p.projectCode)}<br>${esc(t('execRate'))} ${esc(pct(p.executionRate))} · ${esc(t('planned'))} ${esc(pct(p.plannedRate))}`
        + `<br>${esc(t('gapPlan'))} ${esc(points(p.gapToPlanPoints))} · ${esc(t(p.status))}`;
    }, {axisPointer: {type: 'shadow'}}),
    xAxis: {type: 'value', min: 0, axisLabel: {formatter: '{value}%'}},
    yAxis: {type: 'category', inverse: true, data: ranked.map(p => p.name),
      axisLabel: {formatter: v => v.length > 12 ? v.slice(0, 12) + '…' : v}},
    series: [
      // grey in the legend: each bar has its status colour
      {name: t('execRate'), type: 'bar', barMaxWidth: 28, itemStyle: {color: '#8c959f'}, data: ranked.map(p => ({value: num(p.executionRate), itemStyle: {color: STATUS_COLORS[p.status]}})),
        markLine: {symbol: 'none', silent: true, lineStyle: {color: '#24292f', type: 'dashed'},
          label: {position: 'start', formatter: `${t('timeElapsed')} ${ov.timeElapsedRate}%`}, data: [{xAxis: num(ov.timeElapsedRate)}]}},
      {name: t('planned'), type: 'scatter', symbol: 'rect', symbolSize: [3, 14], color: '#24292f',
        data: ranked.map(p => num(p.plannedRate))}]},
    c => c.on('click', e => { if (ranked[e.dataIndex]) location.href = projectHref(ranked[e.dataIndex]); }));
  $('rankChart').classList.toggle('tall', ranked.length > 6);

  const pie = (id, keys, counts, colors) => chart(id, {...baseText(), animation: false,
    tooltip: {trigger: 'item', renderMode: 'html', formatter: p => `${esc(p.name)}: ${esc(p.value)} (${esc(p.percent)}%)`},
    series: [{type: 'pie', radius: ['40%', '70%'], label: {formatter: '{b} {c}'},
      data: keys.map(k => ({name: t(k), value: counts[k] ?? 0, itemStyle: colors[k] ? {color: colors[k]} : undefined}))
        .filter(d => d.value > 0)}]});
  pie('statusChart', STATUSES, ov.statusCounts, STATUS_COLORS);
  pie('indicatorChart', ['MET', 'NOT_MET', 'NO_ACTUAL', 'NEEDS_ASSESSMENT', 'UNIT_MISMATCH'], ov.indicators,
    {MET: '#1f883d', NOT_MET: '#cf222e', NO_ACTUAL: '#8c959f', NEEDS_ASSESSMENT: '#bf8700', UNIT_MISMATCH: '#8250df'});
}

$('filters').onsubmit = ev => {
  ev.preventDefault();
  const [agency, year] = ($('agency').value || '|').split('|');
  period.agency = agency || null; period.year = year || null; period.asOf = $('asOf').value || null;
  reload();
};
$('agency').onchange = () => $('filters').requestSubmit();
startPage(loadOverview, renderOverview,
  c => ov && c.agencyCode === ov.agencyCode && Number(c.fiscalYear) === Number(ov.fiscalYear));
