// What every dashboard page shares: the API call with the key, table and chart helpers, the
// search box and the "why?" of a recommendation. Every value from the server is inserted as text,
// never as HTML.
window.Encore = (function () {
  'use strict';

  // Every page has the same header, built here so the pages do not repeat it: the name linking
  // home, a status badge and time for the page to fill, the search box and the API key.
  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    (children || []).forEach(child => node.append(child));
    return node;
  }

  function buildHeader() {
    const header = document.querySelector('header');
    const kinds = element('select', { id: 'searchKind', 'aria-label': 'search for' },
      [element('option', { value: 'tracks' }, ['tracks']), element('option', { value: 'users' }, ['listeners'])]);
    header.replaceChildren(
      element('h1', {}, [element('a', { href: '/' }, ['Encore'])]),
      element('span', { id: 'serving', class: 'badge' }, [header.dataset.title || '']),
      element('span', { id: 'updated', class: 'muted' }),
      element('form', { id: 'searchForm', role: 'search' }, [
        element('input', { id: 'searchQuery', type: 'search', placeholder: 'title, artist, tag or listener id',
          'aria-label': 'search' }),
        kinds, element('button', { type: 'submit' }, ['Search'])]),
      element('label', { class: 'key' }, ['API key ', element('input', { id: 'apiKey', type: 'password',
        placeholder: 'for training (and keyed reads)', autocomplete: 'off' })]));
    const results = element('div', { id: 'searchResults', class: 'panel wide search-results' });
    results.hidden = true;
    header.after(results);
  }

  buildHeader();
  const keyInput = document.getElementById('apiKey');
  keyInput.value = sessionStorage.getItem('encoreApiKey') || '';
  keyInput.addEventListener('change', () => sessionStorage.setItem('encoreApiKey', keyInput.value));

  function api(path, options) {
    const headers = Object.assign({}, (options && options.headers) || {});
    if (keyInput.value) {
      headers['X-API-Key'] = keyInput.value;
    }
    return fetch(path, Object.assign({}, options, { headers })).then(response =>
      response.json().then(body => {
        if (!response.ok) {
          throw new Error(body.message || ('HTTP ' + response.status));
        }
        return body;
      }));
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function cell(row, value, numeric) {
    const td = document.createElement('td');
    td.textContent = value === undefined || value === null ? '' : value;
    if (numeric) {
      td.className = 'number';
    }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, render) {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    rows.forEach((item, index) => {
      const row = document.createElement('tr');
      render(row, item, index);
      body.appendChild(row);
    });
  }

  const number = value => (typeof value === 'number' && isFinite(value)) ? value.toLocaleString() : '-';
  const fixed = (value, digits) => (typeof value === 'number' && isFinite(value)) ? value.toFixed(digits) : '-';
  const percent = share => (share >= 0 ? '+' : '') + Math.round(share * 100) + '%';

  function link(href, label) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    return a;
  }

  const trackHref = trackId => '/track.html?id=' + encodeURIComponent(trackId);
  const listenerHref = userId => '/listener.html?id=' + encodeURIComponent(userId);

  /** A table cell holding a link to the track's page. */
  function trackCell(row, trackId) {
    cell(row, '').appendChild(link(trackHref(trackId), trackId));
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  // uPlot gives an axis a fixed 50 px, which cuts the left of long tick labels ("0,000" for 10,000):
  // size each axis by its longest label as drawn, as uPlot's own axis-autosize demo does.
  function axisSize(self, values, axisIndex, cycle) {
    const axis = self.axes[axisIndex];
    if (cycle > 1) {
      return axis._size;
    }
    let size = axis.ticks.size + axis.gap;
    const longest = (values || []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
    if (longest) {
      self.ctx.font = axis.font[0];
      size += self.ctx.measureText(longest).width / devicePixelRatio;
    }
    return Math.ceil(size) + 4;
  }

  const localeTicks = (self, splits) => splits.map(v => v === null ? '' : v.toLocaleString());

  // The drawn charts by holder ID, so tests (and a curious user's console) can read what was drawn.
  const charts = {};

  /** Draws series over data[0] into the holder; the y axis sized to its labels. */
  function chart(holderId, series, data, options) {
    const holder = document.getElementById(holderId);
    holder.replaceChildren();
    delete charts[holderId];
    if (!data.length || !data[0].length) {
      holder.textContent = 'Nothing to draw yet.';
      return null;
    }
    const settings = Object.assign({}, options || {});
    const axes = settings.axes || [{}, {}];
    axes[1] = Object.assign({ size: axisSize, values: localeTicks }, axes[1]);
    settings.axes = axes;
    const width = Math.max(300, holder.clientWidth || 440);
    const plot = new uPlot(Object.assign({ width, height: 220, series: [{}].concat(series), legend: { show: true } },
      settings), data, holder);
    charts[holderId] = plot;
    return plot;
  }

  const palette = ['#3b6fd8', '#d8643b', '#2e9d5b', '#8a4fd8', '#c9a227'];

  /** Writes why {@code strategy} recommends the track into the holder, in that strategy's terms. */
  function explain(holder, userId, trackId, strategy) {
    holder.textContent = 'Explaining ' + trackId + '...';
    const path = '/v1/users/' + encodeURIComponent(userId) + '/recommendations/' + encodeURIComponent(trackId)
      + '/explanation?n=5&include=names&strategy=' + encodeURIComponent(strategy);
    api(path).then(why => {
      holder.textContent = 'Why ' + trackId + ' (' + strategy + '): ' + describe(why);
      holder.dataset.strategy = why.strategy;
    }).catch(error => holder.textContent = error.message);
  }

  function describe(why) {
    if (why.strategy === 'content') {
      return why.summary + ' (content score ' + fixed(why.score, 3) + ')';
    }
    if (why.strategy === 'hybrid') {
      // The three parts add up to the hybrid score; each is shown with its sign.
      const parts = why.parts.map(p => p.source + ' ' + (p.contribution >= 0 ? '+' : '') + fixed(p.contribution, 3)
        + ' (weight ' + fixed(p.weight, 2) + ')');
      return 'score ' + fixed(why.score, 3) + ' = ' + parts.join(', ') + '. ALS: ' + describe(why.als)
        + (why.content ? '. Content: ' + describe(why.content) : '. Content: the track has no features');
    }
    // ALS: every part with its sign, and the unlisted tracks' total, so the parts add up to the score.
    const parts = why.contributions.map(c => (c.title || c.trackId) + ' ' + percent(c.share));
    const unlisted = why.playedCount - why.contributions.length;
    if (unlisted > 0 && why.score !== 0) {
      parts.push('the other ' + unlisted + ' ' + percent(why.restOfScore / why.score));
    }
    return 'score ' + fixed(why.score, 4) + ' from ' + why.playedCount + ' played tracks: ' + parts.join(', ')
      + (why.note ? '. Note: ' + why.note : '');
  }

  /** One ranked track of an answer: rank, linked track, title, artist and score. */
  function trackRow(row, track, index, digits) {
    cell(row, index + 1, true);
    trackCell(row, track.trackId);
    cell(row, track.title);
    cell(row, track.artist);
    cell(row, fixed(track.score, digits), true);
  }

  /** Fills a recommendation table: the ranked tracks, each with a "why?" button. */
  function fillRecommendations(tableId, userId, answer, whyHolder) {
    fill(tableId, answer.recommendations, (row, r, i) => {
      trackRow(row, r, i, 4);
      const action = cell(row, '');
      if (['als', 'content', 'hybrid'].includes(answer.servedBy)) {
        action.appendChild(button('why?', () => explain(whyHolder, userId, r.trackId, answer.servedBy)));
      }
    });
  }

  // The search box in every page's header: tracks by title, artist or tag, listeners by ID.
  function wireSearch() {
    const form = document.getElementById('searchForm');
    const results = document.getElementById('searchResults');
    form.addEventListener('submit', event => {
      event.preventDefault();
      const q = document.getElementById('searchQuery').value.trim();
      const kind = document.getElementById('searchKind').value;
      if (!q) {
        return;
      }
      const path = kind === 'users' ? '/v1/users?limit=20&q=' : '/v1/tracks?limit=20&q=';
      api(path + encodeURIComponent(q)).then(page => {
        const list = document.createElement('ul');
        const found = kind === 'users' ? page.users : page.tracks;
        found.forEach(item => {
          const entry = document.createElement('li');
          if (kind === 'users') {
            entry.appendChild(link(listenerHref(item.id), item.id));
          } else {
            entry.appendChild(link(trackHref(item.id), [item.title, item.artist].filter(Boolean).join(' - ') || item.id));
            entry.appendChild(document.createTextNode(' ' + (item.genres || []).concat(item.moods || []).join(', ')));
          }
          list.appendChild(entry);
        });
        results.replaceChildren();
        results.appendChild(document.createTextNode(page.total + ' found' + (page.total > found.length
          ? ', the first ' + found.length + ' shown' : '') + ':'));
        results.appendChild(list);
        results.hidden = false;
      }).catch(error => { results.textContent = error.message; results.hidden = false; });
    });
  }

  wireSearch();

  /** The page's ?id= parameter. */
  const pageId = () => new URLSearchParams(location.search).get('id');

  return { api, text, element, pageId, cell, fill, number, fixed, link, trackHref, listenerHref, trackCell, button, chart, charts,
    palette, explain, trackRow, fillRecommendations };
})();
