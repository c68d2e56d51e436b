"use strict";
const T = {
  zh: { title: '预算绩效运行监控', agency: '预算单位', asOf: '截至日期', refresh: '刷新', progress: '预算执行进度',
        project: '项目', budget: '预算（元）', executed: '已执行（元）', rate: '执行率 / 计划', status: '状态', alerts: '预警',
        totalBudget: '预算总额', totalExecuted: '已执行', execRate: '执行率', planned: '计划进度', timeElapsed: '序时进度',
        none: '暂无数据：先导入目标文档（deploy/local/up 会导入示例）', noAlerts: '暂无预警', ack: '确认', ackBy: '确认人',
        ackComment: '纠偏措施 / 说明', acked: '已确认', series: '月度累计：计划（虚线）与实际', indicators: '绩效指标',
        target: '指标值', actual: '实际', verdict: '结论', selfEval: '绩效自评', grade: '等级', total: '总分', close: '关闭',
        csv: '导出进度表（CSV）', monitoringXlsx: '下载绩效目标执行监控表（Excel）', selfEvalXlsx: '下载绩效自评表（Excel）',
        logout: '退出登录', signedInAs: '当前用户', allAgencies: '全部单位', audit: '审计日志（本服务）',
        auditTime: '时间', auditActor: '操作人', auditAction: '操作', auditTarget: '对象', auditResult: '结果',
        WARNING: '预警', CRITICAL: '严重',
        EXECUTION_LAG: '执行进度滞后', OVERSPEND: '超预算', COST_CAP_EXCEEDED: '超成本指标', INDICATOR_NOT_MET: '指标未达成',
        INDICATOR_OFF_TRACK: '指标进度偏离', EXECUTION_ACHIEVEMENT_GAP: '执行率与目标完成度偏差', YEAR_END_FORECAST: '年末执行率预测偏低',
        MET: '达成', NOT_MET: '未达成', NEEDS_ASSESSMENT: '待评定', NO_ACTUAL: '未填报', UNIT_MISMATCH: '单位不符' },
  en: { title: 'BudgetWatch', agency: 'Agency', asOf: 'As of', refresh: 'Refresh', progress: 'Budget execution',
        project: 'Project', budget: 'Budget (yuan)', executed: 'Executed (yuan)', rate: 'Rate / plan', status: 'Status',
        alerts: 'Alerts', totalBudget: 'Budget', totalExecuted: 'Executed', execRate: 'Execution rate', planned: 'Planned',
        timeElapsed: 'Time elapsed', none: 'No data yet: import a goal document (deploy/local/up loads the demo)',
        noAlerts: 'No alerts', ack: 'Acknowledge', ackBy: 'Your name', ackComment: 'Corrective action / comment',
        acked: 'Acknowledged', series: 'Cumulative by month: plan (dashed) and actual', indicators: 'Indicators',
        target: 'Target', actual: 'Actual', verdict: 'Verdict', selfEval: 'Self-evaluation', grade: 'Grade', total: 'Total',
        close: 'Close', csv: 'Progress table (CSV)', monitoringXlsx: 'Monitoring form (Excel)', selfEvalXlsx: 'Self-evaluation form (Excel)', WARNING: 'Warning', CRITICAL: 'Critical', EXECUTION_LAG: 'Execution behind plan',
        OVERSPEND: 'Over budget', COST_CAP_EXCEEDED: 'Cost cap exceeded', INDICATOR_NOT_MET: 'Indicator not met',
        INDICATOR_OFF_TRACK: 'Indicator off track', EXECUTION_ACHIEVEMENT_GAP: 'Execution vs achievement gap',
        YEAR_END_FORECAST: 'Year-end forecast low', logout: 'Sign out', signedInAs: 'Signed in as', allAgencies: 'all agencies',
        audit: 'Audit trail (this service)', auditTime: 'Time', auditActor: 'Who', auditAction: 'Action',
        auditTarget: 'Target', auditResult: 'Result', MET: 'Met', NOT_MET: 'Not met', NEEDS_ASSESSMENT: 'Needs assessment', NO_ACTUAL: 'Not reported',
        UNIT_MISMATCH: 'Unit mismatch' }
};
let lang = localStorage.getItem('bw-lang') || 'zh';
const $ = id => document.getElementById(id);
const t = key => T[lang][key] || key;
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const money = s => s == null ? '–' : Number(s).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
// X-Requested-With: the service's CSRF check for calls signed in by the session cookie, and what makes an
// ended session answer 499 (instead of a redirect to the login page) so that the page signs in again.
async function api(path, options = {}) {
  const res = await fetch(path, {...options, credentials: 'same-origin', headers: {'Accept-Language': lang === 'zh' ? 'zh-CN' : 'en',
    'X-Requested-With': 'JavaScript', ...(options.headers || {})}});
  if (res.status === 499 || res.status === 401) { window.location.reload(); throw new Error(t('signedInAs')); }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body && body.detail ? body.detail : res.status);
  return body;
}
function applyLang() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(el => el.textContent = t(el.dataset.i18n));
  $('lang').textContent = lang === 'zh' ? 'English' : '中文';
  document.title = t('title') + (lang === 'zh' ? ' BudgetWatch' : '');
}
let me = {username: '', roles: [], agencies: []};
const hasRole = role => me.roles.includes(role);
async function loadCaller() {
  me = await api('/api/me');
  $('who').textContent = `${t('signedInAs')}: ${me.username} (${me.roles.join(', ')}; ${me.agencies ? me.agencies.join(', ') : t('allAgencies')})`;
}
async function loadAgencies() {
  const list = await api('/api/agencies');
  $('agency').innerHTML = list.map(a => `<option value="${esc(a.agencyCode)}|${a.fiscalYear}">${esc(a.agencyCode)} ${esc(a.agencyName)} · ${a.fiscalYear}</option>`).join('');
  if (!list.length) { $('hint').textContent = t('none'); }
  else if (!$('asOf').value) {
    const y = list[0].fiscalYear, today = new Date().toISOString().slice(0, 10);
    $('asOf').value = today.startsWith(String(y)) ? today : `${y}-12-31`;
  }
}
async function refresh() {
  applyLang();
  if (!$('agency').value) await loadAgencies();
  if (!$('agency').value) return;
  const [agency, year] = $('agency').value.split('|');
  const asOf = $('asOf').value;
  const p = await api(`/api/progress?agency=${agency}&year=${year}&asOf=${asOf}`);
  const period = `agency=${encodeURIComponent(agency)}&year=${encodeURIComponent(year)}&asOf=${encodeURIComponent(asOf)}`;
  $('csv').href = `/api/exports/progress.csv?${period}`;
  $('monitoring').href = `/api/exports/monitoring.xlsx?${period}`;
  $('cards').innerHTML = [
    [t('totalBudget'), money(p.budget.total)], [t('totalExecuted'), money(p.executed.total)],
    [t('execRate'), p.executionRate + '%'], [t('planned') + ' / ' + t('timeElapsed'), p.plannedRate + '% / ' + p.timeElapsedRate + '%']
  ].map(([k, v]) => `<div class="card"><b>${esc(v)}</b><span>${esc(k)}</span></div>`).join('');
  $('projects').innerHTML = p.projects.map(x => `<tr class="project" data-code="${esc(x.projectCode)}">
      <td>${esc(x.name)}<div class="muted">${esc(x.projectCode)}</div></td>
      <td class="num">${money(x.budget.total)}</td><td class="num">${money(x.executed.total)}</td>
      <td><div class="bar" title="${x.executionRate}% / ${x.plannedRate}%"><i data-width="${Math.min(100, Number(x.executionRate))}"></i><em data-left="${Math.min(100, Number(x.plannedRate))}"></em></div>
          <span class="muted">${x.executionRate}% / ${x.plannedRate}%</span></td>
      <td><span class="tag ${x.status}">${esc(x.statusText)}</span></td></tr>`).join('');
  // through the CSSOM: the Content-Security-Policy allows no inline style attribute
  document.querySelectorAll('.bar i').forEach(i => i.style.width = i.dataset.width + '%');
  document.querySelectorAll('.bar em').forEach(e => e.style.left = e.dataset.left + '%');
  document.querySelectorAll('tr.project').forEach(tr => tr.onclick = () => showProject(tr.dataset.code));
  const alerts = await api(`/api/alerts?agency=${agency}&year=${year}`);
  $('alerts').innerHTML = alerts.length ? alerts.map(a => `<div class="alert">
      <span class="tag ${esc(a.severity)}">${esc(t(a.severity))}</span> ${esc(a.message)}
      <small>${esc(t(a.rule))} · ${esc(a.checkpoint || a.asOf)} · ${esc(a.id)}</small>
      ${a.acknowledgement ? `<small>${t('acked')}: ${esc(a.acknowledgement.by)} — ${esc(a.acknowledgement.comment)}</small>`
        : hasRole('manager') ? `<button data-id="${esc(a.id)}">${t('ack')}</button>` : ''}</div>`).join('')
    : `<p class="muted">${t('noAlerts')}</p>`;
  document.querySelectorAll('#alerts button').forEach(b => b.onclick = () => acknowledge(b.dataset.id));
  if (hasRole('auditor') || hasRole('admin')) await loadAudit();
}
// auditors and admins: the newest records of this service's audit trail (the other services answer GET /api/audit too)
async function loadAudit() {
  const page = await api('/api/audit?limit=50');
  $('audit').hidden = false;
  $('auditRows').innerHTML = page.records.map(r => `<tr><td>${esc(r.recordedAt)}</td><td>${esc(r.actorName)}
      <div class="muted">${esc((r.actorRoles || []).join(', '))}</div></td><td>${esc(r.action)}</td>
      <td>${esc(r.target)}<div class="muted">${esc(r.summary)}</div></td><td>${esc(r.result)}</td></tr>`).join('');
}
async function acknowledge(id) {
  const by = me.username; // the audit trail records the token's user as well
  const comment = prompt(t('ackComment')); if (!comment) return;
  try { await api(`/api/alerts/${encodeURIComponent(id)}/acknowledgement`, {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({by, comment})}); }
  catch (e) { alert(e.message); }
  refresh();
}
function chart(series, budget) {
  const w = 560, h = 180, pad = 30, max = Math.max(100, ...series.map(s => Number(s.actualRate || 0)));
  const x = i => pad + i * (w - 2 * pad) / 11, y = v => h - pad - Number(v) * (h - 2 * pad) / max;
  const line = (key, dash, color) => {
    const pts = series.map((s, i) => s[key] == null ? null : `${x(i)},${y(s[key])}`).filter(Boolean).join(' ');
    return `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2" ${dash ? 'stroke-dasharray="5 4"' : ''}/>`;
  };
  return `<svg class="series" viewBox="0 0 ${w} ${h}" width="100%">
    ${[0, 25, 50, 75, 100].map(v => `<line x1="${pad}" x2="${w - pad}" y1="${y(v)}" y2="${y(v)}" stroke="#eaeef2"/><text x="2" y="${y(v) + 4}">${v}%</text>`).join('')}
    ${series.map((s, i) => `<text x="${x(i) - 6}" y="${h - 8}">${i + 1}</text>`).join('')}
    ${line('plannedRate', true, '#57606a')}${line('actualRate', false, '#0969da')}</svg>`;
}
async function showProject(code) {
  const asOf = $('asOf').value;
  const [p, ind, se] = await Promise.all([api(`/api/projects/${code}/progress?asOf=${asOf}`),
    api(`/api/projects/${code}/indicators?asOf=${asOf}`), api(`/api/projects/${code}/self-evaluation`)]);
  const d = $('detail'); d.style.display = 'block';
  d.innerHTML = `<h2>${esc(p.name)} <span class="muted">${esc(p.projectCode)}</span> <button id="close">${t('close')}</button></h2>
    <p class="muted">${t('series')}</p>${chart(p.series, p.budget.total)}
    <h2>${t('indicators')}</h2><table><thead><tr><th>${t('project')}</th><th>${t('target')}</th><th>${t('actual')}</th><th>${t('verdict')}</th></tr></thead>
    <tbody>${ind.map(i => `<tr><td>${esc(i.level1)} / ${esc(i.level2)} / ${esc(i.level3)}</td><td>${esc(i.targetRaw)}</td>
      <td>${i.actual ? esc(i.actual.value != null ? i.actual.value + (i.actual.unit || '') : i.actual.assessment) : '–'}</td>
      <td>${t(i.verdict)}<div class="muted">${esc(i.reason)}</div></td></tr>`).join('')}</tbody></table>
    <h2>${t('selfEval')}: ${t('total')} ${se.score.total} · ${t('grade')} ${esc(lang === 'zh' ? se.score.grade : se.score.gradeEn)}
      <a class="muted" href="/api/exports/self-evaluation.xlsx?project=${encodeURIComponent(code)}&year=${encodeURIComponent(se.fiscalYear ?? $('agency').value.split('|')[1])}">${t('selfEvalXlsx')}</a></h2>
    <p class="muted">${se.score.levels.map(l => `${esc(l.name)} ${l.score}/${l.points}`).join(' · ')} · ${t('execRate')} ${se.score.executionScore}/10</p>`;
  $('close').onclick = () => d.style.display = 'none';
  d.scrollIntoView({behavior: 'smooth'});
}
$('refresh').onclick = () => refresh().catch(e => $('hint').innerHTML = `<span class="error">${esc(e.message)}</span>`);
$('agency').onchange = $('asOf').onchange = $('refresh').onclick;
$('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('bw-lang', lang); $('refresh').onclick(); };
// who is signed in decides what is offered (acknowledge: managers; the audit trail: auditors and admins)
loadCaller().catch(() => {}).then(() => $('refresh').onclick());
