// The live calendar: shows a resource's week as the server renders it (the markup CalendarPage
// writes), books and cancels through the JSON API, and follows the tenant's change feed over
// Server-Sent Events, re-reading the week when a change touches what is shown. No reloads.
'use strict';
(function () {
  // Set once per page load: a test can tell a live update from a reload.
  window.__loadedAt = Date.now() + '-' + Math.random().toString(36).slice(2);

  const state = { resource: null, start: null, previous: null, next: null, window: null, zone: 'UTC',
                  loading: null, again: false, version: 0, slot: null };
  const $ = id => document.getElementById(id);

  async function request(url, options) {
    const response = await fetch(url, options);
    const body = await response.json().catch(() => ({ message: response.status + ' ' + response.statusText }));
    if (!response.ok) {
      // A refusal lists every rule it broke, each with a message of its own.
      const reasons = (body.violations || []).map(v => v.message);
      throw new Error(reasons.length > 0 ? reasons.join(' ') : (body.message || ('HTTP ' + response.status)));
    }
    return body;
  }

  function message(text) {
    $('message').textContent = text || '';
  }

  // One read at a time; asked again meanwhile, it reads once more when the current one ends.
  function load() {
    if (state.loading) {
      state.again = true;
      return state.loading;
    }
    state.loading = (async () => {
      let week = null;
      try {
        do {
          state.again = false;
          const query = state.start ? '?start=' + encodeURIComponent(state.start) : '';
          week = await request('/api/resources/' + encodeURIComponent(state.resource) + '/week' + query);
          if (week.resource.id !== state.resource) {
            state.again = true;   // the picker changed while this was read
            continue;
          }
          state.start = week.start;
          state.previous = week.previous;
          state.next = week.next;
          state.window = week.window;
          state.zone = week.resource.zone;
          $('calendar').innerHTML = week.html;
          state.version += 1;
          $('calendar').dataset.version = String(state.version);
        } while (state.again);
        return week;
      } catch (e) {
        message('Could not read the week: ' + e.message);
        return week;
      } finally {
        state.loading = null;
      }
    })();
    return state.loading;
  }

  function overlapsShownWeek(change) {
    if (!state.window) {
      return true;
    }
    const start = change.start === null ? -Infinity : Date.parse(change.start);
    const end = change.end === null ? Infinity : Date.parse(change.end);
    return start < Date.parse(state.window.end) && end > Date.parse(state.window.start);
  }

  function follow(position) {
    const live = $('live');
    // Without a position (the first read failed) the server starts at its newest change.
    const source = new EventSource(position ? '/events?after=' + encodeURIComponent(position) : '/events');
    source.onopen = () => { live.dataset.state = 'open'; live.textContent = '● live'; };
    source.onerror = () => { live.dataset.state = 'error'; live.textContent = 'reconnecting…'; };
    source.addEventListener('change', event => {
      const change = JSON.parse(event.data);
      // While a week is being read, it may not be the one shown: read once more to be sure.
      if (change.resourceId === state.resource && (state.loading || overlapsShownWeek(change))) {
        load();
      }
    });
    // The feed no longer has every change since this page's position: read everything again.
    source.addEventListener('reset', () => load());
    window.__events = source;
  }

  function when(iso) {
    return new Intl.DateTimeFormat('en-GB', { timeZone: state.zone, weekday: 'short', day: 'numeric',
      month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }

  function openForm(slot) {
    state.slot = slot.dataset.start;
    $('book-when').textContent = 'Book ' + when(state.slot) + ' (' + state.zone + ')';
    $('book-form').hidden = false;
    $('customer').focus();
  }

  async function book(event) {
    event.preventDefault();
    const customer = $('customer').value;
    const start = state.slot;
    $('book-form').hidden = true;
    try {
      const booking = await request('/api/bookings', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ resource: state.resource, start: start, customer: customer })
      });
      message('Booked ' + when(booking.start) + ' for ' + booking.customer + ': ' + booking.status);
    } catch (e) {
      message(e.message);
    }
    load();
  }

  async function cancel(id) {
    try {
      const booking = await request('/api/bookings/' + encodeURIComponent(id) + '/cancel',
          { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      message('Cancelled ' + when(booking.start) + ' of ' + booking.customer);
    } catch (e) {
      message(e.message);
    }
    load();
  }

  async function start() {
    const resources = await request('/api/resources');
    const picker = $('resource');
    for (const resource of resources) {
      const option = document.createElement('option');
      option.value = resource.id;
      option.textContent = resource.name + ' (' + resource.zone + ')';
      picker.appendChild(option);
    }
    state.resource = resources[0].id;
    picker.addEventListener('change', () => { state.resource = picker.value; state.start = null; load(); });
    $('previous').addEventListener('click', () => { state.start = state.previous; load(); });
    $('next').addEventListener('click', () => { state.start = state.next; load(); });
    $('this-week').addEventListener('click', () => { state.start = null; load(); });
    $('book-form').addEventListener('submit', book);
    $('book-close').addEventListener('click', () => { $('book-form').hidden = true; });
    const calendar = $('calendar');
    calendar.addEventListener('click', event => {
      const cancelButton = event.target.closest('.bk-cancel');
      if (cancelButton) {
        cancel(cancelButton.dataset.id);
        return;
      }
      const slot = event.target.closest('.bk-slot');
      if (slot) {
        openForm(slot);
      }
    });
    calendar.addEventListener('keydown', event => {
      const slot = event.target.closest('.bk-slot');
      if (slot && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        openForm(slot);
      }
    });
    const week = await load();
    // The week's position was taken before it was read: following from it misses nothing.
    follow(week ? week.position : null);
  }

  start().catch(e => message('The calendar could not start: ' + e.message));
})();
