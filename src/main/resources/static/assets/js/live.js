// Live updates (ADR 020): who else has this case open or is typing a reply, new timeline entries
// without a reload, new cases in the inbox, and the question before a reply goes out over a newer
// customer message. Streams carry no text: pages fetch what changed through their usual routes.
(() => {
  "use strict";

  const headers = () => {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    } catch (e) {
      return {};
    }
  };

  // An EventSource that opens again after it failed for good (a refused or broken response).
  function stream(url, hook, handlers) {
    const live = { url, source: null, closed: false, wait: 2000, opened: false };
    // Tests and styles can tell whether the page is listening.
    const mark = (state) => {
      const element = hook();
      if (element) element.dataset.liveState = state;
    };
    const connect = () => {
      if (live.closed) return;
      const source = new EventSource(url);
      live.source = source;
      source.addEventListener("open", () => {
        live.wait = 2000;
        const again = live.opened;
        live.opened = true;
        mark("open");
        if (again && handlers.reopened) handlers.reopened();
      });
      source.addEventListener("error", () => {
        mark("connecting");
        if (source.readyState === EventSource.CLOSED && !live.closed) {
          setTimeout(connect, live.wait);
          live.wait = Math.min(live.wait * 2, 60000);
        }
      });
      Object.entries(handlers.events).forEach(([name, handle]) =>
        source.addEventListener(name, (event) => handle(event.data)),
      );
    };
    live.close = () => {
      live.closed = true;
      if (live.source) live.source.close();
    };
    connect();
    return live;
  }

  // ---- the case page ----------------------------------------------------------------------

  let onCase = null;

  function caseHook() {
    return document.querySelector("[data-live-case]");
  }

  function bindCase() {
    const hook = caseHook();
    if (!hook) {
      if (onCase) onCase.close();
      onCase = null;
      return;
    }
    if (!onCase || onCase.url !== hook.dataset.liveCase) {
      if (onCase) onCase.close();
      const state = { people: null, loading: false, again: false, typedAt: 0 };
      onCase = stream(hook.dataset.liveCase, caseHook, {
        events: {
          entry: () => refreshTimeline(),
          presence: (data) => {
            state.people = JSON.parse(data);
            showPeople();
          },
        },
        // Whatever was signalled while the stream was away is fetched now.
        reopened: () => refreshTimeline(),
      });
      onCase.state = state;
    }
    if (onCase.source && onCase.opened) hook.dataset.liveState = "open";
    showPeople();
    armReplyForm(hook);
  }

  function showPeople() {
    const hook = caseHook();
    if (!hook || !onCase) return;
    const people = onCase.state.people;
    if (!people || (people.viewing.length === 0 && people.typing.length === 0)) {
      hook.textContent = "";
      hook.hidden = true;
      return;
    }
    const say = (template, name) => template.replace("{0}", () => name);
    hook.textContent = people.typing
      .map((name) => say(hook.dataset.typing, name))
      .concat(people.viewing.map((name) => say(hook.dataset.viewing, name)))
      .join(" · ");
    hook.hidden = false;
  }

  // The timeline alone is fetched again: the composer, and whatever is typed in it, stays as it is.
  function refreshTimeline() {
    const hook = caseHook();
    const timeline = document.getElementById("timeline");
    if (!hook || !timeline || !onCase) return Promise.resolve();
    const state = onCase.state;
    if (state.loading) {
      state.again = true;
      return Promise.resolve();
    }
    state.loading = true;
    const known = new Set(Array.from(timeline.children, (entry) => entry.id));
    // One request at a time from the hook (htmx keeps one in flight per source element).
    return htmx
      .ajax("GET", hook.dataset.liveTimeline, { source: hook, target: "#timeline", swap: "outerHTML" })
      .then(() => {
        const fresh = document.getElementById("timeline");
        if (fresh) {
          Array.from(fresh.children)
            .filter((entry) => !known.has(entry.id))
            .forEach((entry) => entry.classList.add("live-new"));
        }
        // The mail details under the entries come by id, out of band, as on the page's first load.
        if (hook.dataset.liveMail) return htmx.ajax("GET", hook.dataset.liveMail, { source: hook, swap: "none" });
      })
      .finally(() => {
        state.loading = false;
        if (state.again) {
          state.again = false;
          refreshTimeline();
        }
      });
  }

  // The reply form says which entry the agent last saw, so that the server can ask before a reply
  // goes out over a message that came in since; the question appears inside the form.
  function armReplyForm(hook) {
    const form = document.querySelector('form[data-pane="reply"]');
    if (!form) return;
    let seen = form.querySelector('input[name="seen"]');
    if (!seen) {
      seen = document.createElement("input");
      seen.type = "hidden";
      seen.name = "seen";
      form.appendChild(seen);
    }
    seen.value = hook.dataset.liveSeen || "";
    if (!form.querySelector("#live-confirm")) {
      const slot = document.createElement("div");
      slot.id = "live-confirm";
      slot.className = "live-confirm";
      form.appendChild(slot);
    }
  }

  // While the agent types a reply, the others hear of it every few seconds.
  document.addEventListener("input", (event) => {
    const hook = caseHook();
    if (!hook || !onCase || !event.target.closest('form[data-pane="reply"]')) return;
    if (!event.target.matches("textarea")) return;
    const now = Date.now();
    if (now - onCase.state.typedAt < 3000) return;
    onCase.state.typedAt = now;
    fetch(hook.dataset.liveTyping, { method: "POST", headers: headers(), credentials: "same-origin" }).catch(
      () => {},
    );
  });

  // "Send anyway" sends the form again saying so, whichever button htmx counts as the submitter.
  document.addEventListener("click", (event) => {
    const anyway = event.target.closest('#live-confirm [name="confirmed"]');
    if (!anyway) return;
    const form = anyway.closest("form");
    if (form && !form.querySelector('input[name="confirmed"]')) {
      const confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "true";
      form.appendChild(confirmed);
    }
  });

  document.addEventListener("click", (event) => {
    const review = event.target.closest("[data-live-review]");
    if (!review) return;
    const question = review.closest("[data-seen]");
    const form = review.closest("form");
    const hook = caseHook();
    if (question && form) {
      // Read now: the next send goes without asking unless the customer writes again.
      form.querySelector('input[name="seen"]').value = question.dataset.seen;
      if (hook) hook.dataset.liveSeen = question.dataset.seen;
      question.remove();
      refreshTimeline().then(() => {
        const entry = document.getElementById("entry-" + question.dataset.seen);
        if (entry) {
          entry.setAttribute("tabindex", "-1");
          entry.scrollIntoView({ block: "center" });
          entry.focus();
        }
      });
    }
  });

  // "Send anyway" counts for that one send only.
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (form && form.matches && form.matches('form[data-pane="reply"]')) {
      const confirmed = form.querySelector('input[name="confirmed"]');
      if (confirmed) confirmed.remove();
    }
  });

  // The question takes the focus, so "Send anyway" is one key away.
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "live-confirm") {
      const first = event.detail.target.querySelector("button");
      if (first) first.focus();
    }
  });

  // ---- the inbox ---------------------------------------------------------------------------

  let onInbox = null;

  function inboxHook() {
    return document.querySelector("[data-live-inbox]");
  }

  function bindInbox() {
    const hook = inboxHook();
    if (!hook) {
      if (onInbox) onInbox.close();
      onInbox = null;
      return;
    }
    if (!onInbox) {
      const state = { after: null, counting: false, again: false };
      onInbox = stream(hook.dataset.liveInbox, inboxHook, {
        events: {
          // The newest case when the stream first opened: what is newer is new to this page.
          since: (data) => {
            if (state.after === null) state.after = Number(data);
          },
          cases: () => countNew(),
        },
        reopened: () => countNew(),
      });
      onInbox.state = state;
    } else if (onInbox.opened) {
      hook.dataset.liveState = "open";
    }
  }

  function countNew() {
    const hook = inboxHook();
    if (!hook || !onInbox || onInbox.state.after === null) return;
    const state = onInbox.state;
    if (state.counting) {
      state.again = true;
      return;
    }
    state.counting = true;
    const url = hook.dataset.liveNew + (hook.dataset.liveNew.includes("?") ? "&" : "?") + "after=" + state.after;
    htmx
      .ajax("GET", url, { source: hook, target: hook, swap: "innerHTML" })
      .then(() => {
        hook.hidden = !hook.querySelector("[data-live-show]");
      })
      .finally(() => {
        state.counting = false;
        if (state.again) {
          state.again = false;
          countNew();
        }
      });
  }

  document.addEventListener("click", (event) => {
    const show = event.target.closest("[data-live-show]");
    if (!show || !onInbox) return;
    const hook = inboxHook();
    const rows = hook.dataset.liveRows || "#rows";
    onInbox.state.after = Number(show.dataset.latest);
    hook.innerHTML = "";
    hook.hidden = true;
    htmx.ajax("GET", window.location.pathname + window.location.search, {
      source: rows,
      target: rows,
      select: rows,
      swap: "outerHTML",
    });
  });

  htmx.onLoad(() => {
    bindCase();
    bindInbox();
  });
})();
