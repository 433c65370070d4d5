// "Phát trực tiếp": starts a live session through the API, captures the microphone at 48 kHz mono, encodes 60 ms
// Opus packets with WebCodecs and sends each on the session's socket after its capture timestamp (8 bytes,
// big-endian microseconds on the capture's own timeline: the samples captured so far). The server stamps and seals
// them for the receivers (docs/protocol.md, "Live sessions"). Nothing is sent before the receivers listen: the
// page starts the session, waits until its announcement went out and the join margin passed ("Đang kết nối…"),
// and only then sends, from the samples captured from then on (docs/architecture.md, "Live broadcast").
(function () {
  'use strict';
  const form = document.getElementById('live-form');
  if (!form || !window.loaxa) return;
  const ui = form.dataset;
  const startButton = document.getElementById('live-start');
  const endButton = document.getElementById('live-end');
  const level = document.getElementById('live-level');
  const clock = document.getElementById('live-time');
  const status = document.getElementById('live-status');
  const listeners = document.getElementById('live-listeners');
  const details = document.getElementById('live-details');
  const RATE = 48000;
  const FRAME = 960; // 20 ms handed to the encoder at a time
  // a third of the messages of 20 ms packets for the broker to fan out, for up to 40 ms more latency (docs/performance.md, P8)
  const PACKET_MICROS = 60000;

  if (!(window.AudioEncoder && window.AudioWorkletNode && window.AudioData && navigator.mediaDevices)) {
    status.textContent = ui.unsupported;
    startButton.disabled = true;
    return;
  }

  let live = null;

  const minutes = (ms) => {
    const s = Math.floor(ms / 1000);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  };

  function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  }

  async function openMicrophone() {
    // the voice goes straight to loudspeakers: no echo to cancel, and the server normalises the recording
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false }
    });
    const context = new AudioContext({ sampleRate: RATE, latencyHint: 'interactive' });
    await context.audioWorklet.addModule('/live-capture.js');
    const source = context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(context, 'live-capture', { numberOfOutputs: 0 });
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(capture);
    source.connect(analyser);
    return { stream, context, capture, analyser };
  }

  function encoder(socket) {
    const encoder = new AudioEncoder({
      output: (chunk) => {
        if (socket.readyState !== WebSocket.OPEN) return;
        const message = new ArrayBuffer(8 + chunk.byteLength);
        new DataView(message).setBigInt64(0, BigInt(Math.round(chunk.timestamp)));
        chunk.copyTo(new Uint8Array(message, 8));
        socket.send(message);
      },
      error: (e) => { status.textContent = String(e); }
    });
    encoder.configure({
      codec: 'opus', sampleRate: RATE, numberOfChannels: 1, bitrate: 32000,
      opus: { frameDuration: PACKET_MICROS, complexity: 5 }
    });
    return encoder;
  }

  async function watchListeners(broadcastId) {
    const answer = await window.loaxa.api('GET', '/api/v1/broadcasts/' + broadcastId + '/deliveries');
    if (!answer.ok || !answer.data) return;
    const counts = answer.data.counts || {};
    const total = (answer.data.deliveries || []).length;
    listeners.textContent = ui.listeners.replace('-1', String(counts.PLAYING || 0)).replace('-2', String(total));
  }

  const pause = (ms) => new Promise(resolve => setTimeout(resolve, ms));

  // Until the session's announcement went out and the receivers had the join margin to take its topic; at most 10 s.
  async function receiversListening(session) {
    const giveUpAt = performance.now() + 10000;
    let announced = session.announcedAt;
    while (!announced && performance.now() < giveUpAt) {
      await pause(100);
      const answer = await window.loaxa.api('GET', '/api/v1/live/' + session.id);
      if (answer.ok && answer.data) announced = answer.data.announcedAt;
    }
    await pause(session.joinMarginMs || 0);
  }

  async function start() {
    const form_ = form;
    window.loaxa.clearErrors(form_);
    if (!window.loaxa.checkRequired(form_)) return;
    const targets = window.loaxa.targets(form_);
    if (!targets.areas.length && !targets.groups.length && !targets.receivers.length) {
      window.loaxa.fieldError(form_, 'targets', ui.noTargets);
      return;
    }
    const title = form_.elements.title.value.trim();
    if (!window.confirm(ui.confirm.replace('%s', title))) return;
    startButton.disabled = true;
    status.textContent = ui.starting;
    let microphone;
    try {
      microphone = await openMicrophone();
      // samples captured while the session starts are not sent: they would reach the receivers in a burst
      microphone.capture.port.onmessage = () => {};
    } catch (e) {
      status.textContent = ui.denied;
      startButton.disabled = false;
      return;
    }
    const started = await window.loaxa.api('POST', '/api/v1/live', {
      title: title,
      targets: targets,
      priority: form_.querySelector('input[name="priority"]:checked').value,
      test: form_.elements.test.checked ? true : null
    });
    if (!started.ok) {
      microphone.stream.getTracks().forEach(t => t.stop());
      microphone.context.close();
      status.textContent = '';
      window.loaxa.showProblem(form_, started.data, started.status);
      startButton.disabled = false;
      return;
    }
    const session = started.data;
    const socket = new WebSocket(socketUrl(session.socketPath));
    socket.binaryType = 'arraybuffer';
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    if (!session.awaitingConfirmation) {
      // an emergency waiting for its confirmation is recorded from the first word; anything else is heard from it
      status.textContent = ui.connecting;
      await receiversListening(session);
    }
    const opus = encoder(socket);
    let captured = 0;
    let pending = new Float32Array(0);
    microphone.capture.port.onmessage = (event) => {
      const joined = new Float32Array(pending.length + event.data.length);
      joined.set(pending);
      joined.set(event.data, pending.length);
      let at = 0;
      for (; at + FRAME <= joined.length; at += FRAME) {
        const data = new AudioData({
          format: 'f32-planar', sampleRate: RATE, numberOfFrames: FRAME, numberOfChannels: 1,
          timestamp: Math.round(captured * 1e6 / RATE), data: joined.slice(at, at + FRAME)
        });
        opus.encode(data);
        data.close();
        captured += FRAME;
      }
      pending = joined.slice(at);
    };
    const samples = new Float32Array(microphone.analyser.fftSize);
    const began = performance.now();
    const tick = setInterval(() => {
      microphone.analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      level.value = Math.min(1, Math.sqrt(sum / samples.length) * 2);
      clock.textContent = minutes(performance.now() - began);
    }, 100);
    const poll = setInterval(() => watchListeners(session.broadcastId), 2000);
    live = { session, socket, opus, microphone, tick, poll };
    status.textContent = session.awaitingConfirmation ? ui.awaiting : ui.onAir;
    details.href = '/broadcasts/' + session.broadcastId;
    details.hidden = false;
    form_.dataset.session = session.id;
    endButton.disabled = false;
    endButton.focus();
  }

  async function end() {
    if (!live) return;
    const current = live;
    live = null;
    endButton.disabled = true;
    clearInterval(current.tick);
    current.microphone.capture.port.onmessage = null;
    current.microphone.stream.getTracks().forEach(t => t.stop());
    try { await current.opus.flush(); } catch (e) { /* closing anyway */ }
    current.socket.close();
    current.microphone.context.close();
    level.value = 0;
    await window.loaxa.api('POST', '/api/v1/live/' + current.session.id + '/end');
    clearInterval(current.poll);
    await watchListeners(current.session.broadcastId);
    status.textContent = ui.ended;
    startButton.disabled = false;
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); start(); });
  endButton.addEventListener('click', end);
  window.addEventListener('pagehide', () => { if (live) end(); });
})();
