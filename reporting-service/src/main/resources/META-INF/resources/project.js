"use strict";
// project.html?code=..&asOf=..: one project (contract B), its monthly series, ledger, indicators, alerts,
// self-evaluation and deviation explanations. The sections are fetched together and each drawn when all are in.
const code = param('code');
const LEDGER_PAGE = 20;
// the ledger in ledger order, paged by the sequence after which a page starts (GET …/ledger?afterSeq=&limit=)
let ledgerCursors = [0];
const P = {detail: null, progress: null, ledger: null, indicators: [], alerts: [], selfEvaluation: null, explanations: []};
const CAUSES = ['FUNDING', 'INSTITUTIONAL', 'STAFFING', 'HARDWARE', 'OTHER'];
const causeText = c => t(c === 'OTHER' ? 'OTHER_CAUSE' : c);
const fundText = f => f === 'FISCAL' ? t('FISCAL') : f === 'OTHER' ? t('OTHER_FUNDS') : f;
const enc = encodeURIComponent;

async function loadLedger() {
  const afterSeq = ledgerCursors[ledgerCursors.length - 1];
  P.ledger = await api(`/api/projects/${enc(code)}/ledger?${qs({afterSeq, limit: LEDGER_PAGE})}`).catch(e => ({error: e}));
}
async function loadProject() {
  if (!code) throw new Error(t('notFound'));
  const asOf = period.asOf;
  const soft = p => p.catch(e => ({error: e}));
  const [detail, progress, , indicators, alerts, selfEvaluation, explanations] = await Promise.all([
    soft(api(`/api/projects/${enc(code)}?${qs({asOf})}`)),
    api(`/api/projects/${enc(code)}/progress?${qs({asOf})}`),
    loadLedger(),
    soft(api(`/api/projects/${enc(code)}/indicators?${qs({asOf})}`)),
    soft(api(`/api/alerts?${qs({project: code})}`)),
    soft(api(`/api/projects/${enc(code)}/self-evaluation`)),
    soft(api(`/api/projects/${enc(code)}/deviation-explanations`))]);
  Object.assign(P, {detail: detail.error ? null : detail, progress, indicators: indicators.error ? [] : indicators,
    alerts: alerts.error ? [] : alerts, selfEvaluation: selfEvaluation.error ? null : selfEvaluation,
    explanations: explanations.error ? [] : explanations});
  period.asOf = progress.asOf; period.agency = progress.agencyCode; period.year = String(progress.fiscalYear);
  history.replaceState(null, '', `?${qs({code, asOf: period.asOf})}`);
}

