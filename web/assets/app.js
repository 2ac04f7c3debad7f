// dossier's search page. The whole state lives in the URL: "/" with the search parameters of
// the API (q, country, year, ..., sort, page), "/reports/ID?q=...#pN" for one report, or
// "/countries/KZ" for a country's dossier.
// Everything from documents or queries is put in the page as text nodes, never as HTML.
'use strict';

// The index schema as the server describes it (GET /api/fields): which fields are facets, their
// labels and order, and every filter parameter. Loaded once, before the first view.
let schema = null;

async function loadSchema() {
  if (schema) return schema;
  const body = await api('/api/fields');
  schema = {
    facets: body.fields.filter((f) => f.facet),
    labels: new Map(body.fields.map((f) => [f.name, f.label])),
    filters: body.filters.concat(['from', 'to']),
  };
  return schema;
}

const SHOWN_VALUES = 8;
const PAGE_SIZE = 10;

const $ = (id) => document.getElementById(id);

// Builds an element: el('a', {href: '/'}, 'text', child, ...). Strings become text nodes.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The same for SVG elements: svgEl('circle', {cx: 4}, ...).
function svgEl(tag, attributes, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Text with [begin, end) UTF-8 byte ranges marked.
function marked(text, highlights) {
  const fragment = document.createDocumentFragment();
  if (!highlights || highlights.length === 0) {
    fragment.append(text);
    return fragment;
  }
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  let at = 0;
  for (const [begin, end] of highlights) {
    if (begin < at || end > bytes.length || begin >= end) continue;
    fragment.append(decoder.decode(bytes.slice(at, begin)));
    fragment.append(el('mark', {}, decoder.decode(bytes.slice(begin, end))));
    at = end;
  }
  fragment.append(decoder.decode(bytes.slice(at)));
  return fragment;
}

// ---------------------------------------------------------------------------------------------
// State and navigation

function currentParams() {
  return new URLSearchParams(location.search);
}

function searchUrl(params) {
  const clean = new URLSearchParams();
  for (const [key, value] of params) if (value !== '') clean.append(key, value);
  const query = clean.toString();
  return '/' + (query ? '?' + query : '');
}

function go(url) {
  history.pushState(null, '', url);
  render();
}

function withParams(change) {
  const params = currentParams();
  change(params);
  if (!change.keepPage) params.delete('page');
  return searchUrl(params);
}

function toggleFilter(name, value) {
  return withParams((params) => {
    const values = params.getAll(name);
    params.delete(name);
    const next = values.includes(value) ? values.filter((v) => v !== value) : values.concat([value]);
    next.forEach((v) => params.append(name, v));
  });
}

function linkTo(url, text, attributes) {
  return el('a', Object.assign({
    href: url,
    onclick: (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go(url);
    },
  }, attributes || {}), text);
}

async function api(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}});
  let body;
  try {
    body = await response.json();
  } catch (error) {
    throw new Error('The server answered ' + response.status + ' without a readable body.');
  }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error.message : 'The server answered ' + response.status + '.');
  }
  return body;
}

function showMessage(text) {
  const box = $('message');
  box.textContent = text || '';
  box.hidden = !text;
}

let renderToken = 0;

async function render() {
  const token = ++renderToken;
  showMessage('');
  const reportMatch = location.pathname.match(/^\/reports\/([a-z0-9_.-]+)$/);
  const countryMatch = location.pathname.match(/^\/countries\/([^/]+)$/);
  $('q').value = currentParams().get('q') || '';
  try {
    await loadSchema();
    if (reportMatch) await renderReport(reportMatch[1], token);
    else if (countryMatch) await renderCountry(decodeURIComponent(countryMatch[1]), token);
    else await renderSearch(token);
  } catch (error) {
    if (token === renderToken) showMessage(error.message);
  }
  // Which URL the page shows now: lets tests and assistive scripts wait for a view to settle.
  if (token === renderToken) document.body.setAttribute('data-rendered', location.pathname + location.search);
}

// ---------------------------------------------------------------------------------------------
// The search view

async function renderSearch(token) {
  const params = currentParams();
  const apiParams = searchParamsForApi(params);
  apiParams.set('limit', String(PAGE_SIZE));
  apiParams.set('passages', '3');
  const result = await api('/api/search?' + apiParams.toString());
  if (token !== renderToken) return;
  $('report-view').hidden = true;
  $('country-view').hidden = true;
  $('search-view').hidden = false;
  document.title = (params.get('q') ? params.get('q') + ' – ' : '') + 'dossier';
  for (const [name, values] of Object.entries(result.facets)) {
    for (const v of values) labelCache.set(name + '\u0000' + v.value, v.label);
  }
  renderChips(params);
  renderSummary(result, params);
  renderHistogram(result.facets.year || [], params);
  renderHits(result, params);
  renderPages(result, params);
  facetsDistinct = result.facets_distinct || {};
  renderFacets(result.facets, params);
}

