// Goblina studio: the page's behaviour. No framework, no build: it calls /v1 with the key kept in sessionStorage.
'use strict';

(() => {
  const KEY_ITEM = 'goblina.apiKey';
  const TERMINAL = ['DONE', 'FAILED', 'CANCELLED'];
  const $ = (selector, root = document) => root.querySelector(selector);

  const state = { characterId: null, projectId: null, stream: null, lastStatus: null, shortUrl: null, clips: {} };

  const key = () => sessionStorage.getItem(KEY_ITEM) || '';

  /** A /v1 call with the key; a refusal becomes an Error carrying the problem+json answer. */
  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers, { Authorization: 'Bearer ' + key() });
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (!response.ok) {
      throw await problemOf(response);
    }
    return response;
  }

  async function problemOf(response) {
    let problem = { title: response.status + ' ' + response.statusText, status: response.status, errors: [] };
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try {
        problem = Object.assign(problem, await response.json());
      } catch (ignored) {
        // the status line says enough
      }
    }
    const error = new Error(problem.title);
    error.problem = problem;
    return error;
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error, .form-error').forEach(slot => { slot.textContent = ''; slot.hidden = true; });
    form.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
  }

  /** Each error next to the field it names; the rest, and the title, under the form. */
  function showProblem(form, error) {
    clearErrors(form);
    const problem = error.problem || { title: error.message, errors: [] };
    const rest = [];
    for (const e of problem.errors || []) {
      const field = String(e.field || '').split(/[.[]/)[0];
      const slot = field && form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (slot) {
        slot.textContent = e.reason;
        slot.hidden = false;
        const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
      } else {
        rest.push((e.field ? e.field + ': ' : '') + e.reason);
      }
    }
    const box = $('.form-error', form);
    box.textContent = [problem.title].concat(rest).join(' — ');
    box.hidden = false;
  }

  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

  // 1. the key

  function showKeyState() {
    $('#key-status').textContent = key() ? 'A key is set for this tab.' : 'No key yet: paste one to start.';
  }

  $('#key-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(KEY_ITEM, $('#api-key').value.trim());
    $('#api-key').value = '';
    showKeyState();
  });
  $('#forget-key').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_ITEM);
    showKeyState();
  });

  // 2. the character

  $('#character-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    clearErrors(form);
    $('#style-guide').hidden = true;
    const body = new FormData();
    body.append('name', $('#character-name').value);
    if ($('#character-image').files[0]) {
      body.append('image', $('#character-image').files[0]);
    }
    $('#upload').disabled = true;
    try {
      const accepted = await (await api('/v1/characters', { method: 'POST', body })).json();
      $('#character-status').textContent = 'Analysing the character…';
      showCharacter(await analysed(accepted.id));
    } catch (error) {
      $('#character-status').textContent = '';
      showProblem(form, error);
    } finally {
      $('#upload').disabled = false;
    }
  });

  /** The character once its analysis has ended: one look a second (analysis has no event stream). */
  async function analysed(id) {
    for (;;) {
      const character = await (await api('/v1/characters/' + encodeURIComponent(id))).json();
      if (character.status !== 'ANALYZING') {
        return character;
      }
      await sleep(1000);
    }
  }

  function showCharacter(character) {
    if (character.status !== 'READY') {
      $('#character-status').textContent = 'Analysis failed: ' + (character.error ? character.error.reason : character.status);
      return;
    }
    state.characterId = character.id;
    $('#character-status').textContent = character.name + ' is ready.';
    const guide = character.styleGuide || {};
    $('#appearance').textContent = guide.appearance || '';
    $('#visual-style').textContent = guide.visualStyle || '';
    const palette = $('#palette');
    palette.replaceChildren(...(guide.palette || []).map(hex => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = hex;
      swatch.title = hex;
      const code = document.createElement('code');
      code.textContent = hex;
      item.append(swatch, code);
      return item;
    }));
    $('#style-guide').hidden = false;
    $('#start').disabled = false;
    $('#start-hint').textContent = 'The short uses ' + character.name + '.';
  }

  // 3. the project

  $('#project-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    clearErrors(form);
    const count = Number($('#scenario-count').value);
    const body = {
      characterId: state.characterId,
      topic: $('#topic').value,
      preset: $('#preset').value,
      scenarioCount: Number.isInteger(count) ? count : $('#scenario-count').value,
      format: $('#format').value,
      narration: $('#narration').value === 'none' ? 'none' : { provider: $('#narration').value },
      music: $('#music').value
    };
    $('#start').disabled = true;
    try {
      const accepted = await (await api('/v1/projects', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      })).json();
      startFollowing(accepted.id);
    } catch (error) {
      showProblem(form, error);
    } finally {
      $('#start').disabled = false;
    }
  });

  function startFollowing(projectId) {
    if (state.projectId !== projectId) {
      state.projectId = projectId;
      state.lastStatus = null;
      Object.values(state.clips).forEach(url => URL.revokeObjectURL(url));
      state.clips = {};
      $('#scenes').replaceChildren();
      $('#short-section').hidden = true;
    }
    $('#progress-section').hidden = false;
    follow(projectId);
  }

  // 4. progress, live: the project's events read with fetch, since EventSource cannot send the key

  async function follow(projectId) {
    if (state.stream) {
      state.stream.abort();
    }
    const stream = new AbortController();
    state.stream = stream;
    let retry = 3000;
    while (!stream.signal.aborted) {
      try {
        const response = await api('/v1/projects/' + encodeURIComponent(projectId) + '/events', {
          headers: { Accept: 'text/event-stream' }, signal: stream.signal
        });
        await readEvents(response.body, view => show(view), ms => { retry = ms; });
        if (TERMINAL.includes(state.lastStatus)) {
          return;
        }
      } catch (error) {
        if (stream.signal.aborted) {
          return;
        }
        if (error.problem && error.problem.status < 500 && error.problem.status !== 429) {
          showStreamError(error);
          return;
        }
      }
      await sleep(retry);
    }
  }

  /** Server-Sent Events, line by line: data lines joined per event, comments skipped, retry kept. */
  async function readEvents(body, onData, onRetry) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          // an empty data buffer (a heartbeat) dispatches nothing, as in EventSource
          if (data.join('\n') !== '') {
            onData(JSON.parse(data.join('\n')));
          }
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') {
            data.push(text);
          } else if (field === 'retry' && /^\d+$/.test(text)) {
            onRetry(Number(text));
          }
        }
      }
    }
  }

  function showStreamError(error) {
    const box = $('#project-error');
    box.textContent = error.problem.title + ': ' + (error.problem.errors || []).map(e => e.reason).join('; ');
    box.hidden = false;
  }

  function show(view) {
    const previous = state.lastStatus;
    state.lastStatus = view.status;
    $('#project-status').textContent = `${view.status} · ${view.stage} · ${view.progress}%`;
    $('#project-progress').value = view.progress;
    const failed = $('#project-error');
    failed.hidden = !view.error;
    failed.textContent = view.error ? `Failed in ${view.error.stage}: ${view.error.reason}` : '';
    view.scenarios.forEach(scenario => showScene(view.id, scenario, view.status));
    if (view.status === 'DONE' && view.video && previous !== 'DONE') {
      loadShort(view);
    }
  }

  function sceneItem(projectId, index) {
    let item = $(`#scenes > li[data-index="${index}"]`);
    if (!item) {
      item = $('#scene-template').content.firstElementChild.cloneNode(true);
      item.dataset.index = index;
      const items = [...$('#scenes').children];
      const after = items.find(other => Number(other.dataset.index) > index);
      $('#scenes').insertBefore(item, after || null);
    }
    return item;
  }

  function showScene(projectId, scenario, projectStatus) {
    const item = sceneItem(projectId, scenario.index);
    const regenerate = $('.regenerate', item);
    regenerate.hidden = projectStatus !== 'DONE';
    if (!regenerate.dataset.wired) {
      regenerate.dataset.wired = 'true';
      regenerate.addEventListener('submit', event => {
        event.preventDefault();
        regenerateScene(projectId, scenario.index, regenerate);
      });
    }
    const clip = scenario.clip;
    const clipStatus = clip ? clip.status : 'WAITING';
    $('.scene-title', item).textContent = `Scene ${scenario.index + 1}: ${scenario.title}`;
    $('.scene-caption', item).textContent = scenario.caption;
    $('.scene-status', item).textContent = 'Clip ' + clipStatus.toLowerCase()
        + (clip && clipStatus !== 'READY' ? ` (${clip.progress}%)` : '')
        + (clip && clip.error ? ': ' + clip.error : '')
        + (scenario.narration ? ' · narration ' + scenario.narration.toLowerCase() : '');
    const before = item.dataset.clip;
    item.dataset.clip = clipStatus;
    if (clipStatus === 'READY' && before !== 'READY') {
      loadClip(projectId, scenario.index, item);
    } else if (clipStatus !== 'READY') {
      $('.clip-preview', item).hidden = true;
    }
  }

  /** Re-renders one scene of the finished short, with the new line if one was typed, and follows the project again. */
  async function regenerateScene(projectId, index, form) {
    clearErrors(form);
    const caption = form.elements.caption.value.trim();
    const button = $('button', form);
    button.disabled = true;
    try {
      const response = await api(`/v1/projects/${encodeURIComponent(projectId)}/scenarios/${index}/regenerate`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(caption ? { caption } : {})
      });
      form.elements.caption.value = '';
      show(await response.json());
      startFollowing(projectId);
    } catch (error) {
      showProblem(form, error);
    } finally {
      button.disabled = false;
    }
  }

  async function loadClip(projectId, index, item) {
    try {
      const source = await mediaSource(`/v1/projects/${encodeURIComponent(projectId)}/scenarios/${index}/clip/link`);
      if (state.clips[index]) {
        URL.revokeObjectURL(state.clips[index]);
      }
      state.clips[index] = source.objectUrl ? source.url : null;
      $('.clip-preview video', item).src = source.url;
      $('.clip-preview', item).hidden = false;
    } catch (error) {
      $('.scene-status', item).textContent += ' · preview unavailable: ' + error.message;
    }
  }

  /**
   * Where a <video> plays a stored file from, which cannot send the key: the store's presigned link when it gives
   * one (S3, R2), else an object URL of the file downloaded from the API with the key.
   */
  async function mediaSource(linkPath) {
    const link = await (await api(linkPath)).json();
    if (link.direct) {
      return { url: link.url, objectUrl: false };
    }
    const response = await api(link.url);
    return { url: URL.createObjectURL(await response.blob()), objectUrl: true };
  }


  // 5. the short

  async function loadShort(view) {
    try {
      const source = await mediaSource(`/v1/projects/${encodeURIComponent(view.id)}/video/link`);
      if (state.shortUrl) {
        URL.revokeObjectURL(state.shortUrl);
      }
      state.shortUrl = source.objectUrl ? source.url : null;
      $('#short-video').src = source.url;
      const download = $('#download');
      download.href = source.url;
      download.download = `goblina-${view.id}.mp4`;
      $('#short-section').hidden = false;
    } catch (error) {
      showStreamError(error.problem ? error : { problem: { title: error.message, errors: [] } });
    }
  }

  showKeyState();
})();