function renderProject() {
  const d = P.detail, p = P.progress;
  $('projectName').textContent = p.name;
  $('heading').textContent = `${p.projectCode} · ${d && d.agencyName ? d.agencyName : p.agencyCode} · ${p.fiscalYear}`;
  document.title = `${p.name} · BudgetWatch`;
  $('asOf').value = p.asOf;
  $('back').href = `/index.html?${qs({agency: p.agencyCode, year: p.fiscalYear, asOf: p.asOf})}`;
  renderNav();
  const budget = d ? d.budget : p.budget;
  $('cards').innerHTML = `
    <div class="card"><span>${esc(t('currentBudget'))}</span><b id="cardBudget" data-value="${esc(budget.total)}">${esc(moneyU(budget.total))}</b>
      <small>${esc(t('fiscal'))} ${esc(money(budget.fiscal))} · ${esc(t('other'))} ${esc(money(budget.other))}</small>
      ${d && d.initialBudget ? `<small>${esc(t('initialBudget'))} <span id="initialBudget">${esc(moneyU(d.initialBudget.total))}</span></small>` : ''}</div>
    <div class="card"><span>${esc(t('executed'))}</span><b id="cardExecuted" data-value="${esc(p.executed.total)}">${esc(moneyU(p.executed.total))}</b>
      <small>${esc(t('fiscal'))} ${esc(money(p.executed.fiscal))} · ${esc(t('other'))} ${esc(money(p.executed.other))}</small></div>
    <div class="card"><span>${esc(t('execRate'))}</span><b id="cardRate">${esc(pct(p.executionRate))}</b>
      <small>${esc(t('planned'))} ${esc(pct(p.plannedRate))} (${esc(points(p.gapToPlanPoints))}) · ${esc(t('timeElapsed'))} ${esc(pct(p.timeElapsedRate))}</small>
      ${rateBar(p.executionRate, p.plannedRate)}</div>
    <div class="card"><span>${esc(t('status'))}</span><b>${tag(p.status, p.statusText || t(p.status))}</b>
      <small>${esc(t('openAlerts'))} ${P.alerts.filter(a => !a.acknowledgement).length}</small></div>`;
  sizeBars($('cards'));

  $('about').innerHTML = d ? `<p>${esc(d.purpose)}</p>${(d.goals || []).length ? `<h3>${esc(t('goals'))}</h3><ul>${d.goals.map(g => `<li>${esc(typeof g === 'string' ? g : JSON.stringify(g))}</li>`).join('')}</ul>` : ''}`
    : '';
  $('adjustments').innerHTML = d && d.adjustments && d.adjustments.length ? d.adjustments.map(a => `<tr><td>${esc(a.seq)}</td>
      <td class="num">${esc(money(a.previousTotal))}</td><td class="num">${esc(money(a.total))}</td>
      <td>${esc(a.reason)}<div class="muted">${esc(a.source)}</div></td><td>${esc(a.effectiveOn)}</td><td>${esc(a.adjustedBy)}</td></tr>`).join('')
    : `<tr><td colspan="6" class="muted">${esc(t('noAdjustments'))}</td></tr>`;

  renderLedger();
  $('indicators').innerHTML = P.indicators.map(i => `<tr><td>${esc(i.seq)}</td>
      <td>${esc(i.level1)} / ${esc(i.level2)} / ${esc(i.level3)}</td><td>${esc(i.targetRaw)}</td>
      <td>${i.actual ? esc(i.actual.value != null ? reported(i.actual.value) + (i.actual.unit || '') : i.actual.assessment) : '–'}</td>
      <td>${tag(i.verdict, t(i.verdict))}<div class="muted">${esc(i.reason)}</div></td></tr>`).join('');
  renderAlerts();
  const se = P.selfEvaluation;
  $('selfEvaluation').innerHTML = se ? `<dl class="kv"><dt>${esc(t('score'))}</dt><dd id="selfEvaluationScore">${esc(se.score.total)}</dd>
      <dt>${esc(t('grade'))}</dt><dd>${esc(lang === 'zh' ? se.score.grade : se.score.gradeEn)}</dd>
      ${se.score.levels.map(l => `<dt>${esc(l.name)}</dt><dd>${esc(l.score)} / ${esc(l.points)}</dd>`).join('')}
      <dt>${esc(t('execRate'))}</dt><dd>${esc(se.score.executionScore)} / 10</dd></dl>` : '';
  $('selfEvaluationXlsx').href = `/api/exports/self-evaluation.xlsx?${qs({project: code, year: p.fiscalYear})}`;
  renderExplanations();

  const series = p.series || [];
  chart('monthlyChart', {...baseText(), animation: false,
    legend: {data: [t('plannedCurve'), t('actualCurve'), t('checkpoints')], bottom: 0},
    grid: {left: 48, right: 24, top: 24, bottom: 48},
    tooltip: tooltip(ps => {
      const s = ps[0].seriesIndex < 2 ? series.find(x => x.monthEnd === ps[0].value[0]) : null;
      if (!s) return ps.map(x => `${esc(t('checkpoints'))} ${esc(x.value[0])}: ${esc(x.value[1])}%`).join('<br>');
      return `${esc(s.monthEnd)}<br>${esc(t('plannedCurve'))}: ${esc(pct(s.plannedRate))} · ${esc(moneyU(s.plannedAmount))}`
        + (s.actualRate != null ? `<br>${esc(t('actualCurve'))}: ${esc(pct(s.actualRate))} · ${esc(moneyU(s.actualAmount))}` : '');
    }),
    xAxis: {type: 'time', min: `${p.fiscalYear}-01-01`, max: `${p.fiscalYear}-12-31`},
    yAxis: {type: 'value', min: 0, axisLabel: {formatter: '{value}%'}},
    series: [
      {name: t('plannedCurve'), type: 'line', lineStyle: {type: 'dashed'}, color: '#57606a', data: series.map(s => [s.monthEnd, num(s.plannedRate)])},
      {name: t('actualCurve'), type: 'line', color: '#0969da',
        data: series.filter(s => s.actualRate != null).map(s => [s.monthEnd, num(s.actualRate)]),
        markLine: {symbol: 'none', silent: true, lineStyle: {color: '#cf222e'}, label: {formatter: `${t('asOf')} ${p.asOf}`}, data: [{xAxis: p.asOf}]}},
      {name: t('checkpoints'), type: 'scatter', symbol: 'diamond', symbolSize: 10, color: '#bf8700',
        data: ((d && d.plan) || (p.plan || []).map(c => ({checkpoint: c.date, cumulativePercent: c.cumulativePercent})))
          .map(c => [c.checkpoint, num(c.cumulativePercent)])}]});
}

