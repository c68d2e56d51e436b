"use strict";
// Shared by the dashboard's pages (index.html, bureau.html, project.html, alerts.html): texts in two languages,
// money in 元 or 万元, escaping, the API helper, the navigation bar, charts and live updates. The pages load no
// inline script or style (Content-Security-Policy script-src/style-src 'self'): text from documents and
// payments goes through esc() before innerHTML, sizes and positions through the CSSOM.
const T = {
  zh: { title: '预算绩效运行监控', navOverview: '单位总览', navBureau: '全局（各单位）', navAlerts: '预警中心',
        agency: '预算单位', year: '年度', asOf: '截至日期', refresh: '刷新', lang: 'English', unitYuan: '元', unitWan: '万元',
        unitLabel: '金额单位', logout: '退出登录', signedInAs: '当前用户', allAgencies: '全部单位',
        live: '实时', liveOff: '实时更新未连接', liveOn: '实时更新已连接', loading: '加载中…',
        none: '暂无数据：先导入目标文档（deploy/local/up 会导入示例）', error: '出错了',
        budget: '预算', executed: '已执行', execRate: '执行率', planned: '计划进度', timeElapsed: '序时进度',
        gapPlan: '与计划差距（百分点）', gapTime: '与序时差距（百分点）', openAlerts: '未确认预警', project: '项目', projects: '项目',
        projectCode: '项目编码', status: '状态', projectCount: '项目数', curve: '全年累计：计划与实际',
        ranking: '项目执行率排名（最滞后在前）', statusCounts: '项目状态', indicatorCounts: '绩效指标完成情况',
        plannedCurve: '计划累计', actualCurve: '实际累计', checkpoints: '计划节点', exports: '导出',
        csv: '进度表（CSV）', monitoringXlsx: '绩效目标执行监控表（Excel）', selfEvalAgencyXlsx: '单位绩效自评表（Excel）',
        selfEvalXlsx: '绩效自评表（Excel）', audit: '审计日志（本服务）', auditTime: '时间', auditActor: '操作人',
        auditAction: '操作', auditTarget: '对象', auditResult: '结果', fiscal: '财政拨款', other: '其他资金', total: '合计',
        ON_TRACK: '正常', LAGGING: '滞后', SERIOUSLY_LAGGING: '严重滞后', OVERSPENT: '超支',
        WARNING: '预警', CRITICAL: '严重',
        EXECUTION_LAG: '执行进度滞后', OVERSPEND: '超预算', COST_CAP_EXCEEDED: '超成本指标', INDICATOR_NOT_MET: '指标未达成',
        INDICATOR_OFF_TRACK: '指标进度偏离', EXECUTION_ACHIEVEMENT_GAP: '执行率与目标完成度偏差', YEAR_END_FORECAST: '年末执行率预测偏低',
        MET: '达成', NOT_MET: '未达成', NEEDS_ASSESSMENT: '待评定', NO_ACTUAL: '未填报', UNIT_MISMATCH: '单位不符',
        bureauTitle: '各单位预算执行（按执行率与序时进度差距排序）', agencies: '单位', green: '绿', yellow: '黄', red: '红',
        agencyCount: '单位数',
        purpose: '项目概况', goals: '年度绩效目标', initialBudget: '年初预算数', currentBudget: '调整后预算数',
        adjustments: '预算调整记录', seq: '序号', previousTotal: '调整前', adjustedTotal: '调整后', reason: '原因',
        effectiveOn: '生效日期', adjustedBy: '调整人', source: '来源', monthly: '月度累计：计划与实际',
        ledger: '支付台账', paidOn: '支付日期', kind: '类型', amount: '金额', fundSource: '资金来源', paymentId: '支付编号',
        overspend: '超支', PAYMENT: '支付', REFUND: '退款', CORRECTION: '更正', VOUCHER: '支付凭证', FISCAL: '财政拨款', OTHER_FUNDS: '其他资金',
        prev: '上一页', next: '下一页', ledgerUnavailable: '本服务暂未提供支付台账明细', of: '共', entries: '条',
        indicators: '绩效指标', target: '指标值', actual: '实际', verdict: '结论',
        alerts: '预警', noAlerts: '暂无预警', ack: '确认', ackComment: '确认说明 / 纠偏措施', acked: '已确认',
        explanationLink: '关联偏差说明（可选）', noneOption: '（无）', submit: '提交',
        selfEval: '绩效自评', grade: '等级', score: '总分',
        explanations: '偏差原因分析与纠偏措施', recordExplanation: '填报偏差说明', monitoringDate: '监控日期',
        target_: '对象', funds: '预算资金（执行数）', indicatorN: '指标', causes: '偏差原因（至少一类）',
        FUNDING: '经费保障', INSTITUTIONAL: '制度保障', STAFFING: '人员保障', HARDWARE: '硬件条件保障', OTHER_CAUSE: '其他',
        likelihood: '完成目标可能性', CERTAIN: '确定能', POSSIBLE: '有可能', IMPOSSIBLE: '完全不可能',
        expectedAmount: '全年预计执行数（元）', expectedText: '全年预计完成值', expectedValue: '数值（可选）',
        correctiveMeasures: '纠偏措施', alertId: '关联预警（可选）', recorded: '已记录', recordedBy: '填报人',
        superseded: '已被更新', noExplanations: '暂无偏差说明', noAdjustments: '暂无预算调整',
        alertCentre: '预警中心', severity: '严重程度', rule: '规则', acknowledged: '确认状态', any: '全部',
        yes: '已确认', no: '未确认', filter: '筛选', selectAll: '全选', bulkAck: '批量确认所选预警', selected: '已选',
        ACKNOWLEDGED: '已确认', ALREADY_ACKNOWLEDGED: '此前已确认', UNKNOWN_ALERT: '未知预警', raisedAt: '产生时间',
        message: '内容', checkpoint: '节点', backToOverview: '返回单位总览', notFound: '未找到' },
  en: { title: 'BudgetWatch', navOverview: 'Agency overview', navBureau: 'All agencies', navAlerts: 'Alerts',
        agency: 'Agency', year: 'Year', asOf: 'As of', refresh: 'Refresh', lang: '中文', unitYuan: 'yuan', unitWan: '10k yuan',
        unitLabel: 'Amounts in', logout: 'Sign out', signedInAs: 'Signed in as', allAgencies: 'all agencies',
        live: 'live', liveOff: 'Live updates not connected', liveOn: 'Live updates connected', loading: 'Loading…',
        none: 'No data yet: import a goal document (deploy/local/up loads the demo)', error: 'Error',
        budget: 'Budget', executed: 'Executed', execRate: 'Execution rate', planned: 'Planned', timeElapsed: 'Time elapsed',
        gapPlan: 'Gap to plan (points)', gapTime: 'Gap to time elapsed (points)', openAlerts: 'Open alerts', project: 'Project',
        projects: 'Projects', projectCode: 'Code', status: 'Status', projectCount: 'Projects',
        curve: 'Cumulative over the year: plan and actual', ranking: 'Execution rate by project (most behind first)',
        statusCounts: 'Project status', indicatorCounts: 'Indicators', plannedCurve: 'Planned', actualCurve: 'Actual',
        checkpoints: 'Plan checkpoints', exports: 'Exports', csv: 'Progress table (CSV)',
        monitoringXlsx: 'Monitoring form (Excel)', selfEvalAgencyXlsx: 'Agency self-evaluation (Excel)',
        selfEvalXlsx: 'Self-evaluation form (Excel)', audit: 'Audit trail (this service)', auditTime: 'Time',
        auditActor: 'Who', auditAction: 'Action', auditTarget: 'Target', auditResult: 'Result', fiscal: 'Fiscal',
        other: 'Other funds', total: 'Total',
        ON_TRACK: 'On track', LAGGING: 'Lagging', SERIOUSLY_LAGGING: 'Seriously lagging', OVERSPENT: 'Overspent',
        WARNING: 'Warning', CRITICAL: 'Critical', EXECUTION_LAG: 'Execution behind plan', OVERSPEND: 'Over budget',
        COST_CAP_EXCEEDED: 'Cost cap exceeded', INDICATOR_NOT_MET: 'Indicator not met',
        INDICATOR_OFF_TRACK: 'Indicator off track', EXECUTION_ACHIEVEMENT_GAP: 'Execution vs achievement gap',
        YEAR_END_FORECAST: 'Year-end forecast low', MET: 'Met', NOT_MET: 'Not met', NEEDS_ASSESSMENT: 'Needs assessment',
        NO_ACTUAL: 'Not reported', UNIT_MISMATCH: 'Unit mismatch',
        bureauTitle: 'Agencies by execution rate against time elapsed (most behind first)', agencies: 'Agencies',
        green: 'green', yellow: 'yellow', red: 'red', agencyCount: 'Agencies',
        purpose: 'Purpose', goals: 'Annual goals', initialBudget: 'Initial budget', currentBudget: 'Current budget',
        adjustments: 'Budget adjustments', seq: '#', previousTotal: 'Before', adjustedTotal: 'After', reason: 'Reason',
        effectiveOn: 'Effective', adjustedBy: 'By', source: 'Source', monthly: 'Cumulative by month: plan and actual',
        ledger: 'Payments ledger', paidOn: 'Paid on', kind: 'Kind', amount: 'Amount', fundSource: 'Funds',
        paymentId: 'Payment', overspend: 'overspend', PAYMENT: 'Payment', REFUND: 'Refund', CORRECTION: 'Correction', VOUCHER: 'Pay voucher',
        FISCAL: 'Fiscal', OTHER_FUNDS: 'Other funds', prev: 'Previous', next: 'Next', ledgerUnavailable: 'This service does not offer the payments ledger yet', of: 'of', entries: 'entries',
        indicators: 'Indicators', target: 'Target', actual: 'Actual', verdict: 'Verdict',
        alerts: 'Alerts', noAlerts: 'No alerts', ack: 'Acknowledge', ackComment: 'Comment / corrective action',
        acked: 'Acknowledged', explanationLink: 'Link an explanation (optional)', noneOption: '(none)', submit: 'Submit',
        selfEval: 'Self-evaluation', grade: 'Grade', score: 'Score',
        explanations: 'Deviation explanations and corrective measures', recordExplanation: 'Record an explanation',
        monitoringDate: 'Monitoring date', target_: 'About', funds: 'Budget funds (spending)', indicatorN: 'Indicator',
        causes: 'Causes (at least one)', FUNDING: 'Funding', INSTITUTIONAL: 'Rules and procedures', STAFFING: 'Staffing',
        HARDWARE: 'Equipment and facilities', OTHER_CAUSE: 'Other', likelihood: 'Likelihood of reaching the target',
        CERTAIN: 'Certain', POSSIBLE: 'Possible', IMPOSSIBLE: 'Impossible',
        expectedAmount: 'Expected full-year spending (yuan)', expectedText: 'Expected full-year value',
        expectedValue: 'Number (optional)', correctiveMeasures: 'Corrective measures', alertId: 'Alert (optional)',
        recorded: 'Recorded', recordedBy: 'By', superseded: 'superseded', noExplanations: 'No explanations yet', noAdjustments: 'No budget adjustments',
        alertCentre: 'Alerts', severity: 'Severity', rule: 'Rule', acknowledged: 'Acknowledged', any: 'any',
        yes: 'acknowledged', no: 'open', filter: 'Filter', selectAll: 'Select all',
        bulkAck: 'Acknowledge the selected alerts', selected: 'selected', ACKNOWLEDGED: 'acknowledged',
        ALREADY_ACKNOWLEDGED: 'already acknowledged', UNKNOWN_ALERT: 'unknown alert', raisedAt: 'Raised',
        message: 'Message', checkpoint: 'Checkpoint', backToOverview: 'Back to the agency overview', notFound: 'Not found' }
};
const RULES = ['EXECUTION_LAG', 'OVERSPEND', 'COST_CAP_EXCEEDED', 'INDICATOR_NOT_MET', 'INDICATOR_OFF_TRACK',
  'EXECUTION_ACHIEVEMENT_GAP', 'YEAR_END_FORECAST'];