// The search as the API takes it: without the permalink's revision and fingerprint.
function searchParamsForApi(params) {
  const out = new URLSearchParams(params);
  out.delete('rev');
  out.delete('fp');
  out.delete('page');
  if (params.get('page')) out.set('page', params.get('page'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Citations and exports

const CITE_FORMATS = [['cite', 'Cite as'], ['bibtex', 'BibTeX'], ['ris', 'RIS'],
                      ['csl-json', 'CSL-JSON'], ['markdown', 'Markdown note']];
const EXPORT_FORMATS = [['csv', 'CSV'], ['jsonl', 'JSON Lines'], ['bibtex', 'BibTeX'],
                        ['ris', 'RIS'], ['csl-json', 'CSL-JSON']];

function citeFormat() {
  return localStorage.getItem('dossier.citeFormat') || 'cite';
}

function announce(text) {
  const status = $('status');
  status.textContent = '';
  setTimeout(() => { status.textContent = text; }, 10);
}

async function copyCitation(id, paragraph) {
  const format = citeFormat();
  const p = new URLSearchParams({format});
  if (paragraph) p.set('para', paragraph);
  if (paragraph && currentQuery()) p.set('query', currentQuery());
  const url = '/api/reports/' + encodeURIComponent(id) + '/cite?' + p.toString();
  try {
    const response = await fetch(url);
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    try {
      await navigator.clipboard.writeText(text);
      announce('Copied the ' + (CITE_FORMATS.find(([f]) => f === format) || [, format])[1] +
               ' citation' + (paragraph ? ' of paragraph ' + paragraph : '') + '.');
    } catch (error) {
      // No clipboard (an insecure origin, a refusal): show the text to copy by hand.
      window.prompt('Copy the citation:', text);
    }
  } catch (error) {
    showMessage('The citation could not be made: ' + error.message);
  }
}

function citeButton(id, paragraph) {
  return el('button', {type: 'button', class: 'cite',
    'aria-label': 'Copy a citation of ' + (paragraph ? 'paragraph ' + paragraph : 'the report'),
    onclick: () => copyCitation(id, paragraph)}, 'Cite');
}

// "Cite" and "Add to notebook", side by side.
function passageTools(id, paragraph) {
  return el('span', {class: 'passage-tools'}, citeButton(id, paragraph), ' ',
            el('button', {type: 'button', class: 'add-note',
              'aria-label': 'Add ' + (paragraph ? 'paragraph ' + paragraph : 'the report') + ' to the notebook',
              onclick: (event) => addToNotebook(id, paragraph, event.target.closest('li, p'))}, '+ Notebook'));
}

function citeFormatPicker() {
  const select = el('select', {'aria-label': 'Citation format',
    onchange: (event) => localStorage.setItem('dossier.citeFormat', event.target.value)},
    CITE_FORMATS.map(([value, label]) => el('option', {value}, label)));
  select.value = citeFormat();
  return el('label', {class: 'cite-format'}, 'Cite as ', select);
}

// ---------------------------------------------------------------------------------------------
// The notebook: passages gathered for a piece of writing. It lives in this browser's local
// storage: it survives reloads, needs no account, and its quotes and annotations are never sent
// to the server. It exports one Markdown file of notes with pandoc citations ([@key, para. 12])
// and one bibliography (CSL-JSON or BibTeX) that `pandoc --citeproc` turns into a document.

const NOTEBOOK_KEY = 'dossier.notebook';

function currentQuery() {
  return new URLSearchParams(location.search).get('q') || '';
}

function notebookItems() {
  try {
    const items = JSON.parse(localStorage.getItem(NOTEBOOK_KEY) || '[]');
    // Anything else (a damaged or foreign value) is left out rather than break the page.
    return Array.isArray(items)
      ? items.filter((item) => item && typeof item === 'object' && typeof item.markdown === 'string')
      : [];
  } catch (error) {
    return [];
  }
}

function saveNotebook(items, rerender = true) {
  localStorage.setItem(NOTEBOOK_KEY, JSON.stringify(items));
  if (rerender) renderNotebook();
}

// The text the reader selected inside `container`, if the selection lies wholly there, without
// the paragraph label the page shows before the text.
function selectionIn(container) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !container || selection.rangeCount === 0) return '';
  if (!container.contains(selection.anchorNode) || !container.contains(selection.focusNode)) return '';
  const range = selection.getRangeAt(0).cloneRange();
  const label = container.querySelector('.pnum');
  if (label && range.intersectsNode(label)) range.setStartAfter(label);
  return range.toString().trim();
}

// Asks the server for the passage's citation (its key, pinpoint, quote and bibliography entry):
// the report's text is there. What the notebook then holds stays here.
async function addToNotebook(id, paragraph, container) {
  const p = new URLSearchParams({format: 'json'});
  if (paragraph) p.set('para', paragraph);
  if (currentQuery()) p.set('query', currentQuery());
  const selected = paragraph ? selectionIn(container) : '';
  if (selected) p.set('quote', selected);
  try {
    const response = await fetch('/api/reports/' + encodeURIComponent(id) + '/cite?' + p.toString());
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    const passage = body.passages[0];
    const items = notebookItems();
    items.push({id: passage.id, key: passage.key, label: passage.label, pinpoint: passage.pinpoint,
                title: passage.title, quote: passage.quote, markdown: passage.markdown,
                csl: passage.csl, bibtex: passage.bibtex, note: ''});
    saveNotebook(items);
    announce('Added to the notebook' + (passage.pinpoint ? ': ' + passage.pinpoint : '') +
             ' (' + items.length + (items.length === 1 ? ' passage).' : ' passages).'));
  } catch (error) {
    showMessage('The passage could not be added to the notebook: ' + error.message);
  }
}

// One entry per report (passages of one report share its key), in order of first citation.
function notebookBibliography(items, format) {
  const seen = new Set();
  const reports = items.filter((item) => !seen.has(item.key) && seen.add(item.key));
  return format === 'bibtex' ? reports.map((item) => item.bibtex).join('\n')
                             : JSON.stringify(reports.map((item) => item.csl), null, 2) + '\n';
}

function notebookMarkdown(items, bibliographyFile) {
  let out = '---\nbibliography: ' + JSON.stringify(bibliographyFile) + '\n---\n';
  for (const item of items) {
    out += '\n' + item.markdown;
    if (item.note && item.note.trim()) out += '\n' + item.note.trim() + '\n';
  }
  return out;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = el('a', {href: url, download: name, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function moveNote(index, by) {
  const items = notebookItems();
  const to = index + by;
  if (to < 0 || to >= items.length) return;
  [items[index], items[to]] = [items[to], items[index]];
  saveNotebook(items);
  // Keep the keyboard on the moved item: its arrow, or the other one at either end.
  const moved = document.querySelectorAll('#notebook-list > li')[to];
  if (!moved) return;
  const arrow = moved.querySelector(by < 0 ? '.up' : '.down');
  (arrow && !arrow.disabled ? arrow : moved.querySelector(by < 0 ? '.down' : '.up') || moved.querySelector('textarea')).focus();
}

function renderNotebook() {
  const items = notebookItems();
  $('notebook-count').textContent = String(items.length);
  const panel = $('notebook');
  const formatPicker = el('select', {id: 'notebook-format', 'aria-label': 'Bibliography format'},
    el('option', {value: 'csl-json'}, 'CSL-JSON'), el('option', {value: 'bibtex'}, 'BibTeX'));
  formatPicker.value = localStorage.getItem('dossier.notebookFormat') || 'csl-json';
  formatPicker.addEventListener('change', () => localStorage.setItem('dossier.notebookFormat', formatPicker.value));
  const bibliographyFile = () => 'dossier-notes.' + (formatPicker.value === 'bibtex' ? 'bib' : 'json');
  const list = el('ol', {id: 'notebook-list'}, items.map((item, index) =>
    el('li', {class: 'note'},
      item.quote ? el('blockquote', {}, item.quote) : null,
      el('p', {class: 'note-source'}, item.title, item.pinpoint ? ', ' + item.pinpoint : '',
         ' ', el('code', {}, item.key)),
      el('textarea', {'aria-label': 'Your note on ' + (item.pinpoint || item.title), rows: 2,
        placeholder: 'Your note (Markdown)',
        oninput: (event) => {
          const now = notebookItems();
          if (now[index]) { now[index].note = event.target.value; saveNotebook(now, false); }
        }}, item.note || ''),
      el('span', {class: 'note-tools'},
        el('button', {type: 'button', class: 'up', 'aria-label': 'Move up', disabled: index === 0,
                      onclick: () => moveNote(index, -1)}, '↑'),
        el('button', {type: 'button', class: 'down', 'aria-label': 'Move down',
                      disabled: index === items.length - 1, onclick: () => moveNote(index, 1)}, '↓'),
        el('button', {type: 'button', class: 'remove', 'aria-label': 'Remove from the notebook',
                      onclick: () => {
                        const now = notebookItems();
                        now.splice(index, 1);
                        saveNotebook(now);
                        $('notebook').focus();
                      }},
           'Remove')))));
  const clear = el('button', {type: 'button', id: 'notebook-clear', disabled: items.length === 0,
    onclick: () => {
      if (clear.dataset.armed) { saveNotebook([]); announce('The notebook is empty.'); return; }
      clear.dataset.armed = 'yes';
      clear.textContent = 'Really remove all ' + items.length + '?';
    }}, 'Clear');
  panel.replaceChildren(
    el('button', {type: 'button', id: 'notebook-close', 'aria-label': 'Close the notebook',
                  onclick: () => toggleNotebook(false)}, '×'),
    el('h2', {}, 'Notebook'),
    el('p', {class: 'muted'}, items.length === 0
      ? 'Add passages with “+ Notebook”. They stay in this browser only.'
      : 'Kept in this browser only. Export the notes and their bibliography for pandoc.'),
    list,
    el('p', {class: 'notebook-tools'},
      el('button', {type: 'button', id: 'notebook-export-notes', disabled: items.length === 0,
        onclick: () => download('dossier-notes.md', 'text/markdown',
                                notebookMarkdown(notebookItems(), bibliographyFile()))}, 'Export notes (.md)'),
      ' ', el('button', {type: 'button', id: 'notebook-export-bibliography', disabled: items.length === 0,
        onclick: () => download(bibliographyFile(),
                                formatPicker.value === 'bibtex' ? 'application/x-bibtex' : 'application/json',
                                notebookBibliography(notebookItems(), formatPicker.value))}, 'Export bibliography'),
      ' ', formatPicker, ' ', clear),
    el('p', {class: 'muted'}, 'Render: ', el('code', {}, 'pandoc --citeproc dossier-notes.md -o notes.docx')));
}

function toggleNotebook(open) {
  const panel = $('notebook');
  panel.hidden = !open;
  $('notebook-toggle').setAttribute('aria-expanded', String(open));
  if (open) panel.focus();
  else $('notebook-toggle').focus();
}

function setUpNotebook() {
  $('notebook-toggle').addEventListener('click', () => toggleNotebook($('notebook').hidden));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('notebook').hidden) toggleNotebook(false);
  });
  // Another tab changed the notebook.
  window.addEventListener('storage', (event) => { if (event.key === NOTEBOOK_KEY) renderNotebook(); });
  renderNotebook();
}

function exportMenu(params) {
  const apiParams = searchParamsForApi(params);
  apiParams.delete('page');
  return el('details', {class: 'export'}, el('summary', {}, 'Export'),
    el('ul', {}, EXPORT_FORMATS.map(([format, label]) => {
      const p = new URLSearchParams(apiParams);
      p.set('format', format);
      return el('li', {}, el('a', {href: '/api/search?' + p.toString(), download: ''}, label));
    })));
}

function permalink(result, params) {
  const p = searchParamsForApi(params);
  p.set('rev', result.revision);
  p.set('fp', result.fingerprint);
  return searchUrl(p);
}

// A permalink records the index revision and the fingerprint of the result list: say whether
// the list is still the one that was cited.
function citedCheck(result, params) {
  const fingerprint = params.get('fp');
  if (!fingerprint) return null;
  const same = fingerprint === result.fingerprint;
  return el('p', {class: 'cited ' + (same ? 'same' : 'changed'), id: 'cited-check'},
    same ? 'This is the result list that was cited (fingerprint ' + fingerprint + ').'
         : 'The results have changed since this list was cited at index revision ' +
           (params.get('rev') || '?') + ' (now ' + result.revision + ').');
}

function renderChips(params) {
  const chips = $('chips');
  chips.replaceChildren();
  for (const name of schema.filters) {
    for (const value of params.getAll(name)) {
      const label = schema.labels.get(name) || name;
      const remove = withParams((p) => {
        const rest = p.getAll(name).filter((v) => v !== value);
        p.delete(name);
        rest.forEach((v) => p.append(name, v));
      });
      chips.append(el('span', {class: 'chip'}, label + ': ' + (labelCache.get(name + '\u0000' + value) || value),
        el('button', {type: 'button', 'aria-label': 'Remove filter ' + label + ' ' + value,
                      onclick: () => go(remove)}, '×')));
    }
  }
}

function renderSummary(result, params) {
  const summary = $('summary');
  const first = result.total === 0 ? 0 : result.offset + 1;
  const last = result.offset + result.hits.length;
  const sort = el('select', {id: 'sort', 'aria-label': 'Sort by',
    onchange: (event) => go(withParams((p) => p.set('sort', event.target.value)))},
    el('option', {value: 'relevance'}, 'Most relevant'),
    el('option', {value: 'date'}, 'Newest first'),
    el('option', {value: 'date-asc'}, 'Oldest first'));
  sort.value = params.get('sort') || 'relevance';
  summary.replaceChildren(
    el('span', {}, el('strong', {id: 'total'}, result.total.toLocaleString('en')),
       result.total === 1 ? ' report' : ' reports',
       result.total > 0 ? ' · showing ' + first + '–' + last : '',
       ' · ' + result.took_ms.toFixed(1) + ' ms · ',
       el('a', {href: permalink(result, params), id: 'permalink',
                title: 'A link to this result list, with the index revision and a fingerprint of its reports'},
          'Permalink')),
    el('span', {class: 'tools'}, el('label', {}, 'Sort ', sort), citeFormatPicker(), exportMenu(params)));
  if (result.spelling) {
    const corrected = withParams((p) => { p.set('q', result.spelling.query); p.delete('page'); });
    summary.append(el('p', {id: 'spelling', class: 'notice'}, 'Did you mean ',
      linkTo(corrected, result.spelling.query, {id: 'spelling-link'}),
      ' (' + result.spelling.total.toLocaleString('en') + (result.spelling.total === 1 ? ' report' : ' reports') + ')?'));
  }
  if (result.complete !== undefined) {
    const n = result.complete;
    summary.append(el('p', {id: 'partial', class: 'notice'}, result.partial
      ? 'No report has all the words of your query; these have the most of them.'
      : n.toLocaleString('en') + (n === 1 ? ' report has' : ' reports have') +
        ' all the words of your query; after ' + (n === 1 ? 'it' : 'them') +
        ', the reports with the most of them.'));
  }
  const check = citedCheck(result, params);
  if (check) summary.append(check);
}

function renderHistogram(years, params) {
  const figure = $('histogram');
  figure.replaceChildren();
  const data = years.filter((y) => /^\d{4}$/.test(y.value)).sort((a, b) => a.value - b.value);
  if (data.length === 0) return;
  const selected = new Set(params.getAll('year'));
  const width = 600, height = 90, axis = 14;
  const max = Math.max(...data.map((d) => d.count));
  const first = Number(data[0].value), last = Number(data[data.length - 1].value);
  const span = last - first + 1;
  const slot = width / span;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Reports per year; choose a bar to filter by that year');
  for (const d of data) {
    const year = Number(d.value);
    const barHeight = Math.max(2, (height - axis - 4) * d.count / max);
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('class', 'bar' + (selected.has(d.value) ? ' selected' : ''));
    rect.setAttribute('x', String((year - first) * slot + 1));
    rect.setAttribute('y', String(height - axis - barHeight));
    rect.setAttribute('width', String(Math.max(1, slot - 2)));
    rect.setAttribute('height', String(barHeight));
    rect.setAttribute('tabindex', '0');
    rect.setAttribute('role', 'button');
    rect.setAttribute('data-year', d.value);
    rect.setAttribute('aria-label', `${d.value}: ${d.count} reports`);
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${d.value}: ${d.count}`;
    rect.append(title);
    const choose = () => go(withParams((p) => {
      p.delete('year'); p.delete('from'); p.delete('to');
      p.append('year', d.value);
    }));
    rect.addEventListener('click', choose);
    rect.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(); }
    });
    svg.append(rect);
  }
  for (const year of [first, last]) {
    const label = document.createElementNS(svgNs, 'text');
    label.setAttribute('x', String(year === first ? 0 : width));
    label.setAttribute('y', String(height - 2));
    label.setAttribute('text-anchor', year === first ? 'start' : 'end');
    label.textContent = String(year);
    svg.append(label);
  }
  figure.append(svg);
}

function reportUrl(id, paragraph, params) {
  const q = params.get('q');
  return '/reports/' + encodeURIComponent(id) + (q ? '?q=' + encodeURIComponent(q) : '') +
         (paragraph ? '#p' + paragraph : '');
}

function renderHits(result, params) {
  const list = $('hits');
  list.replaceChildren();
  list.setAttribute('start', String(result.offset + 1));
  for (const hit of result.hits) {
    const lacks = hit.lacks && hit.lacks.length
      ? 'lacks ' + hit.lacks.map((w) => (w.startsWith('"') ? w : '“' + w + '”')).join(', ') : '';
    const meta = [hit.symbol, hit.country_name, hit.year, hit.series_label, hit.publisher, hit.tier, lacks].filter(Boolean).join(' · ');
    const passages = (hit.passages && hit.passages.length ? hit.passages : [hit.snippet])
      .filter((p) => p && p.text);
    const snippet = passages.length === 0 ? null : el('ul', {class: 'passages'}, passages.map((p) =>
      el('li', {class: 'snippet'},
         // The label a citation gives (what the report prints); the link goes to the block.
         linkTo(reportUrl(hit.id, p.paragraph, params), p.label ? '¶' + p.label : '¶',
                {class: 'pnum', 'aria-label': p.label ? 'Paragraph ' + p.label : 'Unnumbered'}),
         p.page ? el('span', {class: 'pnum'}, 'p. ' + p.page + ' ') : null,
         marked(p.text, p.highlights), ' ', p.label ? passageTools(hit.id, p.label) : null)));
    list.append(el('li', {class: 'hit'},
      el('h2', {}, linkTo(reportUrl(hit.id, hit.snippet && hit.snippet.paragraph, params), hit.title),
         ' ', passageTools(hit.id, null)),
      el('div', {class: 'meta'}, meta),
      snippet));
  }
  if (result.hits.length === 0) {
    list.append(el('li', {class: 'hit'}, 'No reports match. Remove a filter or try other words.'));
  }
}

function renderPages(result, params) {
  const nav = $('pages');
  nav.replaceChildren();
  const pages = Math.ceil(result.total / PAGE_SIZE);
  if (pages <= 1) return;
  const current = Number(params.get('page') || 1);
  const pageUrl = (page) => {
    const next = currentParams();
    if (page === 1) next.delete('page'); else next.set('page', String(page));
    return searchUrl(next);
  };
  if (current > 1) nav.append(linkTo(pageUrl(current - 1), '‹ Previous', {rel: 'prev'}));
  const shown = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2]);
  let previous = 0;
  for (let page = 1; page <= Math.min(pages, 1000); page++) {
    if (!shown.has(page)) continue;
    if (page - previous > 1) nav.append(el('span', {'aria-hidden': 'true'}, '…'));
    nav.append(page === current
      ? el('span', {'aria-current': 'page'}, String(page))
      : linkTo(pageUrl(page), String(page), {'aria-label': 'Page ' + page}));
    previous = page;
  }
  if (current < pages) nav.append(linkTo(pageUrl(current + 1), 'Next ›', {rel: 'next'}));
}

const labelCache = new Map();   // "facet\0value" -> label, for chips
const expanded = new Set();     // facets whose whole list is shown
const facetFilters = new Map(); // facet -> text typed in its filter box
// A search lists the most frequent values of each facet; facetsDistinct says how many values the
// facets it cut have. Showing all of one, or filtering its values, reads every value of every
// facet once per search from /api/facets (allFacets: for which search, and its answer).
let facetsDistinct = {};
let allFacets = {key: '', facets: null, loading: null};

// The search's parameters that /api/facets takes: the query and the filters.
function facetsApiParams(params) {
  const out = new URLSearchParams(params);
  for (const key of ['sort', 'page', 'rev', 'fp', 'collapse', 'explain']) out.delete(key);
  return out.toString();
}

// Every value of every facet of the search `params`, then the facets rendered with them.
function loadAllFacets(facets, params) {
  const key = facetsApiParams(params);
  if (allFacets.key === key && (allFacets.facets || allFacets.loading)) return;
  const token = renderToken;
  allFacets = {key, facets: null, loading: api('/api/facets?' + key).then((body) => {
    if (allFacets.key !== key) return;
    allFacets = {key, facets: body.facets, loading: null};
    if (token === renderToken) renderFacets(facets, params);
  }).catch((error) => {
    if (allFacets.key === key) allFacets = {key: '', facets: null, loading: null};
    showMessage(error.message);
  })};
}

function renderFacets(facets, params) {
  const aside = $('facets');
  const focusedId = document.activeElement && document.activeElement.id;
  aside.replaceChildren();
  for (const field of schema.facets) {
    const name = field.name;
    const label = field.label;
    const cut = (facetsDistinct[name] || 0) > (facets[name] || []).length;
    const full = cut && allFacets.key === facetsApiParams(params) && allFacets.facets;
    const values = (full ? full[name] : facets[name]) || [];
    const distinct = cut ? facetsDistinct[name] : values.length;
    // All of a cut list is read when it is shown whole or filtered.
    if (cut && !full && (expanded.has(name) || facetFilters.get(name))) loadAllFacets(facets, params);
    const selected = new Set(params.getAll(name));
    if (values.length === 0 && selected.size === 0) continue;
    for (const v of values) labelCache.set(name + '\u0000' + v.value, v.label);
    const section = el('section', {'aria-labelledby': 'facet-' + name},
      el('h2', {id: 'facet-' + name}, label));
    const filterText = (facetFilters.get(name) || '').toLowerCase();
    if (distinct > SHOWN_VALUES) {
      section.append(el('input', {
        class: 'facet-filter', id: 'facet-filter-' + name, type: 'search',
        'aria-label': 'Filter ' + label.toLowerCase() + ' values', placeholder: 'Filter…',
        value: facetFilters.get(name) || '',
        oninput: (event) => { facetFilters.set(name, event.target.value); renderFacets(facets, params); },
      }));
    }
    let visible = values.filter((v) => selected.has(v.value) || v.label.toLowerCase().includes(filterText));
    // Selected values stay listed even when no result has them any more.
    for (const value of selected) {
      if (!values.some((v) => v.value === value)) {
        visible.unshift({value, label: labelCache.get(name + '\u0000' + value) || value, count: 0});
      }
    }
    const all = expanded.has(name) || filterText !== '';
    const limited = all ? visible : visible.slice(0, SHOWN_VALUES);
    // A country links to its dossier beside its checkbox.
    const dossierLink = (v) => (name === 'country' || name === 'mentions') && /^[A-Z]{2}$/.test(v.value)
      ? countryLink(v.value, '›', {'aria-label': 'Country dossier: ' + v.label,
                                  title: 'Country dossier: ' + v.label})
      : null;
    const item = (v) => el('li', {}, el('label', {},
      el('input', {type: 'checkbox', checked: selected.has(v.value), 'data-facet': name, 'data-value': v.value,
                   onchange: () => go(toggleFilter(name, v.value))}),
      el('span', {}, v.label),
      el('span', {class: 'count', 'aria-label': v.count + ' reports'}, String(v.count))), dossierLink(v));
    if (field.grouped_by) {
      const groups = new Map();
      for (const v of limited) {
        const group = v.group || 'Other';
        if (!groups.has(group)) groups.set(group, []);
        groups.get(group).push(v);
      }
      for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
        section.append(el('h3', {}, group), el('ul', {}, members.map(item)));
      }
    } else {
      section.append(el('ul', {}, limited.map(item)));
    }
    if (Math.max(visible.length, distinct) > SHOWN_VALUES && filterText === '') {
      section.append(el('button', {type: 'button', class: 'more', 'aria-expanded': String(all),
        onclick: () => { if (all) expanded.delete(name); else expanded.add(name); renderFacets(facets, params); }},
        all ? 'Show fewer' : 'Show all ' + Math.max(visible.length, distinct)));
    }
    aside.append(section);
  }
  if (focusedId && $(focusedId)) {
    const input = $(focusedId);
    input.focus();
    if (input.setSelectionRange && input.type === 'search') input.setSelectionRange(input.value.length, input.value.length);
  }
}

// ---------------------------------------------------------------------------------------------
// The report view

const ENTITY_GROUPS = [['country', 'Mentions', 'mentions'], ['state_body', 'State bodies', 'body'],
                       ['organization', 'Organizations', 'org']];

async function renderReport(id, token) {
  const params = currentParams();
  const q = params.get('q') || '';
  const report = await api('/api/reports/' + encodeURIComponent(id) + (q ? '?q=' + encodeURIComponent(q) : ''));
  if (token !== renderToken) return;
  $('search-view').hidden = true;
  $('country-view').hidden = true;
  const view = $('report-view');
  view.hidden = false;
  document.title = report.title + ' – dossier';
  const back = q ? searchUrl(new URLSearchParams({q})) : '/';
  const facts = [
    ['Publisher', report.publisher], ['Author', report.author], ['Published', report.published],
    ['Year', report.year], ['Country', report.country_name && (report.country_name + ' [' + report.country + ']')],
    ['Region', report.region && (report.region + ' › ' + report.subregion)],
    ['Series', report.series_label], ['Tier', report.tier], ['Topics', (report.topics || []).join(', ')],
    ['Symbol', report.symbol], ['Cite as', report.cite_as], ['Source', report.source_url], ['Id', report.id],
  ].filter(([, value]) => value);
  const original = '/api/reports/' + encodeURIComponent(report.id) + '/original';
  const dl = el('dl', {});
  const copies = report.identical_copies || [];
  for (const [term, value] of facts) {
    const isUrl = term === 'Source' && /^https?:\/\//.test(value);
    const shown = isUrl ? el('a', {href: value, rel: 'noopener noreferrer'}, value) : String(value);
    dl.append(el('dt', {}, term), el('dd', {}, shown, term === 'Country' && report.country
      ? [' ', countryLink(report.country, 'Country dossier')] : null));
  }
  for (const [kind, title, filter] of ENTITY_GROUPS) {
    const entities = (report.entities || []).filter((e) => e.kind === kind);
    if (entities.length === 0) continue;
    dl.append(el('dt', {}, title), el('dd', {}, el('span', {class: 'entities'},
      entities.map((e) => linkTo(searchUrl(new URLSearchParams([[filter, kind === 'country' ? e.id : e.name]])),
        e.name + (e.mentions.length > 1 ? ' ×' + e.mentions.length : ''),
        {title: 'Reports that name ' + e.name})))));
  }
  dl.append(el('dt', {}, 'File'), el('dd', {},
    el('a', {href: original, id: 'original', target: '_blank', rel: 'noopener',
             title: 'The file this report was read from'}, report.source_path)));
  const otherFiles = (report.copies || []).filter((copy) => !copies.includes(copy));
  if (otherFiles.length) {
    dl.append(el('dt', {}, 'Copies'), el('dd', {id: 'copies', class: 'entities'},
      otherFiles.map((copy) => linkTo(reportUrl(copy, null, params), copy,
                                       {title: 'The same report in another file'}))));
  }
  if (copies.length) {
    dl.append(el('dt', {}, 'Same text'), el('dd', {id: 'identical-copies', class: 'entities'},
      copies.map((copy) => linkTo(reportUrl(copy, null, params), copy,
                                   {title: 'Another report with exactly this text'}))));
  }
  const similar = el('section', {id: 'similar', class: 'similar', 'aria-label': 'Similar reports'},
    el('h2', {}, 'Similar reports'), el('p', {class: 'muted'}, 'Looking…'));
  const paragraphs = el('div', {class: 'paragraphs'});
  for (const p of report.paragraphs) {
    // A paragraph of a PDF links to its page of the original.
    const page = p.page && p.kind !== 'heading'
      ? el('a', {href: original + '#page=' + p.page, class: 'page', target: '_blank', rel: 'noopener',
                 title: 'Open the PDF at page ' + p.page},
           p.last_page > p.page ? 'pp. ' + p.page + '–' + p.last_page : 'p. ' + p.page)
      : null;
    paragraphs.append(el('p', {id: 'p' + p.number, class: 'paragraph' + (p.kind === 'heading' ? ' heading' : '') + (p.kind === 'note' ? ' note' : '')},
      el('a', {href: '#p' + p.number, class: 'pnum',
               'aria-label': p.label ? 'Paragraph ' + p.label : 'Unnumbered'}, p.label || ''),
      el('span', {}, marked(p.text, p.highlights), ' ', page, page ? ' ' : null, p.label ? passageTools(report.id, p.label) : null)));
  }
  // Similar reports come after the text: they arrive later than the report, and above it their
  // list would push the paragraphs down under a reader's pointer as it fills.
  view.replaceChildren(
    el('p', {}, linkTo(back, '‹ Back to the search')),
    el('h1', {}, report.title),
    el('p', {class: 'tools'}, passageTools(report.id, null), ' ', citeFormatPicker()),
    dl, paragraphs, similar);
  renderSimilar(report.id, similar, params, token);
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) {
      target.classList.add('targeted');
      target.scrollIntoView();
    }
  } else {
    window.scrollTo(0, 0);
  }
}

// The reports most like the one shown (not its identical copies), as a short list of links.
async function renderSimilar(id, section, params, token) {
  let found;
  try {
    found = await api('/api/reports/' + encodeURIComponent(id) + '/similar?limit=5');
  } catch (error) {
    section.replaceChildren(el('h2', {}, 'Similar reports'), el('p', {class: 'muted'}, String(error.message || error)));
    return;
  }
  if (token !== renderToken) return;
  const hits = found.hits || [];
  section.replaceChildren(el('h2', {}, 'Similar reports'), hits.length === 0
    ? el('p', {class: 'muted'}, 'No other report is like this one.')
    : el('ol', {}, hits.map((hit) => el('li', {},
        linkTo(reportUrl(hit.id, null, params), hit.title), ' ',
        el('span', {class: 'meta'}, [hit.country_name, hit.year, hit.series_label].filter(Boolean).join(' · '))))));
}

// ---------------------------------------------------------------------------------------------
// The country dossier: the facts a country's reports state (tiers, roles, flows), each with its
// sentence and a Cite button, and what its reports are and name.

const TIER_ROWS = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'];

function countryUrl(code) {
  return '/countries/' + encodeURIComponent(code);
}

function countryLink(code, text, attributes) {
  return linkTo(countryUrl(code), text, Object.assign({class: 'dossier-link'}, attributes || {}));
}

// A flow's end as a person reads it: a country's name, a region, or the words the report used.
function placeLabel(name, kind) {
  return kind === 'text' ? '“' + name + '”' : name;
}

// The sentence a fact comes from, as a quote with its pinpoint: a Markdown note when that is
// the chosen format, else the quote and the reference ("Cite as" form); the bibliography
// formats describe the report, with no room for a quote.
async function copyFactCitation(fact) {
  const chosen = citeFormat();
  const format = chosen === 'markdown' ? 'markdown' : 'cite';
  const p = new URLSearchParams({format, quote: fact.sentence});
  p.set('para', fact.label || String(fact.paragraph));
  const url = '/api/reports/' + encodeURIComponent(fact.report) + '/cite?' + p.toString();
  try {
    const response = await fetch(url);
    let text = await response.text();
    if (!response.ok) throw new Error(text);
    if (format === 'cite') text = '“' + fact.sentence + '” ' + text.trim();
    try {
      await navigator.clipboard.writeText(text);
      announce('Copied the citation of the sentence.');
    } catch (error) {
      window.prompt('Copy the citation:', text);
    }
  } catch (error) {
    showMessage('The citation could not be made: ' + error.message);
  }
}

// One fact's sentence: the quote, where it stands, and its Cite button.
function factQuote(fact) {
  const where = fact.report + (fact.label ? ', para. ' + fact.label : ', ¶' + fact.paragraph);
  return el('figure', {class: 'fact-quote'},
    el('blockquote', {}, fact.sentence),
    el('figcaption', {}, linkTo(reportUrl(fact.report, fact.paragraph, new URLSearchParams()), where,
                                {title: 'Open the report at this paragraph'}), ' ',
       el('button', {type: 'button', class: 'cite', 'aria-label': 'Copy a citation of this sentence',
                     onclick: () => copyFactCitation(fact)}, 'Cite')));
}

// Shows the sentences of the facts chosen in the panel under the chart.
function showFacts(panel, heading, facts) {
  panel.replaceChildren(el('h3', {}, heading), ...facts.map(factQuote));
  panel.hidden = false;
  panel.focus();
}

// The tier timeline: years across, tiers down, a point per year and tier stated; a point shows
// the sentences that state it.
function tierChart(tiers, panel) {
  const years = [...new Set(tiers.map((t) => t.year))].sort((a, b) => a - b);
  const rows = TIER_ROWS.filter((tier, i) => i < 4 || tiers.some((t) => t.tier === tier));
  const first = years[0], last = years[years.length - 1];
  const left = 130, top = 12, step = 30, rowHeight = 30;
  const width = left + (last - first + 1) * step + 10;
  const height = top + rows.length * rowHeight + 24;
  const x = (year) => left + (year - first) * step + step / 2;
  const y = (tier) => top + rows.indexOf(tier) * rowHeight + rowHeight / 2;
  const svg = svgEl('svg', {viewBox: `0 0 ${width} ${height}`, width, height, role: 'group',
    'aria-label': 'Tier placements by year; choose a point to read the sentences that state it'});
  rows.forEach((tier) => {
    svg.append(svgEl('line', {x1: left, x2: width - 10, y1: y(tier), y2: y(tier), class: 'grid'}),
               svgEl('text', {x: left - 8, y: y(tier) + 4, 'text-anchor': 'end', class: 'row'}, tier));
  });
  for (let year = first; year <= last; ++year) {
    if (years.length > 12 && (year - first) % 2 !== 0 && year !== last) continue;
    svg.append(svgEl('text', {x: x(year), y: height - 6, 'text-anchor': 'middle', class: 'year'}, year));
  }
  // One placement per year joined by a line (a year stated two ways has two points, no line).
  const byYear = new Map();
  for (const t of tiers) {
    if (!byYear.has(t.year)) byYear.set(t.year, new Map());
    const placements = byYear.get(t.year);
    if (!placements.has(t.tier)) placements.set(t.tier, []);
    placements.get(t.tier).push(t);
  }
  const path = years.filter((year) => byYear.get(year).size === 1)
    .map((year) => `${x(year)},${y([...byYear.get(year).keys()][0])}`);
  if (path.length > 1) svg.append(svgEl('polyline', {points: path.join(' '), class: 'trend'}));
  for (const [year, placements] of byYear) {
    for (const [tier, facts] of placements) {
      const label = `${year}: ${tier} (${facts.length} ${facts.length === 1 ? 'report' : 'reports'})`;
      const open = () => showFacts(panel, label, facts);
      svg.append(svgEl('circle', {
        cx: x(year), cy: y(tier), r: 7, class: 'point', tabindex: 0, role: 'button',
        'data-year': year, 'data-tier': tier, 'aria-label': label, onclick: open,
        onkeydown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); }
        },
      }, svgEl('title', {}, label)));
    }
  }
  return el('div', {class: 'chart'}, svg);
}

// Flows with one end at the country, by the other end: a row per place with its years (a
// matrix of places by years), its reports, and its sentences.
function flowTable(flows, end, code, name, panel) {
  const other = end === 'from' ? 'to' : 'from';
  const byPlace = new Map();
  for (const f of flows) {
    const key = f[other + '_kind'] + '\u0000' + f[other];
    if (!byPlace.has(key)) {
      byPlace.set(key, {place: f[other], kind: f[other + '_kind'],
                        label: placeLabel(f[other + '_name'], f[other + '_kind']), facts: []});
    }
    byPlace.get(key).facts.push(f);
  }
  const places = [...byPlace.values()].sort((a, b) =>
    new Set(b.facts.map((f) => f.report)).size - new Set(a.facts.map((f) => f.report)).size ||
    a.label.localeCompare(b.label));
  const years = [...new Set(flows.map((f) => f.year))].sort((a, b) => a - b);
  const table = el('table', {class: 'flows'},
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, end === 'from' ? 'To' : 'From'),
      el('th', {scope: 'col'}, 'Reports'), el('th', {scope: 'col'}, 'Years stated'),
      el('th', {scope: 'col'}, 'Purposes'))));
  const body = el('tbody', {});
  const own = name;
  for (const {place, kind, label, facts} of places) {
    const reports = new Set(facts.map((f) => f.report)).size;
    const stated = new Set(facts.map((f) => f.year));
    const purposes = [...new Set(facts.flatMap((f) => f.purpose))];
    const filters = kind === 'text' ? null : new URLSearchParams(end === 'from'
      ? [['flow_from', code], ['flow_to', place]] : [['flow_from', place], ['flow_to', code]]);
    const heading = end === 'from' ? `${own} → ${label}` : `${label} → ${own}`;
    const within = kind === 'country' && place === code;
    body.append(el('tr', {},
      el('th', {scope: 'row'}, within ? 'Within ' + label : kind === 'country' ? countryLink(place, label) : label),
      el('td', {}, filters ? linkTo(searchUrl(filters), String(reports),
                                   {title: 'The reports stating ' + heading}) : String(reports)),
      el('td', {class: 'years'}, years.map((year) => el('span', {
        class: 'year-cell' + (stated.has(year) ? ' stated' : ''), title: String(year),
        'aria-hidden': 'true'})), ' ',
        el('button', {type: 'button', class: 'sentences',
          'aria-label': 'The sentences stating ' + heading,
          onclick: () => showFacts(panel, heading, facts)},
          [...stated].sort((a, b) => a - b).join(', '))),
      el('td', {}, purposes.join(', '))));
  }
  table.append(body);
  return table;
}

function factSection(id, title, ...content) {
  return el('section', {class: 'dossier-section', 'aria-labelledby': id}, el('h2', {id}, title), ...content);
}

async function renderCountry(code, token) {
  const facts = await api('/api/countries/' + encodeURIComponent(code));
  const overview = await api('/api/search?' + new URLSearchParams(
    {country: facts.country, limit: '0', facet_values: '10'}).toString());
  if (token !== renderToken) return;
  if (facts.country !== code) {  // a name or a lower-case code: the page's address is the code
    history.replaceState(null, '', countryUrl(facts.country));
  }
  $('search-view').hidden = true;
  $('report-view').hidden = true;
  const view = $('country-view');
  view.hidden = false;
  document.title = facts.name + ' – country dossier – dossier';
  const panel = el('div', {id: 'fact-panel', class: 'fact-panel', tabindex: '-1', 'aria-live': 'polite', hidden: true});
  const search = (extra) => searchUrl(new URLSearchParams([['country', facts.country], ...extra]));

  const tiers = facts.tiers.length
    ? tierChart(facts.tiers, panel)
    : el('p', {class: 'muted'}, 'No report of this country states a tier placement.');

  const roleYears = new Map();
  for (const r of facts.roles) {
    if (!roleYears.has(r.year)) roleYears.set(r.year, new Map());
    const roles = roleYears.get(r.year);
    if (!roles.has(r.role)) roles.set(r.role, []);
    roles.get(r.role).push(r);
  }
  const roles = facts.roles.length
    ? el('table', {class: 'roles'}, el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Year'),
        el('th', {scope: 'col'}, 'Roles stated'))),
      el('tbody', {}, [...roleYears].sort(([a], [b]) => b - a).map(([year, byRole]) => el('tr', {},
        el('th', {scope: 'row'}, String(year)),
        el('td', {}, [...byRole].map(([role, stated]) => el('button', {type: 'button', class: 'role',
          'aria-label': `${year}: ${role} (the sentences stating it)`,
          onclick: () => showFacts(panel, `${year}: ${role}`, stated)}, role)))))))
    : el('p', {class: 'muted'}, 'No report of this country states its role.');

  const outbound = facts.flows.filter((f) => f.from === facts.country && f.from_kind === 'country');
  const inbound = facts.flows.filter((f) => f.to === facts.country && f.to_kind === 'country');
  const flowsOf = (list, end, none) => list.length
    ? flowTable(list, end, facts.country, facts.name, panel) : el('p', {class: 'muted'}, none);

  const facetList = (facet, filter, none) => {
    const values = overview.facets[facet] || [];
    if (values.length === 0) return el('p', {class: 'muted'}, none);
    return el('ol', {class: 'named'}, values.map((v) => el('li', {},
      linkTo(search([[filter, v.value]]), v.label), ' ', el('span', {class: 'count'}, String(v.count)))));
  };
  const series = overview.facets.series || [];
  const yearValues = (overview.facets.year || []).filter((y) => /^\d{4}$/.test(y.value))
    .sort((a, b) => a.value - b.value);

  view.replaceChildren(
    el('p', {}, linkTo('/', '‹ Search')),
    el('h1', {}, facts.name, ' ', el('span', {class: 'muted'}, '[' + facts.country + ']')),
    el('p', {class: 'meta'}, linkTo(search([]), overview.total + ' reports about ' + facts.name),
       ' · the facts below are read from ' + facts.reports + ' of them',
       facts.flows.some((f) => f.stated_by !== facts.country) ? ' and from other countries’ reports' : ''),
    factSection('tiers-heading', 'Trafficking in Persons tier', tiers, panel),
    factSection('roles-heading', 'Role by year', roles),
    factSection('flows-heading', 'Trafficking flows',
      el('h3', {}, 'Out of ' + facts.name), flowsOf(outbound, 'from', 'No report states people trafficked from ' + facts.name + '.'),
      el('h3', {}, 'Into ' + facts.name), flowsOf(inbound, 'to', 'No report states people trafficked to ' + facts.name + '.')),
    factSection('reports-heading', 'Reports',
      el('ul', {class: 'series'}, series.map((s) => el('li', {},
        linkTo(search([['series', s.value]]), s.label), ' ', el('span', {class: 'count'}, String(s.count))))),
      el('p', {class: 'years-list'}, yearValues.flatMap((y) => [linkTo(search([['year', y.value]]), y.value),
        el('span', {class: 'count'}, ' ' + y.count), ' ']))),
    factSection('bodies-heading', 'Most named state bodies', facetList('body', 'body', 'None named.')),
    factSection('orgs-heading', 'Most named organizations', facetList('org', 'org', 'None named.')));
  window.scrollTo(0, 0);
}

// ---------------------------------------------------------------------------------------------
// The search box and its suggestions

let suggestions = [];
let active = -1;
let suggestTimer = 0;
// Counts requests for suggestions; closing the list or typing again makes an answer still on its
// way stale, so a slow answer never reopens the list after a search was submitted or the box left.
let suggestRequest = 0;

function lastWord(text) {
  const match = text.match(/(\S+)$/);
  return match ? match[1] : '';
}

function closeSuggestions() {
  clearTimeout(suggestTimer);
  suggestRequest++;
  suggestions = [];
  active = -1;
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  delete $('suggestions').dataset.for;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function chooseSuggestion(s) {
  const input = $('q');
  closeSuggestions();
  if (s.kind === 'title') {
    go('/reports/' + encodeURIComponent(s.id));
    return;
  }
  const rest = input.value.replace(/\S+$/, '').trimEnd();
  if (s.filter) {
    input.value = rest;
    go(withParams((p) => { p.set('q', rest); p.append(s.filter.name, s.filter.value); }));
  } else {
    input.value = (rest ? rest + ' ' : '') + s.text + ' ';
    input.focus();
  }
}

// Shows the suggestions for `word`. A suggestion picked with the arrow keys stays picked when it
// is in the new list too: an answer for the word as typed a moment earlier, arriving after the
// last key, must not take back what the next Enter chooses.
function showSuggestions(word, list) {
  const box = $('suggestions');
  const picked = active >= 0 ? suggestions[active] : null;
  const same = (s) => picked && s.kind === picked.kind && s.text === picked.text;
  suggestions = list;
  active = -1;
  box.replaceChildren();
  box.dataset.for = word;
  list.forEach((s, i) => {
    box.append(el('li', {id: 'suggestion-' + i, role: 'option', 'aria-selected': 'false',
      onmousedown: (event) => { event.preventDefault(); chooseSuggestion(s); }},
      el('span', {}, s.text), el('span', {class: 'kind'}, s.kind.replace('_', ' '))));
  });
  box.hidden = list.length === 0;
  $('q').setAttribute('aria-expanded', String(list.length > 0));
  $('q').removeAttribute('aria-activedescendant');
  const kept = list.findIndex(same);
  if (kept >= 0) highlightSuggestion(kept);
}

function highlightSuggestion(index) {
  const items = $('suggestions').children;
  if (items.length === 0) return;
  active = (index + items.length) % items.length;
  for (let i = 0; i < items.length; i++) items[i].setAttribute('aria-selected', String(i === active));
  $('q').setAttribute('aria-activedescendant', 'suggestion-' + active);
}

function setUpSearchBox() {
  const input = $('q');
  input.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    const word = lastWord(input.value);
    if (word.length < 2 || word.includes(':') || word.startsWith('"')) { closeSuggestions(); return; }
    const request = ++suggestRequest;
    const current = () => request === suggestRequest && document.activeElement === input;
    suggestTimer = setTimeout(async () => {
      try {
        const body = await api('/api/suggest?q=' + encodeURIComponent(word));
        if (current()) showSuggestions(word, body.suggestions);
      } catch (error) { if (current()) closeSuggestions(); }
    }, 150);
  });
  input.addEventListener('keydown', (event) => {
    if ($('suggestions').hidden) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlightSuggestion(active + 1); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlightSuggestion(active - 1); }
    else if (event.key === 'Escape') { closeSuggestions(); }
    else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); chooseSuggestion(suggestions[active]); }
  });
  input.addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    closeSuggestions();
    const onReport = location.pathname !== '/';
    go(onReport ? searchUrl(new URLSearchParams({q: input.value.trim()}))
                : withParams((p) => p.set('q', input.value.trim())));
  });
  $('home').addEventListener('click', (event) => { event.preventDefault(); go('/'); });
}

// On a phone the filters start folded away, so the results come first.
function fitFiltersToScreen(narrow) {
  $('filters-toggle').open = !narrow.matches;
}

window.addEventListener('popstate', render);
document.addEventListener('DOMContentLoaded', () => {
  const narrow = window.matchMedia('(max-width: 760px)');
  fitFiltersToScreen(narrow);
  narrow.addEventListener('change', () => fitFiltersToScreen(narrow));
  setUpSearchBox();
  setUpNotebook();
  render();
});