function renderLedger() {
  const l = P.ledger;
  if (!l || l.error) {
    // a service without the paged ledger (404): said so, no pager
    const missing = l && l.error && l.error.status === 404;
    $('ledger').innerHTML = `<tr><td colspan="5" class="muted">${esc(missing ? t('ledgerUnavailable') : l && l.error ? l.error.message : '')}</td></tr>`;
    $('prev').hidden = $('next').hidden = true;
    $('pageInfo').textContent = '';
    return;
  }
  $('prev').hidden = $('next').hidden = false;
  $('ledger').innerHTML = l.entries.map(e => `<tr class="${esc(String(e.kind).toLowerCase())}" data-payment="${esc(e.paymentId)}">
      <td>${esc(e.paidOn)}</td><td>${esc(e.paymentId)}${e.originalPaymentId ? `<div class="muted">← ${esc(e.originalPaymentId)}</div>` : ''}
        <div class="muted">${esc(e.payee)} ${esc(e.purpose)}</div></td>
      <td>${tag(e.kind, t(e.kind))}${e.overspend ? ` ${tag('OVERSPENT', t('overspend'))}` : ''}</td>
      <td class="num${String(e.amount).startsWith('-') ? ' negative' : ''}">${esc(money(e.amount))}</td><td>${esc(fundText(e.fundSource))}</td></tr>`).join('');
  const first = (ledgerCursors.length - 1) * LEDGER_PAGE;
  const total = l.entryCount ?? l.entries.length;
  $('pageInfo').textContent = `${l.entries.length ? first + 1 : 0}–${first + l.entries.length} / ${t('of')} ${total} ${t('entries')}`;
  $('prev').disabled = ledgerCursors.length <= 1;
  $('next').disabled = l.nextAfterSeq == null || first + l.entries.length >= total;
}
$('prev').onclick = () => { if (ledgerCursors.length > 1) ledgerCursors.pop(); loadLedger().then(renderLedger); };
$('next').onclick = () => { if (P.ledger && P.ledger.nextAfterSeq != null) ledgerCursors.push(P.ledger.nextAfterSeq); loadLedger().then(renderLedger); };

const currentExplanations = () => P.explanations.filter(e => !e.superseded);
const explanationLabel = e => `${e.monitoringDate} · ${e.indicatorId ? `${t('indicatorN')} ${e.indicatorId}` : t('funds')} · ${e.correctiveMeasures.slice(0, 30)}`;

function renderAlerts() {
  // what a manager is typing survives a live update
  const drafts = {};
  document.querySelectorAll('#alerts form[data-id]').forEach(f => drafts[f.dataset.id] = {comment: f.comment.value, explanation: f.explanation.value});
  const canAck = hasRole('manager');
  $('alerts').innerHTML = P.alerts.length ? P.alerts.map(a => `<div class="alert" data-alert="${esc(a.id)}">
      ${tag(a.severity, t(a.severity))} ${esc(t(a.rule))} · ${esc(a.checkpoint || a.asOf)}<div>${esc(a.message)}</div>
      ${a.acknowledgement ? `<small>${esc(t('acked'))}: ${esc(a.acknowledgement.by)} — ${esc(a.acknowledgement.comment)}${a.acknowledgement.explanationId ? ` · ${esc(a.acknowledgement.explanationId)}` : ''}</small>`
        : canAck ? `<form class="inline" data-id="${esc(a.id)}">
            <label><span>${esc(t('ackComment'))}</span><textarea name="comment" required></textarea></label>
            <label><span>${esc(t('explanationLink'))}</span><select name="explanation"><option value="">${esc(t('noneOption'))}</option>
              ${currentExplanations().map(e => `<option value="${esc(e.explanationId)}">${esc(explanationLabel(e))}</option>`).join('')}</select></label>
            <button type="submit">${esc(t('ack'))}</button><span class="error" role="alert"></span></form>` : ''}</div>`).join('')
    : `<p class="muted">${esc(t('noAlerts'))}</p>`;
  document.querySelectorAll('#alerts form[data-id]').forEach(f => {
    const draft = drafts[f.dataset.id];
    if (draft) { f.comment.value = draft.comment; f.explanation.value = draft.explanation; }
    f.onsubmit = async ev => {
      ev.preventDefault();
      const body = {by: me.username, comment: f.comment.value.trim()};
      if (f.explanation.value) body.explanationId = f.explanation.value;
      try {
        await postJson(`/api/alerts/${enc(f.dataset.id)}/acknowledgement`, body);
        await reload();
      } catch (e) { f.querySelector('.error').textContent = e.message; }
    };
  });
}