const STATUSES = ['ON_TRACK', 'LAGGING', 'SERIOUSLY_LAGGING', 'OVERSPENT'];
const STATUS_COLORS = {ON_TRACK: '#1f883d', LAGGING: '#bf8700', SERIOUSLY_LAGGING: '#cf222e', OVERSPENT: '#8250df'};

let lang = localStorage.getItem('bw-lang') === 'en' ? 'en' : 'zh';
let unit = localStorage.getItem('bw-unit') === 'wan' ? 'wan' : 'yuan';
const $ = id => document.getElementById(id);
const t = key => T[lang][key] ?? T.zh[key] ?? key;
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const query = new URLSearchParams(location.search);
const param = name => { const v = query.get(name); return v == null || v === '' ? null : v; };
/** A query string of the given parameters, the empty ones left out. */
const qs = params => Object.entries(params).filter(([, v]) => v != null && v !== '')
  .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

// --- money: decimal strings of yuan, shown exactly (no float arithmetic on amounts) --------------------------
function splitDecimal(s) {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/.exec(String(s));
  if (!m) return null;
  return {neg: m[1] === '-', int: (m[2] || '0').replace(/^0+(?=\d)/, ''), frac: m[3] || ''};
}
function group(int) { return int.replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
/** Yuan with two decimals, or 万元 (yuan / 10000, moving the decimal point) with 2 to 6 decimals. */
function money(s, as = unit) {
  if (s && typeof s === 'object') s = s.total; // a {total, fiscal, other} triple: its total
  if (s == null || s === '') return '–';
  const d = splitDecimal(s);
  if (!d) return String(s);
  let int = d.int, frac = d.frac;
  if (as === 'wan') {
    const digits = int.padStart(5, '0');
    frac = digits.slice(-4) + frac;
    int = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
    frac = frac.replace(/0+$/, '');
    if (frac.length < 2) frac = frac.padEnd(2, '0');
  } else if (frac.length < 2) {
    frac = frac.padEnd(2, '0');
  }
  const zero = /^0*$/.test(int + frac);
  return (d.neg && !zero ? '-' : '') + group(int) + '.' + frac;
}
const unitName = () => unit === 'wan' ? t('unitWan') : t('unitYuan');
/** Money with its unit, for cards and tooltips. */
const moneyU = s => `${money(s)} ${unitName()}`;
const pct = s => s == null ? '–' : `${s}%`;
const points = s => s == null ? '–' : (String(s).startsWith('-') ? String(s) : '+' + s);
const num = s => s == null ? null : Number(s); // rates and points only, for the charts' geometry
// a reported value (stored with six decimals) as people write it: no zeros beyond two decimals, as the server's texts
const reported = s => s == null ? '–' : /\.\d{3,}$/.test(String(s)) ? String(s).replace(/0+$/, '').replace(/\.$/, '') : String(s);

// --- API -----------------------------------------------------------------------------------------------------
// X-Requested-With: the service's CSRF check for calls signed in by the session cookie, and what makes an
// ended session answer 499 (instead of a redirect to the login page) so that the page signs in again.
async function api(path, options = {}) {
  const res = await fetch(path, {...options, credentials: 'same-origin', headers: {'Accept-Language': lang === 'zh' ? 'zh-CN' : 'en',
    'X-Requested-With': 'JavaScript', ...(options.headers || {})}});
  // an ended session signs in again; not while signing out (a reload then would cancel it)
  if (res.status === 499 || res.status === 401) { if (!signingOut) window.location.reload(); throw new Error(t('signedInAs')); }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = new Error(body && body.detail ? body.detail : `${res.status} ${path}`);
    e.status = res.status; e.problem = body;
    throw e;
  }
  return body;
}
const postJson = (path, body) => api(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
function showError(e, where = 'messages') {
  const box = $(where);
  if (box) box.innerHTML = `<p class="error" role="alert">${esc(t('error'))}: ${esc(e && e.message)}</p>`;
  else console.error(e);
}
function uuid() {
  if (window.crypto && crypto.randomUUID && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// --- caller and navigation bar ---------------------------------------------------------------------------------
let me = {username: '', roles: [], agencies: []};
let signingOut = false;
/** Settles when /api/me has answered (a page's load() awaits it before fetching what depends on the role). */
let callerReady = Promise.resolve();
const hasRole = role => (me.roles || []).includes(role);
/** The period the pages pass along: agency, year, asOf of the address (the page fills what the server chose). */
const period = {agency: param('agency'), year: param('year'), asOf: param('asOf')};
function navLinks() {
  const links = [['index.html', 'navOverview', qs(period)], ['bureau.html', 'navBureau', qs({year: period.year, asOf: period.asOf})],
    ['alerts.html', 'navAlerts', qs({agency: period.agency, year: period.year})]];
  const here = location.pathname === '/' ? 'index.html' : location.pathname.replace(/^\//, '');
  return links.map(([href, key, q]) => `<a href="/${href}${q ? '?' + q : ''}"${here === href ? ' aria-current="page"' : ''}>${esc(t(key))}</a>`).join('');
}
function renderNav() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const nav = $('nav');
  if (!nav) return;
  nav.innerHTML = `<span class="brand">${esc(t('title'))}</span><nav aria-label="pages">${navLinks()}</nav>
    <span class="spacer"></span>
    <span class="switch" role="group" aria-label="${esc(t('unitLabel'))}">
      <button type="button" id="unitYuan" aria-pressed="${unit === 'yuan'}">${esc(t('unitYuan'))}</button><button type="button" id="unitWan" aria-pressed="${unit === 'wan'}">${esc(t('unitWan'))}</button></span>
    <button type="button" id="lang">${esc(t('lang'))}</button>
    <span id="live" class="live" data-state="${liveState}" title="${esc(liveState === 'open' ? t('liveOn') : t('liveOff'))}">● ${esc(t('live'))}</span>
    <span class="who" id="who">${me.username ? `${esc(t('signedInAs'))}: ${esc(me.username)} (${esc((me.roles || []).join(', '))}; ${esc(me.agencies ? me.agencies.join(', ') : t('allAgencies'))})` : ''}</span>
    <a id="logout" href="/logout">${esc(t('logout'))}</a>`;
  $('logout').onclick = () => { signingOut = true; };
  $('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('bw-lang', lang); rerender(); };
  $('unitYuan').onclick = () => setUnit('yuan');
  $('unitWan').onclick = () => setUnit('wan');
}
function setUnit(u) { unit = u; localStorage.setItem('bw-unit', u); rerender(); }
function applyStaticTexts() {
  document.querySelectorAll('[data-i18n]').forEach(el => el.textContent = t(el.dataset.i18n));
  document.querySelectorAll('[data-unit]').forEach(el => el.textContent = `${t(el.dataset.unit)}（${unitName()}）`);
  document.title = `${t(document.body.dataset.title || 'title')} · BudgetWatch`;
}

// --- charts: ECharts (about 1 MB), fetched after the page's figures are drawn, each chart created when its box
// first comes into view -------------------------------------------------------------------------------------
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.min.js';
let echartsLoading = null;
function loadECharts() {
  if (window.echarts) return Promise.resolve();
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = ECHARTS; s.async = true; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  return echartsLoading;
}
const charts = new Map();
const pendingCharts = new Map();
const chartHooks = new Map();
const observer = 'IntersectionObserver' in window ? new IntersectionObserver(entries => entries.forEach(e => {
  if (e.isIntersecting) { observer.unobserve(e.target); drawChart(e.target.id); }
}), {rootMargin: '200px'}) : null;
/** Shows the option in the chart box (now if the chart exists or is on screen, else when it scrolls into view). */
function chart(id, option, onCreate) {
  const el = $(id);
  if (!el) return;
  pendingCharts.set(id, option);
  if (onCreate) chartHooks.set(id, onCreate);
  loadECharts().then(() => {
    if (charts.has(id) || !observer) drawChart(id); else observer.observe(el);
  }).catch(e => showError(e));
}
function drawChart(id) {
  const option = pendingCharts.get(id);
  if (!option || !window.echarts) return;
  let c = charts.get(id);
  if (!c) {
    c = echarts.init($(id)); charts.set(id, c);
    if (chartHooks.has(id)) chartHooks.get(id)(c);
  }
  c.setOption(option, true);
  $(id).dataset.drawn = 'true';
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));
/** The tooltip of every chart: HTML built from escaped text only, no style attributes (the policy forbids them). */
const tooltip = (formatter, extra = {}) => ({trigger: 'axis', confine: true, renderMode: 'html', formatter, ...extra});
const baseText = () => ({textStyle: {fontFamily: getComputedStyle(document.body).fontFamily}});

// --- live updates (GET /api/live, server-sent events) -------------------------------------------------------
let liveState = 'closed', liveTimer = null, source = null;
/** relevant(change) decides whether a change concerns the page; it is then fetched again, at most every ~300 ms. */
function live(relevant = () => true) {
  if (!window.EventSource) return;
  source = new EventSource('/api/live');
  const mark = state => { liveState = state; const el = $('live'); if (el) { el.dataset.state = state;
    el.title = state === 'open' ? t('liveOn') : t('liveOff'); } };
  source.onopen = () => mark('open');
  source.onerror = () => {
    const closed = source.readyState === EventSource.CLOSED;
    mark(closed ? 'closed' : 'connecting');
    // closed for good: an ended session answers the stream 499; a call of the script then signs in again
    if (closed) api('/api/me').catch(() => {});
  };
  source.addEventListener('change', ev => {
    let change = null;
    try { change = JSON.parse(ev.data); } catch (e) { return; }
    if (!relevant(change)) return;
    clearTimeout(liveTimer);
    liveTimer = setTimeout(() => { window.bwLiveRefreshes = (window.bwLiveRefreshes || 0) + 1; reload(); }, 300);
  });
}
window.addEventListener('pagehide', () => source && source.close());

// --- page lifecycle ------------------------------------------------------------------------------------------
let pageLoad = async () => {}, pageRender = () => {};
/** Fetch again (live update, refresh button), then draw. */
async function reload() {
  try { await pageLoad(); pageRender(); } catch (e) { showError(e); }
}
/** Draw again from what was fetched (language or unit switched). */
function rerender() { renderNav(); applyStaticTexts(); try { pageRender(); } catch (e) { showError(e); } }
/**
 * Starts a page: load() fetches (and keeps) its data, render() draws it. The caller (/api/me) is fetched
 * alongside: it decides what is offered (acknowledging: managers; explanations: planners; audit: auditors).
 */
function startPage(load, render, relevant) {
  pageLoad = load; pageRender = render;
  window.bwCsp = [];
  document.addEventListener('securitypolicyviolation', e => window.bwCsp.push(`${e.violatedDirective} ${e.blockedURI}`));
  renderNav(); applyStaticTexts();
  callerReady = api('/api/me').then(m => { me = m; renderNav(); }).catch(() => {});
  // data-rendered-ms: milliseconds from the navigation's start to the figures drawn (the browser tests read it)
  Promise.all([load(), callerReady]).then(() => {
    render(); document.body.dataset.renderedMs = String(Math.round(performance.now())); document.body.dataset.ready = 'true';
  })
    .catch(e => { showError(e); document.body.dataset.ready = 'error'; });
  live(relevant);
}
/** A select's options from [value, text] pairs, the current value kept. */
function options(select, pairs, value) {
  select.innerHTML = pairs.map(([v, text]) => `<option value="${esc(v)}"${String(v) === String(value ?? '') ? ' selected' : ''}>${esc(text)}</option>`).join('');
}
function tag(cls, text) { return `<span class="tag ${esc(cls)}">${esc(text)}</span>`; }
/** A bar of a rate with a marker at the plan, sized through the CSSOM after the markup is in the page. */
function rateBar(rate, plan) {
  return `<span class="bar" aria-hidden="true"><i data-width="${Math.max(0, Math.min(100, num(rate) || 0))}"></i><em data-left="${Math.max(0, Math.min(100, num(plan) || 0))}"></em></span>`;
}
function sizeBars(root = document) {
  root.querySelectorAll('.bar i[data-width]').forEach(i => i.style.width = i.dataset.width + '%');
  root.querySelectorAll('.bar em[data-left]').forEach(e => e.style.left = e.dataset.left + '%');
}
