// loaxa web UI: progressive enhancement of the server-rendered pages. Forms send JSON (or multipart) to the API with
// the X-Loaxa-Request header (the server's CSRF guard) and show each problem+json field error next to its field.
(function () {
  'use strict';
  const CSRF_HEADER = 'X-Loaxa-Request';
  const ZONE_OFFSET = '+07:00';
  const ZONE = 'Asia/Ho_Chi_Minh';
  const text = (key) => (document.getElementById('ui-text') || { dataset: {} }).dataset[key] || key;
  // errors from the API come in the page's language, not the browser's
  const pageLang = () => document.documentElement.lang || 'vi';

  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json', 'Accept': 'application/json', 'Accept-Language': pageLang(),
        [CSRF_HEADER]: '1'
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function result(form) {
    return form.querySelector('.form-result') || (form.parentElement && form.parentElement.querySelector('.form-result'));
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
    const r = result(form);
    if (r) { r.textContent = ''; r.classList.remove('error'); }
  }

  function fieldError(form, field, message) {
    const slot = form.querySelector('[data-error-for="' + CSS.escape(field) + '"]');
    const box = slot && slot.closest('.field');
    const input = form.querySelector('[name="' + CSS.escape(field) + '"]')
      || (box && box.querySelector('input, select, textarea'));
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      if (slot) {
        if (!slot.id) slot.id = 'error-' + Math.random().toString(36).slice(2);
        input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + slot.id).trim());
      }
    }
    if (slot) { slot.textContent = message; return true; }
    return false;
  }

  function showProblem(form, problem, status) {
    const r = result(form);
    const rest = [];
    const errors = (problem && problem.errors) || [];
    errors.forEach(e => { if (!fieldError(form, e.field, e.message)) rest.push(e.message); });
    // each field's fault is shown once, next to its field; the detail would repeat them, so the title sums them up
    const summary = (problem && (errors.length ? problem.title : (problem.detail || problem.title)))
      || (text('error') + ' (' + status + ')');
    if (r) {
      r.textContent = rest.length ? rest.join('; ') : summary;
      r.classList.add('error');
    }
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  }

  function checkRequired(form) {
    let ok = true;
    form.querySelectorAll('[required]').forEach(input => {
      const empty = input.type === 'file' ? input.files.length === 0 : !String(input.value || '').trim();
      if (empty) { fieldError(form, input.name, text('required')); ok = false; }
    });
    if (!ok) form.querySelector('[aria-invalid="true"]').focus();
    return ok;
  }

  function value(form, name) {
    const el = form.elements[name];
    return el && el.value.trim() !== '' ? el.value.trim() : null;
  }

  function localStart(form) {
    let v = value(form, 'startAt');
    if (!v) return null;
    if (v.length === 16) v += ':00';
    return v + ZONE_OFFSET;
  }

  function recurrence(form) {
    const rrule = value(form, 'rrule');
    return rrule ? { rrule: rrule } : null;
  }

  // ---- media: progress of the upload, then of the processing, until READY or FAILED
  function watchMedia(form, id) {
    const bar = form.querySelector('progress');
    const status = form.querySelector('#upload-status') || result(form);
    const poll = async () => {
      const r = await api('GET', '/api/v1/media/' + id);
      if (!r.ok) { status.textContent = text('error'); return; }
      const m = r.data;
      if (bar) bar.value = m.status === 'PROCESSING' ? m.progress : 100;
      status.dataset.status = m.status;
      status.dataset.media = m.id;
      if (m.status === 'PROCESSING') {
        status.textContent = text('processing') + ' ' + m.progress + '%';
        setTimeout(poll, 500);
      } else if (m.status === 'READY') {
        status.textContent = text('ready') + ': ' + m.title;
      } else {
        status.textContent = text('failed') + ': ' + (m.failureReason || '');
      }
    };
    poll();
  }

  function upload(form) {
    const bar = form.querySelector('progress');
    const status = form.querySelector('#upload-status');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.dataset.api);
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', pageLang());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
        status.textContent = text('uploading') + ' ' + bar.value + '%';
        status.dataset.status = 'UPLOADING';
      }
    };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status === 202 && data) {
        bar.value = 0;
        watchMedia(form, data.id);
      } else {
        status.textContent = '';
        showProblem(form, data, xhr.status);
      }
    };
    xhr.onerror = () => showProblem(form, null, 0);
    xhr.send(new FormData(form));
  }

  const builders = {
    command: (form) => {
      const body = { type: form.elements.type.value };
      if (form.elements.volume) body.volume = Number(form.elements.volume.value);
      return body;
    },
    tts: (form) => ({ text: value(form, 'text'), language: value(form, 'language'), title: value(form, 'title') }),
    review: (form) => ({ reason: value(form, 'reason') }),
    cancel: () => ({}),
    bulletin: (form) => {
      const segments = [];
      form.querySelectorAll('select[data-segment]').forEach(select => {
        if (select.value) {
          const language = form.elements['segment-language-' + select.dataset.segment].value.trim();
          segments.push({ mediaId: select.value, language: language });
        }
      });
      return {
        title: value(form, 'title'), topic: value(form, 'topic'), sourceAgency: value(form, 'sourceAgency'),
        priority: value(form, 'priority'), segments: segments
      };
    },
    broadcast: (form) => {
      const areas = Array.from(form.elements.areas.selectedOptions).map(o => o.value);
      const receivers = (value(form, 'receivers') || '').split(',').map(s => s.trim()).filter(s => s);
      return {
        bulletinId: value(form, 'bulletinId'), startAt: localStart(form), timeZone: ZONE,
        targets: { areas: areas, receivers: receivers }, recurrence: recurrence(form)
      };
    }
  };

  const after = {
    command: (form) => { const r = result(form); r.textContent = text('sent'); },
    tts: (form, data) => watchMedia(form, data.id),
    review: () => location.reload(),
    cancel: () => location.reload(),
    bulletin: async (form, data) => {
      if (form.elements.submit && form.elements.submit.checked) {
        const s = await api('POST', '/api/v1/bulletins/' + data.id + '/submit', {});
        if (!s.ok) { showProblem(form, s.data, s.status); return; }
      }
      location.reload();
    },
    broadcast: (form, data) => { location.href = '/broadcasts/' + data.id; }
  };

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.classList.contains('api-form')) return;
    event.preventDefault();
    clearErrors(form);
    if (!checkRequired(form)) return;
    const kind = form.dataset.kind;
    if (kind === 'upload') { upload(form); return; }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    try {
      const r = await api('POST', form.dataset.api, builders[kind](form));
      if (!r.ok) { showProblem(form, r.data, r.status); return; }
      const res = result(form);
      if (res) res.textContent = text('saved');
      await after[kind](form, r.data);
    } finally {
      if (button) button.disabled = false;
    }
  });

  // ---- an htmx request answered by the login page means the session ended: go there instead of swapping it in
  document.addEventListener('htmx:beforeSwap', (event) => {
    const xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && xhr.responseURL.indexOf('/login.html') >= 0) {
      event.detail.shouldSwap = false;
      location.href = '/login.html';
    }
  });

  // ---- schedule: preview the occurrences of the timing in the form
  const previewButton = document.getElementById('preview-button');
  if (previewButton) {
    previewButton.addEventListener('click', async () => {
      const form = previewButton.form;
      clearErrors(form);
      const list = document.getElementById('preview');
      list.textContent = '';
      if (!localStart(form)) { fieldError(form, 'startAt', text('required')); return; }
      const r = await api('POST', '/api/v1/broadcasts/preview',
        { startAt: localStart(form), timeZone: ZONE, recurrence: recurrence(form), count: 10 });
      if (!r.ok) { showProblem(form, r.data, r.status); return; }
      r.data.occurrences.forEach(o => {
        const li = document.createElement('li');
        li.textContent = o.localTime.replace('T', ' ') + ' (' + o.utcOffset + ')';
        list.appendChild(li);
      });
    });
  }

  // ---- overview: receivers online and offline
  const chart = document.getElementById('status-chart');
  if (chart && window.Chart) {
    const d = chart.dataset;
    new window.Chart(chart, {
      type: 'doughnut',
      data: {
        labels: [d.onlineLabel, d.offlineLabel],
        datasets: [{ data: [Number(d.online), Number(d.offline)], backgroundColor: ['#1a7f37', '#c62828'] }]
      },
      options: { animation: false, plugins: { legend: { display: false } } }
    });
  }

  // ---- map: area outlines and receivers on a blank map (no tiles from the internet), coloured by status
  const mapEl = document.getElementById('map');
  if (mapEl && window.L) {
    const map = window.L.map(mapEl, { attributionControl: false, zoomSnap: 0.25 });
    const bounds = [];
    const layers = [];
    // area outlines first, so that the receivers sit on top; deeper areas are drawn over their parents
    document.querySelectorAll('.area-outline').forEach(li => {
      let geometry;
      try { geometry = JSON.parse(li.dataset.geometry); } catch (e) { return; }
      const outline = window.L.geoJSON(geometry, {
        className: 'area-outline-shape',
        style: { color: '#4a5568', weight: 1.5, fillColor: '#90a4ae', fillOpacity: 0.08 }
      });
      outline.bindTooltip(li.dataset.code + ' – ' + li.dataset.name, { sticky: true });
      const b = outline.getBounds();
      if (b.isValid()) { bounds.push(b.getSouthWest(), b.getNorthEast()); }
      layers.push(outline);
    });
    document.querySelectorAll('.receiver-marker').forEach(a => {
      const lat = parseFloat(a.dataset.lat);
      const lon = parseFloat(a.dataset.lon);
      if (isNaN(lat) || isNaN(lon)) return;
      const online = a.dataset.online === 'true';
      const marker = window.L.circleMarker([lat, lon], {
        radius: 9, weight: 2, color: '#222', fillOpacity: 0.9, fillColor: online ? '#1a7f37' : '#c62828',
        className: 'marker-' + (online ? 'online' : 'offline')
      });
      marker.bindTooltip(a.dataset.id + ' – ' + a.dataset.name);
      marker.on('click', () => { location.href = a.getAttribute('href'); });
      bounds.push(window.L.latLng(lat, lon));
      layers.push(marker);
    });
    // the view first: vector layers are drawn against the map's pixel bounds, which exist only once it has a view
    if (bounds.length) {
      map.fitBounds(window.L.latLngBounds(bounds), { padding: [30, 30], maxZoom: 13 });
      layers.forEach(layer => layer.addTo(map));
    } else {
      map.setView([16, 106], 5);
      mapEl.setAttribute('data-state', 'empty');
      const note = document.createElement('p');
      note.className = 'map-empty';
      note.textContent = mapEl.dataset.empty;
      mapEl.appendChild(note);
    }
  }
})();

// --- i18n: htmx requests ask for the page's language too, so that any error they bring back matches the page
document.addEventListener('htmx:configRequest', (event) => {
  event.detail.headers['Accept-Language'] = document.documentElement.lang || 'vi';
});
