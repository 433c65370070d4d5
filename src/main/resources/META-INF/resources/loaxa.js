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
    if (r) { r.textContent = ''; r.classList.remove('error'); delete r.dataset.saidBy; }
  }

  // clears only the faults of these fields (and of their parts: 'recurrence' covers 'recurrence.rrule'), for a
  // check that runs beside the form's own sending and must not wipe what that sending said
  function clearErrorsOf(form, fields) {
    const ours = (name) => fields.some(f => name === f || name.startsWith(f + '.'));
    form.querySelectorAll('[data-error-for]').forEach(e => { if (ours(e.dataset.errorFor)) e.textContent = ''; });
    form.querySelectorAll('[aria-invalid][name]').forEach(e => { if (ours(e.name)) e.removeAttribute('aria-invalid'); });
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

  // the ticked boxes of one kind of target; an area ticked under a ticked area is locked (disabled) and not sent,
  // as the upper one already stands for its whole subtree
  function ticked(form, name) {
    return Array.from(form.querySelectorAll('input[type="checkbox"][name="' + name + '"]:checked:not(:disabled)'))
      .map(c => c.value);
  }

  function targets(form) {
    return { areas: ticked(form, 'areas'), groups: ticked(form, 'groups'), receivers: ticked(form, 'receivers') };
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
        // the form is ready for the next clip at once; this one's progress goes on below it
        form.reset();
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
    broadcast: (form) => ({
      bulletinId: value(form, 'bulletinId'), startAt: localStart(form), timeZone: ZONE,
      targets: targets(form), recurrence: recurrence(form), missingLanguageOverride: languageOverride(form)
    }),
    // a translation task's reading: the clip just uploaded (once READY) with its transcript
    reading: (form) => {
      const status = document.getElementById('upload-status');
      const ready = status && status.dataset.status === 'READY';
      return { mediaId: ready ? status.dataset.media : null, transcript: value(form, 'transcript') };
    },
    translationRequest: (form) => {
      const languages = ticked(form, 'languages');
      const assignees = {};
      languages.forEach(code => {
        const who = value(form, 'assignee-' + code);
        if (who) assignees[code] = who;
      });
      const due = value(form, 'dueAt');
      return { languages: languages, dueAt: due ? (due.length === 16 ? due + ':00' : due) + ZONE_OFFSET : null, assignees: assignees };
    }
  };

  // --- required languages: a bulletin lacking one is refused (409) until "Vẫn phát" is ticked with a reason
  const MISSING_LANGUAGE = '/problems/missing-required-language';

  function languageOverride(form) {
    const box = form.querySelector('#language-override');
    if (!box || box.hidden || !form.querySelector('#override-anyway').checked) return undefined;
    return { reason: form.querySelector('#override-reason').value };
  }

  // shows the warning of a refusal for missing languages, and the tick box and reason to send it again anyway
  function offerOverride(form, problem) {
    const box = form.querySelector('#language-override');
    if (!box || !problem || problem.type !== MISSING_LANGUAGE) return;
    box.hidden = false;
    // said once, in the box beside what to do about it, rather than again in the form's result line
    const r = result(form);
    if (r) { r.textContent = ''; r.classList.remove('error'); }
    box.querySelector('#language-override-warning').textContent = problem.detail || problem.title;
    const list = box.querySelector('#language-override-list');
    list.textContent = '';
    (problem.conflicts || []).forEach(line => {
      const item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    });
    box.querySelector('#override-anyway').focus();
  }

  // swaps the parts of this page with these ids for their current version from the server
  async function refreshParts(url, ids) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
    if (!response.ok) { location.reload(); return; }
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    ids.forEach(id => {
      const part = document.getElementById(id);
      const replacement = fresh.getElementById(id);
      if (!part || !replacement) return;
      part.innerHTML = replacement.innerHTML;
      if (window.htmx) window.htmx.process(part);
    });
  }

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
      // the new bulletin shows in the queue and the list without a reload, and the form is ready for the next
      await refreshParts('/library', ['approval-queue', 'bulletins']);
      form.reset();
      result(form).textContent = text('saved') + ': ' + data.title;
    },
    broadcast: (form, data) => { location.href = '/broadcasts/' + data.id; },
    reading: () => location.reload(),
    translationRequest: () => location.reload()
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
      if (!r.ok) { showProblem(form, r.data, r.status); offerOverride(form, r.data); return; }
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

  // ---- overview: receivers online and offline; the counts come with every live update of the overview
  const chart = document.getElementById('status-chart');
  if (chart && window.Chart) {
    const d = chart.dataset;
    const counts = () => [document.getElementById('online-count'), document.getElementById('offline-count')]
      .map(el => el ? Number(el.textContent) : 0);
    const doughnut = new window.Chart(chart, {
      type: 'doughnut',
      data: {
        labels: [d.onlineLabel, d.offlineLabel],
        datasets: [{ data: counts(), backgroundColor: ['#1a7f37', '#c62828'] }]
      },
      options: { animation: false, plugins: { legend: { display: false } } }
    });
    document.body.addEventListener('htmx:afterSettle', e => {
      if (!e.target || e.target.id !== 'overview-live') return;
      const now = counts();
      doughnut.data.datasets[0].data = now;
      doughnut.update();
      chart.setAttribute('aria-label', d.onlineLabel + ': ' + now[0] + ', ' + d.offlineLabel + ': ' + now[1]);
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
    const colours = { online: '#1a7f37', playing: '#1565c0', failed: '#ef6c00', offline: '#c62828' };
    const markers = new Map();
    document.querySelectorAll('.receiver-marker').forEach(a => {
      const lat = parseFloat(a.dataset.lat);
      const lon = parseFloat(a.dataset.lon);
      if (isNaN(lat) || isNaN(lon)) return;
      const status = a.dataset.status;
      const marker = window.L.circleMarker([lat, lon], {
        radius: 9, weight: 2, color: '#222', fillOpacity: 0.9, fillColor: colours[status] || colours.offline,
        className: 'marker-' + status
      });
      marker.bindTooltip(a.dataset.id + ' – ' + a.dataset.name);
      marker.on('click', () => { location.href = a.getAttribute('href'); });
      markers.set(a.dataset.id, marker);
      bounds.push(window.L.latLng(lat, lon));
      layers.push(marker);
    });
    // live: each event carries every receiver's status; markers and the list follow without a reload
    if (mapEl.dataset.live && window.EventSource) {
      const label = status => mapEl.dataset['label' + status.charAt(0).toUpperCase() + status.slice(1)];
      const source = new EventSource(mapEl.dataset.live);
      source.onmessage = event => {
        let list;
        try { list = JSON.parse(event.data); } catch (e) { return; }
        list.forEach(m => {
          const a = document.querySelector('.receiver-marker[data-id="' + CSS.escape(m.id) + '"]');
          if (!a || a.dataset.status === m.status) return;
          a.classList.remove(a.dataset.status);
          a.classList.add(m.status);
          a.dataset.status = m.status;
          const text = a.parentElement.querySelector('.marker-status');
          if (text && label(m.status)) text.textContent = label(m.status);
          const marker = markers.get(m.id);
          if (marker) {
            marker.setStyle({ fillColor: colours[m.status] || colours.offline });
            const path = marker.getElement();
            if (path) {
              path.classList.remove('marker-online', 'marker-playing', 'marker-failed', 'marker-offline');
              path.classList.add('marker-' + m.status);
            }
          }
        });
        mapEl.setAttribute('data-updated', String(Date.now()));
      };
      window.addEventListener('pagehide', () => source.close());
    }
    // the view first: vector layers are drawn against the map's pixel bounds, which exist only once it has a view
    if (bounds.length) {
      map.fitBounds(window.L.latLngBounds(bounds), { padding: [30, 30], maxZoom: 13 });
      layers.forEach(layer => layer.addTo(map));
      markers.forEach((marker, id) => {
        const path = marker.getElement();
        if (path) path.setAttribute('data-receiver', id);
      });
    } else {
      map.setView([16, 106], 5);
      mapEl.setAttribute('data-state', 'empty');
      const note = document.createElement('p');
      note.className = 'map-empty';
      note.textContent = mapEl.dataset.empty;
      mapEl.appendChild(note);
    }
  }

  // --- library and commune inbox ---
  // library: only audio files are sent (the server's check stays the real one); a segment's language follows its
  // file; new and deleted items show in the media list and the segment menus without a reload; a player per item.
  const uploadForm = document.getElementById('upload-form');
  const AUDIO_CONTAINERS = ['application/ogg', 'video/ogg', 'video/webm', 'video/3gpp', 'video/mp4'];

  function notAudio(form, file) {
    const allowed = (form.dataset.audioExtensions || '').split(',');
    const dot = file.name.lastIndexOf('.');
    const extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
    const type = (file.type || '').toLowerCase();
    const typeOk = type === '' || type.startsWith('audio/') || AUDIO_CONTAINERS.includes(type);
    return !(allowed.includes(extension) && typeOk);
  }

  function checkAudioFile(form) {
    const input = form.elements.file;
    const file = input && input.files && input.files[0];
    if (file && notAudio(form, file)) {
      fieldError(form, 'file', form.dataset.notAudio);
      input.focus();
      return false;
    }
    return true;
  }

  if (uploadForm) {
    uploadForm.elements.file.addEventListener('change', () => {
      clearErrors(uploadForm);
      checkAudioFile(uploadForm);
    });
    // capturing, so that a non-audio file never reaches the upload handler above
    document.addEventListener('submit', (event) => {
      if (event.target !== uploadForm) return;
      clearErrors(uploadForm);
      if (!checkAudioFile(uploadForm)) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);
  }

  // library: record a clip with the microphone into the upload form's file field, with a level meter and a timer;
  // the upload itself is the usual one, and the server trims leading and trailing silence
  const recorder = document.getElementById('recorder');
  if (recorder && uploadForm && navigator.mediaDevices && window.MediaRecorder && window.DataTransfer) {
    recorder.hidden = false;
    const startButton = document.getElementById('record-start');
    const stopButton = document.getElementById('record-stop');
    const level = document.getElementById('record-level');
    const clock = document.getElementById('record-time');
    const preview = document.getElementById('record-preview');
    const status = document.getElementById('record-status');
    let session = null;

    const minutes = (ms) => {
      const s = Math.floor(ms / 1000);
      return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    };
    const extension = (type) => type.includes('ogg') ? '.ogg' : type.includes('mp4') ? '.m4a' : '.webm';
    const clearPreview = () => {
      if (preview.src) URL.revokeObjectURL(preview.src);
      preview.removeAttribute('src');
      preview.hidden = true;
    };

    startButton.addEventListener('click', async () => {
      clearErrors(uploadForm);
      status.textContent = '';
      let stream;
      try {
        // nothing plays while recording, so echo cancellation would only colour the voice
        stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false } });
      } catch (e) {
        status.textContent = recorder.dataset.denied;
        return;
      }
      clearPreview();
      const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'].find(t => MediaRecorder.isTypeSupported(t));
      const media = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 2048;
      audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const chunks = [];
      const began = performance.now();
      const tick = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const v of samples) sum += v * v;
        level.value = Math.min(1, Math.sqrt(sum / samples.length) * 2);
        clock.textContent = minutes(performance.now() - began);
      }, 100);
      media.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
      media.onstop = () => {
        clearInterval(tick);
        stream.getTracks().forEach(t => t.stop());
        audio.close();
        level.value = 0;
        const blobType = media.mimeType || type || 'audio/webm';
        const blob = new Blob(chunks, { type: blobType.split(';')[0] });
        const file = new File([blob], recorder.dataset.fileName + extension(blobType), { type: blob.type });
        const files = new DataTransfer();
        files.items.add(file);
        uploadForm.elements.file.files = files.files;
        preview.src = URL.createObjectURL(blob);
        preview.hidden = false;
        status.textContent = recorder.dataset.recorded;
        recorder.dataset.recordedBytes = String(blob.size);
        startButton.disabled = false;
        stopButton.disabled = true;
        uploadForm.elements.title.focus();
      };
      session = media;
      media.start(250);
      startButton.disabled = true;
      stopButton.disabled = false;
      stopButton.focus();
    });

    stopButton.addEventListener('click', () => {
      if (session && session.state !== 'inactive') session.stop();
      session = null;
    });

    // a new file chosen by hand replaces the recording; a finished upload clears it
    uploadForm.elements.file.addEventListener('change', () => { clearPreview(); status.textContent = ''; });
    uploadForm.addEventListener('reset', () => { clearPreview(); status.textContent = ''; clock.textContent = '0:00'; });
  }

  // translation task: the glossary's terms found in the source text; nothing at all while there is no glossary
  const glossary = document.getElementById('glossary');
  if (glossary && glossary.dataset.text) {
    fetch('/api/v1/glossary/matches', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Accept-Language': pageLang(), [CSRF_HEADER]: '1' },
      body: JSON.stringify({ text: glossary.dataset.text, language: glossary.dataset.language })
    })
      .then(r => r.ok ? r.json() : [])
      .then(matches => {
        const list = document.getElementById('glossary-terms');
        (Array.isArray(matches) ? matches : []).forEach(m => {
          const dt = document.createElement('dt');
          dt.textContent = m.term ? m.vie + ' → ' + m.term : m.vie;
          const dd = document.createElement('dd');
          dd.textContent = m.note || '';
          list.append(dt, dd);
        });
        glossary.hidden = list.children.length === 0;
      })
      .catch(() => { glossary.hidden = true; });
  }

  document.addEventListener('change', (event) => {
    const select = event.target;
    if (!select.matches || !select.matches('select[data-segment]')) return;
    const option = select.selectedOptions[0];
    const language = select.form && select.form.elements['segment-language-' + select.dataset.segment];
    if (option && option.dataset.language && language
        && Array.from(language.options).some(o => o.value === option.dataset.language)) {
      language.value = option.dataset.language;
    }
  });

  async function refreshMedia() {
    const body = document.getElementById('media-rows');
    if (!body) return;
    const response = await fetch('/library/media', { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
    if (!response.ok) return;
    body.innerHTML = await response.text();
    const ready = Array.from(body.querySelectorAll('tr[data-media][data-status="READY"]'));
    document.querySelectorAll('select[data-segment]').forEach(select => {
      ready.slice().reverse().forEach(row => {
        if (Array.from(select.options).some(o => o.value === row.dataset.media)) return;
        const option = document.createElement('option');
        option.value = row.dataset.media;
        option.dataset.language = row.dataset.language;
        option.textContent = row.dataset.title + ' (' + row.dataset.languageName + ')';
        select.insertBefore(option, select.options[1] || null);
      });
    });
  }

  // the upload and text-to-speech forms mark their status element data-status="READY" or "FAILED" when done
  document.querySelectorAll('#upload-status, #tts-form .form-result').forEach(status => {
    new MutationObserver(() => {
      if (status.dataset.status === 'READY' || status.dataset.status === 'FAILED') refreshMedia();
    }).observe(status, { attributes: true, attributeFilter: ['data-status', 'data-media'] });
  });

  document.addEventListener('click', async (event) => {
    const button = event.target.closest && event.target.closest('[data-media-delete]');
    if (!button) return;
    const note = document.getElementById('media-result');
    note.textContent = '';
    note.classList.remove('error');
    if (!window.confirm(note.dataset.confirm + '\n' + button.dataset.title)) return;
    button.disabled = true;
    const id = button.dataset.mediaDelete;
    const r = await api('DELETE', '/api/v1/media/' + id);
    button.disabled = false;
    if (r.ok) {
      const row = button.closest('tr');
      if (row) row.remove();
      document.querySelectorAll('select[data-segment] option[value="' + CSS.escape(id) + '"]').forEach(o => o.remove());
      note.textContent = note.dataset.deleted + ': ' + button.dataset.title;
      return;
    }
    note.classList.add('error');
    if (r.status === 409 && r.data && r.data.conflicts && r.data.conflicts.length) {
      note.textContent = note.dataset.inUse + ' ' + r.data.conflicts.map(t => '«' + t + '»').join(', ') + '.';
    } else {
      note.textContent = (r.data && (r.data.detail || r.data.title)) || (text('error') + ' (' + r.status + ')');
    }
  });

  // commune inbox: accept at the set time or at the commune's own time (in the broadcast's zone), decline with a
  // reason, and the commune's policy
  const inboxBodies = {
    'inbox-accept': () => ({}),
    'inbox-accept-at': (form) => {
      let v = value(form, 'startAt');
      if (v.length === 16) v += ':00';
      return { startAt: v + (form.dataset.offset || ZONE_OFFSET) };
    },
    'inbox-decline': (form) => ({ reason: value(form, 'reason') }),
    'inbox-policy': (form) => {
      const checked = form.querySelector('input[name="policy"]:checked');
      return { policy: checked ? checked.value : null, defaultTime: value(form, 'defaultTime') };
    }
  };

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.classList || !form.classList.contains('inbox-form')) return;
    event.preventDefault();
    clearErrors(form);
    if (!checkRequired(form)) return;
    const button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    try {
      const kind = form.dataset.kind;
      const r = await api(form.dataset.method || 'POST', form.dataset.api, inboxBodies[kind](form));
      if (!r.ok) { showProblem(form, r.data, r.status); return; }
      const res = result(form);
      if (res) res.textContent = text('saved');
      if (kind !== 'inbox-policy') location.reload();
    } finally {
      if (button) button.disabled = false;
    }
  });

  // --- administration (accounts, receivers, groups, areas): each form sends its named fields as one JSON object;
  // fields marked data-list make one list, in page order, of their non-empty (or ticked) values. An outline form
  // (data-body="file") sends the chosen file's text as it is (GeoJSON unless data-content-type says otherwise); fields
  // marked data-map="x" make one object x of their non-empty values by name. A new receiver secret is shown once, in
  // #secret-box.
  function adminBody(form) {
    const body = {};
    Array.from(form.elements).forEach(el => {
      if (!el.name || el.type === 'file' || el.type === 'submit' || el.type === 'button' || el.disabled) return;
      if (el.dataset.map) { // one object of the fields, by name: a glossary entry's terms by language
        if (!body[el.dataset.map]) body[el.dataset.map] = {};
        if (el.value.trim() !== '') body[el.dataset.map][el.name] = el.value.trim();
        return;
      }
      if (el.hasAttribute('data-list')) {
        if (!Array.isArray(body[el.name])) body[el.name] = [];
        const on = el.type === 'checkbox' ? el.checked : true;
        if (on && el.value.trim() !== '') body[el.name].push(el.value.trim());
        return;
      }
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      body[el.name] = el.value.trim() !== '' ? el.value.trim() : null;
    });
    return body;
  }

  async function sendFile(form) {
    const input = form.querySelector('input[type="file"]');
    const file = input && input.files[0];
    const response = await fetch(form.dataset.api, {
      method: form.dataset.method || 'PUT',
      credentials: 'same-origin',
      headers: {
        'Content-Type': form.dataset.contentType || 'application/geo+json', 'Accept': 'application/json',
        'Accept-Language': pageLang(),
        [CSRF_HEADER]: '1'
      },
      body: file ? await file.text() : ''
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function showSecret(form, data) {
    const box = document.getElementById('secret-box');
    if (!box) return;
    box.querySelector('.secret-name').textContent = data.displayName || form.dataset.name || '';
    box.querySelector('.secret-login').textContent = data.id || data.receiverId || '';
    box.querySelector('.secret-value').textContent = data.secret || '';
    box.hidden = false;
    box.focus();
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.classList || !form.classList.contains('admin-form')) return;
    event.preventDefault();
    clearErrors(form);
    if (!checkRequired(form)) return;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    try {
      const r = form.dataset.body === 'file'
        ? await sendFile(form)
        : await api(form.dataset.method || 'POST', form.dataset.api, adminBody(form));
      if (!r.ok) { showProblem(form, r.data, r.status); return; }
      const res = result(form);
      if (res) res.textContent = text('saved');
      if (form.dataset.after === 'secret') {
        showSecret(form, r.data);
        form.reset();
      } else {
        location.reload();
      }
    } finally {
      if (button) button.disabled = false;
    }
  });

  // the receivers' list: "pac lan" finds "Pác Lạn", accents and case ignored
  const adminFilter = document.getElementById('admin-filter');
  if (adminFilter) {
    const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase();
    adminFilter.addEventListener('input', () => {
      const wanted = fold(adminFilter.value.trim());
      document.querySelectorAll(adminFilter.dataset.rows).forEach(row => {
        row.hidden = wanted !== '' && !fold(row.dataset.search || row.textContent).includes(wanted);
      });
    });
  }

  // --- calendar: the recurrence builder writing the RRULE, the preview of the next airings, and cancelling one
  // occurrence (an EXDATE) or a whole series from the week ---
  const builder = document.getElementById('recurrence-builder');
  if (builder) {
    const form = builder.closest('form');
    const raw = form.elements.rrule;
    const freq = form.elements.repeatFreq;
    const weekdays = builder.dataset.weekdays.split(',');
    const list = document.getElementById('preview');
    const pad = (n) => String(n).padStart(2, '0');
    // RFC 5545 wants UNTIL in UTC when the start has a zone: the end of that day in Vietnam
    const untilUtc = (date) => {
      const d = new Date(date + 'T23:59:59' + ZONE_OFFSET);
      return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + 'T' + pad(d.getUTCHours())
        + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + 'Z';
    };
    const rule = () => {
      const f = freq.value;
      if (!f) return '';
      const parts = ['FREQ=' + f];
      if (f === 'WEEKLY') {
        const days = Array.from(form.querySelectorAll('input[name="repeatDay"]:checked')).map(c => c.value);
        if (days.length) parts.push('BYDAY=' + days.join(','));
      }
      if (f === 'MONTHLY' && value(form, 'repeatMonthDay')) parts.push('BYMONTHDAY=' + Number(value(form, 'repeatMonthDay')));
      const end = form.querySelector('input[name="repeatEnd"]:checked').value;
      if (end === 'until' && value(form, 'repeatUntil')) parts.push('UNTIL=' + untilUtc(value(form, 'repeatUntil')));
      if (end === 'count' && value(form, 'repeatCount')) parts.push('COUNT=' + Number(value(form, 'repeatCount')));
      return parts.join(';');
    };
    // "Thứ Hai 07/12/2026 06:00", with the offset when it is not Vietnam's
    const readable = (o) => {
      const [date, time] = o.localTime.split('T');
      const [y, m, d] = date.split('-').map(Number);
      const day = weekdays[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
      return day + ' ' + pad(d) + '/' + pad(m) + '/' + y + ' ' + time.slice(0, 5)
        + (o.utcOffset === ZONE_OFFSET ? '' : ' (UTC' + o.utcOffset + ')');
    };
    // what the preview asks about; its answer clears only these fields' faults
    const PREVIEW_FIELDS = ['startAt', 'timeZone', 'recurrence', 'count'];
    let questions = 0;
    const preview = async (asked) => {
      if (!localStart(form)) {
        if (asked) {
          clearErrorsOf(form, PREVIEW_FIELDS);
          list.textContent = '';
          fieldError(form, 'startAt', text('required'));
        }
        return;
      }
      const asking = ++questions;
      const r = await api('POST', '/api/v1/broadcasts/preview',
        { startAt: localStart(form), timeZone: ZONE, recurrence: recurrence(form), count: 10 });
      if (asking !== questions) return; // a later question is on its way: its answer is the one to show
      // errors and list are replaced only once the answer is in, so that nothing flickers; the answer may come after
      // a refusal of the whole form (a missing language, say), which must stay on screen
      clearErrorsOf(form, PREVIEW_FIELDS);
      list.textContent = '';
      const line = result(form);
      if (line && line.dataset.saidBy === 'preview') { line.textContent = ''; line.classList.remove('error'); }
      if (!r.ok) {
        showProblem(form, r.data, r.status);
        if (line) line.dataset.saidBy = 'preview';
        return;
      }
      r.data.occurrences.forEach(o => {
        const li = document.createElement('li');
        li.textContent = readable(o);
        li.dataset.localTime = o.localTime;
        list.appendChild(li);
      });
      if (!r.data.occurrences.length) {
        const li = document.createElement('li');
        li.textContent = builder.dataset.empty;
        list.appendChild(li);
      }
    };
    let pending = null;
    const later = (delay) => { clearTimeout(pending); pending = setTimeout(() => preview(false), delay || 300); };
    const write = () => {
      builder.querySelectorAll('.repeat-part').forEach(p => { p.hidden = !p.dataset.for.split(' ').includes(freq.value); });
      if (freq.value === 'MONTHLY' && !value(form, 'repeatMonthDay') && value(form, 'startAt')) {
        form.elements.repeatMonthDay.value = Number(value(form, 'startAt').slice(8, 10));
      }
      raw.value = rule();
      later();
    };
    builder.addEventListener('input', (event) => {
      const t = event.target;
      if (t === raw) { later(800); return; }
      if (t.name === 'repeatUntil') form.querySelector('#repeat-end-until').checked = true;
      if (t.name === 'repeatCount') form.querySelector('#repeat-end-count').checked = true;
      write();
    });
    builder.addEventListener('change', (event) => { if (event.target !== raw) write(); });
    form.elements.startAt.addEventListener('change', () => later());
    document.getElementById('preview-button').addEventListener('click', () => preview(true));
    // an error about the raw rule opens the collapsed expert part, so that it is seen
    const advanced = document.getElementById('recurrence-advanced');
    new MutationObserver(() => {
      if (Array.from(advanced.querySelectorAll('.field-error')).some(e => e.textContent)) advanced.open = true;
    }).observe(advanced, { childList: true, subtree: true, characterData: true });
  }

  // --- schedule form: the area tree (an area stands for its subtree), the receivers' name filter, and "play now"
  const broadcastForm = document.getElementById('broadcast-form');
  if (broadcastForm) {
    const areaBoxes = Array.from(broadcastForm.querySelectorAll('.area-tree input[name="areas"]'));
    const lockSubtrees = () => {
      const roots = areaBoxes.filter(b => b.checked && !b.dataset.covered).map(b => b.dataset.path);
      areaBoxes.forEach(box => {
        const covered = roots.some(path => path !== box.dataset.path && box.dataset.path.startsWith(path));
        if (covered) {
          box.checked = true;
          box.disabled = true;
          box.dataset.covered = '1';
          box.title = box.dataset.coveredNote;
        } else if (box.dataset.covered) {
          box.checked = false;
          box.disabled = false;
          delete box.dataset.covered;
          box.removeAttribute('title');
        }
      });
    };
    areaBoxes.forEach(box => box.addEventListener('change', lockSubtrees));
    lockSubtrees(); // a box the browser kept ticked across a reload still locks its subtree

    const filter = document.getElementById('receiver-filter');
    // "pac lan" finds "Pác Lạn": accents and case are ignored
    const plain = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase();
    if (filter) {
      filter.addEventListener('input', () => {
        const wanted = plain(filter.value.trim());
        broadcastForm.querySelectorAll('#receiver-choices li').forEach(li => {
          li.hidden = wanted !== '' && !plain(li.textContent).includes(wanted);
        });
      });
    }

    // the server's clock, read when the page was made, so that "now" is the server's and not this device's
    const skew = Number(broadcastForm.dataset.serverNow || Date.now()) - Date.now();
    const PLAY_NOW_LEAD_MS = 5000;
    const playNow = document.getElementById('play-now');
    playNow.addEventListener('click', async () => {
      clearErrors(broadcastForm);
      if (!value(broadcastForm, 'bulletinId')) {
        fieldError(broadcastForm, 'bulletinId', text('required'));
        broadcastForm.elements.bulletinId.focus();
        return;
      }
      const chosen = targets(broadcastForm);
      if (!chosen.areas.length && !chosen.groups.length && !chosen.receivers.length) {
        fieldError(broadcastForm, 'targets', broadcastForm.dataset.noTargets);
        const first = broadcastForm.querySelector('#broadcast-targets input');
        if (first) first.focus();
        return;
      }
      // what goes on air at once, and where, said in words before it does
      const bulletin = broadcastForm.elements.bulletinId.selectedOptions[0].textContent.trim();
      const places = Array.from(broadcastForm.querySelectorAll('#broadcast-targets input:checked'))
        .map(box => (box.closest('label') || box).textContent.trim())
        .filter(name => name);
      if (!window.confirm(broadcastForm.dataset.confirmPlayNow + '\n\n' + bulletin + '\n→ ' + places.join(', '))) {
        return;
      }
      // Vietnam has no daylight saving: its local time is UTC+7 all year
      const start = new Date(Date.now() + skew + PLAY_NOW_LEAD_MS + 7 * 3600 * 1000).toISOString().slice(0, 19)
        + ZONE_OFFSET;
      playNow.disabled = true;
      try {
        const r = await api('POST', broadcastForm.dataset.api,
          { bulletinId: value(broadcastForm, 'bulletinId'), startAt: start, timeZone: ZONE, targets: chosen,
            missingLanguageOverride: languageOverride(broadcastForm) });
        if (!r.ok) { showProblem(broadcastForm, r.data, r.status); offerOverride(broadcastForm, r.data); return; }
        result(broadcastForm).textContent = text('saved');
        location.href = '/broadcasts/' + r.data.id;
      } finally {
        playNow.disabled = false;
      }
    });
  }

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('#week button.cancel-occurrence, #week button.cancel-series');
    if (!button || !window.confirm(button.dataset.confirm)) return;
    const status = document.getElementById('calendar-result');
    status.textContent = '';
    status.classList.remove('error');
    button.disabled = true;
    const r = await api('POST', button.dataset.api,
      button.dataset.localTime ? { localTime: button.dataset.localTime } : {});
    if (!r.ok) {
      button.disabled = false;
      status.textContent = (r.data && (r.data.detail || r.data.title)) || (text('error') + ' (' + r.status + ')');
      status.classList.add('error');
      return;
    }
    location.reload();
  });
  // what the page scripts that stand alone (live.js) share with this one
  window.loaxa = Object.freeze({ api, clearErrors, showProblem, checkRequired, fieldError, targets });
})();

// --- i18n: htmx requests ask for the page's language too, so that any error they bring back matches the page
document.addEventListener('htmx:configRequest', (event) => {
  event.detail.headers['Accept-Language'] = document.documentElement.lang || 'vi';
});