function renderExplanations() {
  $('explanations').innerHTML = P.explanations.length ? P.explanations.map(e => `<div class="explanation${e.superseded ? ' superseded' : ''}" data-explanation="${esc(e.explanationId)}">
      <b>${esc(e.monitoringDate)}</b> · ${esc(e.indicatorId ? `${t('indicatorN')} ${e.indicatorId}` : t('funds'))} · ${esc(t('likelihood'))}: ${esc(t(e.likelihood))}
      ${e.superseded ? `<span class="muted">(${esc(t('superseded'))})</span>` : ''}
      <div>${CAUSES.filter(c => e.causes && e.causes[c]).map(c => `${esc(causeText(c))}：${esc(e.causes[c])}`).join('；')}</div>
      <div>${esc(t('correctiveMeasures'))}：${esc(e.correctiveMeasures)}</div>
      <small class="muted">${e.expectedFullYear ? esc(e.expectedFullYear.amount != null ? `${t('expectedAmount')} ${money(e.expectedFullYear.amount, 'yuan')}` : `${t('expectedText')} ${e.expectedFullYear.text}`) : ''}
        · ${esc(t('recordedBy'))} ${esc(e.recordedBy)} · ${esc(e.recordedAt)}${e.alertId ? ` · ${esc(e.alertId)}` : ''}</small></div>`).join('')
    : `<p class="muted">${esc(t('noExplanations'))}</p>`;
  const form = $('explanationForm');
  form.hidden = !hasRole('planner');
  if (form.hidden) return;
  const keep = id => $(id).value;
  const target = keep('exTarget'), likelihood = keep('exLikelihood'), alertId = keep('exAlert');
  options($('exTarget'), [['', t('funds')], ...P.indicators.map(i => [String(i.seq), `${t('indicatorN')} ${i.seq} ${i.level3}`])], target);
  options($('exLikelihood'), ['POSSIBLE', 'CERTAIN', 'IMPOSSIBLE'].map(l => [l, t(l)]), likelihood || 'POSSIBLE');
  options($('exAlert'), [['', t('noneOption')], ...P.alerts.map(a => [a.id, `${t(a.rule)} · ${a.checkpoint || a.asOf}`])], alertId);
  if (!$('exDate').value) $('exDate').value = P.progress.asOf;
  toggleExpected();
}
function toggleExpected() {
  const indicator = $('exTarget').value !== '';
  $('exAmountBox').hidden = indicator;
  $('exTextBox').hidden = !indicator;
  $('exValueBox').hidden = !indicator;
}
$('exTarget').onchange = toggleExpected;
$('explanationForm').onsubmit = async ev => {
  ev.preventDefault();
  const indicator = $('exTarget').value;
  const causes = {};
  CAUSES.forEach(c => { const v = $(`cause-${c}`).value.trim(); if (v) causes[c] = v; });
  const body = {explanationId: uuid(), monitoringDate: $('exDate').value, causes, likelihood: $('exLikelihood').value,
    expectedFullYear: indicator ? {text: $('exText').value.trim(), value: $('exValue').value.trim() || null} : {amount: $('exAmount').value.trim()},
    correctiveMeasures: $('exMeasures').value.trim()};
  if (indicator) body.indicatorId = indicator;
  if ($('exAlert').value) body.alertId = $('exAlert').value;
  $('exSubmit').disabled = true;
  try {
    const saved = await postJson(`/api/projects/${enc(code)}/deviation-explanations`, body);
    $('exResult').className = 'ok';
    $('exResult').textContent = `${t('recorded')}: ${saved.explanationId}`;
    CAUSES.forEach(c => $(`cause-${c}`).value = '');
    ['exMeasures', 'exAmount', 'exText', 'exValue'].forEach(id => $(id).value = '');
    await reload();
  } catch (e) {
    $('exResult').className = 'error';
    $('exResult').textContent = e.message;
  } finally { $('exSubmit').disabled = false; }
};

$('filters').onsubmit = ev => { ev.preventDefault(); period.asOf = $('asOf').value || null; reload(); };
startPage(loadProject, renderProject,
  c => c.projectCode === code || (c.projectCode == null && P.progress && c.agencyCode === P.progress.agencyCode));
