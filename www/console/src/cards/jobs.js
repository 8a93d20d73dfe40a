// The jobs card: one operation over the rows of a CSV file. Choose the operation and download
// its template (its header and one example row, from the metadata); upload a file, which the
// proxy checks row by row: each bad row's errors, or the job's total effect to confirm; once
// started, a progress bar with counts and when it should end; when it has ended, its results
// file. Shown only to a role that runs jobs.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';

const { t } = i18n;
const POLL_MS = 1000;
const ENDED = ['done', 'failed', 'cancelled'];

/** A CSV cell, quoted when it holds a separator, a quote or a line break. */
const cell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The fields a job sets itself for each row (as the proxy does): never in a template. */
const derived = (meta) => (meta.platform === 'u8' ? [] : ['request_id', 'operator_id']);

/** An example value for a field, from its metadata and what the desk knows (`known`). */
function exampleOf(meta, f, known) {
  if (known[f.name] !== undefined) return known[f.name];
  if (f.choices?.length) return f.choices[0].value;
  if (f.type === 'Number' || f.type === 'Decimal') return '1';
  if (f.type === 'Money') return '0.01';
  if (f.name === meta.orderId || f.name === meta.idempotencyKey) return 'ORDER-1';
  if (f.name === meta.reason) return t('jobsTitle');
  return '';
}

/** A template: the operation's fields (required first) and one example row. */
export function templateOf(meta, known = {}) {
  const fields = meta.fields.filter((f) => !derived(meta).includes(f.name));
  const ordered = [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
  return `${ordered.map((f) => f.name).join(',')}\r\n${ordered.map((f) => cell(exampleOf(meta, f, known))).join(',')}\r\n`;
}

function download(name, text) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * `api` calls the proxy (`api.file` for the results file); `me()` the signed-in operator (its
 * `jobs` says whether the role runs jobs); `operations()` the metadata of what the role may run; `known()` values the desk knows
 * (brand, shop) for the template; `amount(effect)` says what a job moves.
 */
export function createJobsCard({ api, me, operations, known, amount }) {
  let job = null;
  let errors = [];
  // The earlier job of the same file, when the proxy said the file was uploaded before.
  let earlier = null;
  let timer = null;
  let session = 0;

  const runnable = () => operations().filter((m) => m.writes && !m.reverses);
  const nameOf = (m) => (m.platform === 'u8' ? `u8:${m.method}` : m.method);
  const selected = () => runnable().find((m) => nameOf(m) === $('#job-operation').value);

  function reset() {
    session += 1;
    clearTimeout(timer);
    job = null;
    errors = [];
    earlier = null;
    $('#jobs-card').hidden = true;
    $('#job-operation').replaceChildren();
    $('#job-file').value = '';
    render();
  }

  /** Shows the card to a role that runs jobs (`me().jobs`), with its operations. */
  function load() {
    if (!me()?.jobs) return;
    const was = $('#job-operation').value;
    $('#job-operation').replaceChildren(
      ...runnable().map((m) => el('option', { value: nameOf(m), text: i18n.title(m), selected: nameOf(m) === was })),
    );
    $('#jobs-card').hidden = false;
    render();
  }

  function render() {
    $('#job-again').hidden = !earlier;
    $('#job-errors-wrap').hidden = !errors.length;
    $('#job-errors tbody').replaceChildren(
      ...errors.map((e) =>
        el(
          'tr',
          {},
          el('td', { text: e.row === 0 ? t('jobHeader') : String(e.row) }),
          el('td', { text: e.field ?? '' }),
          el('td', { text: e.message }),
        ),
      ),
    );
    $('#job-summary').hidden = !job;
    $('#job-progress-wrap').hidden = !job || job.status === 'ready';
    if (!job) return;
    $('#job-effect').textContent = i18n.fill(t('jobEffect'), {
      total: job.total,
      effect: amount(job.effect) || t('jobNothing'),
    });
    $('#job-start').hidden = job.status !== 'ready';
    $('#job-cancel').hidden = ENDED.includes(job.status);
    const progress = $('#job-progress');
    progress.max = Math.max(1, job.total);
    progress.value = job.done;
    $('#job-status').textContent = i18n.fill(t('jobCounts'), {
      ...job,
      status: t(`job_${job.status}`),
      eta: job.eta ? i18n.fill(t('jobEta'), { time: i18n.dateTime(new Date(job.eta)) }) : '',
    });
    $('#job-results').hidden = !['done', 'cancelled'].includes(job.status);
  }

  async function template() {
    const meta = selected();
    if (meta) download(`${nameOf(meta).replace(/[^A-Za-z0-9.]+/g, '_')}-template.csv`, templateOf(meta, known()));
  }

  /** Uploads the chosen file; `again` names the earlier job of the same file to run it once more. */
  async function check(again = null) {
    const meta = selected();
    const file = $('#job-file').files?.[0];
    $('#job-message').textContent = '';
    clearTimeout(timer);
    job = null;
    errors = [];
    earlier = null;
    if (!meta || !file) {
      $('#job-message').textContent = t('jobNoFile');
      render();
      return;
    }
    const mine = session;
    const r = await api(
      `/v1/jobs?operation=${encodeURIComponent(nameOf(meta))}&lang=${i18n.lang()}${again ? `&again=${again}` : ''}`,
      await file.text(),
      'text/csv',
    );
    if (mine !== session) return;
    if (r.ok) job = r.data;
    else if (r.error?.code === 'INVALID_PARAM' && Array.isArray(r.error.details)) errors = r.error.details;
    else if (r.error?.code === 'JOB_EXISTS' && r.error.details?.[0]?.job) {
      earlier = r.error.details[0];
      $('#job-message').textContent = i18n.fill(t('jobExists'), {
        job: earlier.job,
        status: t(`job_${earlier.status}`),
      });
    } else $('#job-message').textContent = i18n.errorMessage(r.error);
    render();
  }

  async function poll() {
    const mine = session;
    const r = await api(`/v1/jobs/${job.id}`);
    if (mine !== session) return;
    if (r.ok) job = r.data;
    render();
    if (!ENDED.includes(job.status)) timer = setTimeout(poll, POLL_MS);
  }

  async function act(what) {
    const mine = session;
    const r = await api(`/v1/jobs/${job.id}/${what}`, {});
    if (mine !== session) return;
    if (!r.ok) $('#job-message').textContent = i18n.errorMessage(r.error);
    else job = r.data;
    render();
    clearTimeout(timer);
    if (r.ok && !ENDED.includes(job.status)) timer = setTimeout(poll, POLL_MS);
  }

  async function results() {
    const r = await api.file(`/v1/jobs/${job.id}/results`);
    if (r.ok) download(`${job.id}-results.csv`, r.text);
    else $('#job-message').textContent = i18n.errorMessage(r.error);
  }

  $('#job-template').addEventListener('click', template);
  $('#job-check').addEventListener('click', () => check());
  $('#job-again').addEventListener('click', () => check(earlier?.job));
  $('#job-start').addEventListener('click', () => act('start'));
  $('#job-cancel').addEventListener('click', () => act('cancel'));
  $('#job-results').addEventListener('click', results);

  return { reset, load, relabel: load };
}
