"use strict";
// alerts.html: the alerts centre (GET /api/alerts with filters), bulk acknowledgement (POST /api/alerts/acknowledgements).
const filters = {severity: param('severity'), rule: param('rule'), project: param('project'), acknowledged: param('acknowledged')};
let alertList = [], agencyChoices = [];
const selected = new Set();

async function loadAlerts() {
  const [list, agencies] = await Promise.all([
    api(`/api/alerts?${qs({agency: period.agency, year: period.year, ...filters})}`),
    agencyChoices.length ? agencyChoices : api('/api/agencies').catch(() => [])]);
  alertList = list; agencyChoices = agencies;
  const ids = new Set(list.map(a => a.id));
  [...selected].forEach(id => { if (!ids.has(id)) selected.delete(id); });
  history.replaceState(null, '', `?${qs({agency: period.agency, year: period.year, ...filters})}`);
}

function renderAlerts() {
  const agencyPairs = [['', t('any')], ...agencyChoices.map(a => [`${a.agencyCode}|${a.fiscalYear}`, `${a.agencyCode} ${a.agencyName} · ${a.fiscalYear}`])];
  const current = period.agency ? `${period.agency}|${period.year || ''}` : '';
  if (current && !agencyPairs.some(([v]) => v === current)) agencyPairs.push([current, `${period.agency} · ${period.year || ''}`]);
  options($('agency'), agencyPairs, current);
  options($('severity'), [['', t('any')], ['CRITICAL', t('CRITICAL')], ['WARNING', t('WARNING')]], filters.severity);
  options($('rule'), [['', t('any')], ...RULES.map(r => [r, t(r)])], filters.rule);
  options($('acknowledged'), [['', t('any')], ['false', t('no')], ['true', t('yes')]], filters.acknowledged);
  $('project').value = filters.project || '';
  $('heading').textContent = `${t('of')} ${alertList.length} ${t('entries')}`;
  const canAck = hasRole('manager');
  $('bulk').hidden = !canAck;
  $('alertRows').innerHTML = alertList.map(a => `<tr data-alert="${esc(a.id)}">
      <td>${canAck && !a.acknowledgement ? `<input type="checkbox" class="pick" value="${esc(a.id)}" aria-label="${esc(a.id)}"${selected.has(a.id) ? ' checked' : ''}>` : ''}</td>
      <td>${tag(a.severity, t(a.severity))}</td><td>${esc(t(a.rule))}</td>
      <td><a href="/project.html?${qs({code: a.projectCode, asOf: a.asOf})}">${esc(a.projectName || a.projectCode)}</a><div class="muted">${esc(a.projectCode)} · ${esc(a.agencyCode)}</div></td>
      <td>${esc(a.message)}<div class="muted">${esc(a.id)}</div></td><td>${esc(a.checkpoint || a.asOf)}</td>
      <td>${a.acknowledgement ? `${esc(t('acked'))}<div class="muted">${esc(a.acknowledgement.by)} — ${esc(a.acknowledgement.comment)}</div>` : `<span class="muted">${esc(t('no'))}</span>`}</td></tr>`).join('');
  document.querySelectorAll('#alertRows .pick').forEach(box => box.onchange = () => {
    if (box.checked) selected.add(box.value); else selected.delete(box.value);
    counted();
  });
  counted();
}
function counted() {
  $('selectedCount').textContent = `${t('selected')} ${selected.size}`;
  $('bulkSubmit').disabled = selected.size === 0;
  const boxes = document.querySelectorAll('#alertRows .pick');
  $('selectAll').checked = boxes.length > 0 && [...boxes].every(b => b.checked);
}
$('selectAll').onchange = () => {
  document.querySelectorAll('#alertRows .pick').forEach(b => { b.checked = $('selectAll').checked; if (b.checked) selected.add(b.value); else selected.delete(b.value); });
  counted();
};
$('bulk').onsubmit = async ev => {
  ev.preventDefault();
  const ids = [...selected].slice(0, 200);
  $('bulkSubmit').disabled = true;
  try {
    const answer = await postJson('/api/alerts/acknowledgements', {ids, by: me.username, comment: $('bulkComment').value.trim()});
    $('results').innerHTML = answer.results.map(r => `<li data-outcome="${esc(r.outcome)}">${esc(r.id)}: ${esc(t(r.outcome))}</li>`).join('');
    selected.clear(); $('bulkComment').value = '';
    await reload();
  } catch (e) {
    $('results').innerHTML = `<li class="error">${esc(e.message)}</li>`;
    counted();
  }
};
$('filters').onsubmit = ev => {
  ev.preventDefault();
  const [agency, year] = ($('agency').value || '|').split('|');
  period.agency = agency || null; period.year = year || null;
  filters.severity = $('severity').value || null; filters.rule = $('rule').value || null;
  filters.project = $('project').value.trim() || null; filters.acknowledged = $('acknowledged').value || null;
  selected.clear();
  reload();
};
startPage(loadAlerts, renderAlerts, c => c.type === 'alert' && (!period.agency || c.agencyCode === period.agency));
