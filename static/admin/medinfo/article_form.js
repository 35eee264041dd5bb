/* The article form's editing aids (templates/admin/medinfo/article/change_form.html):
 * - the slug follows the kind or title until the editor types one (medinfo.forms.suggested_slug
 *   fills it in on the server too);
 * - a warning before leaving with unsaved changes, but not when the form is submitted;
 * - autosave of the text fields every few seconds while they change, and on "Refresh preview",
 *   after which the preview beside the form reloads (medinfo.editing_admin);
 * - restoring or discarding an autosave newer than the saved draft;
 * - names for the autocomplete widgets' combo boxes and search fields, which Django's
 *   select2 leaves unnamed when nothing is chosen (screen readers announced "combo box").
 */
"use strict";

(function () {
  const TEXT_FIELDS = ["title", "lead", "body", "search_description"];
  const root = document.getElementById("medinfo-editor");
  if (!root) {
    return;
  }
  const form = root.closest("form");
  const status = form.querySelector("[data-autosave-status]");
  const frame = root.querySelector(".medinfo-live-preview-frame");
  const autosaveUrl = root.dataset.autosaveUrl;
  // A form shown again with errors holds text that was not saved.
  const refused = Boolean(form.querySelector(".errornote"));
  const state = { dirty: refused, textChanged: false, submitting: false, saving: false };

  function editor() {
    return window.CKEDITOR && window.CKEDITOR.instances.id_body;
  }

  function fieldValue(name) {
    if (name === "body" && editor()) {
      return editor().getData();
    }
    const field = form.elements.namedItem(name);
    return field ? field.value : "";
  }

  function setFieldValue(name, value) {
    if (name === "body" && editor()) {
      editor().setData(value);
      return;
    }
    const field = form.elements.namedItem(name);
    if (field) {
      field.value = value;
    }
  }

  function changed(isText) {
    state.dirty = true;
    state.textChanged = state.textChanged || isText;
  }

  function isTextField(element) {
    return Boolean(element && TEXT_FIELDS.includes(element.name));
  }

  form.addEventListener("input", (event) => changed(isTextField(event.target)));
  form.addEventListener("change", (event) => changed(isTextField(event.target)));
  form.addEventListener("submit", () => {
    state.submitting = true;
  });
  if (window.CKEDITOR) {
    window.CKEDITOR.on("instanceReady", (event) => {
      event.editor.on("change", () => changed(true));
    });
  }

  window.addEventListener("beforeunload", (event) => {
    if (state.dirty && !state.submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  function slugify(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, "")
      .trim()
      .replace(/[\s-]+/g, "-")
      .slice(0, 120)
      .replace(/^-+|-+$/g, "");
  }

  function followSlug() {
    const slug = form.elements.namedItem("slug");
    const kind = form.elements.namedItem("kind");
    const title = form.elements.namedItem("title");
    if (!slug || !kind || !title || slug.value !== "" || slug.type === "hidden") {
      return;
    }
    const titleKinds = (slug.dataset.titleKinds || "").split(" ");
    let typed = false;
    const suggest = () => {
      if (!typed) {
        slug.value = titleKinds.includes(kind.value) ? slugify(title.value) : kind.value;
      }
    };
    slug.addEventListener("input", () => {
      typed = slug.value !== "";
    });
    kind.addEventListener("change", suggest);
    title.addEventListener("input", suggest);
  }

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function post(data) {
    data.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
    return fetch(autosaveUrl, { method: "POST", body: data, credentials: "same-origin" });
  }

  async function autosave() {
    if (!autosaveUrl || state.saving || state.submitting) {
      return;
    }
    state.saving = true;
    state.textChanged = false;
    const data = new FormData();
    TEXT_FIELDS.forEach((name) => data.append(name, fieldValue(name)));
    data.append("draft_version", fieldValue("draft_version"));
    try {
      const response = await post(data);
      if (!response.ok) {
        throw new Error(`status ${response.status}`);
      }
      say(`Unsaved changes kept for the preview at ${clock(new Date())}.`);
      if (frame) {
        frame.src = frame.getAttribute("src");
      }
    } catch (error) {
      state.textChanged = true;
      say("Could not keep your changes for the preview; they are still in the form.");
    } finally {
      state.saving = false;
    }
  }

  function restorePanel() {
    const panel = form.querySelector("[data-restore-panel]");
    const data = document.getElementById("medinfo-autosave-restore");
    if (!panel || !data) {
      return;
    }
    const saved = JSON.parse(data.textContent);
    panel.querySelector("[data-restore]").addEventListener("click", () => {
      TEXT_FIELDS.forEach((name) => setFieldValue(name, saved[name] || ""));
      changed(true);
      panel.hidden = true;
      say("Your unsaved changes are back in the form. Save the draft to keep them.");
    });
    panel.querySelector("[data-discard]").addEventListener("click", () => {
      const discard = new FormData();
      discard.append("discard", "1");
      post(discard).then(() => {
        panel.hidden = true;
        if (frame) {
          frame.src = frame.getAttribute("src");
        }
      });
    });
  }

  function nameAutocompletes() {
    form.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const label = form.querySelector(`label[for="${select.id}"]`);
      const container = select.nextElementSibling;
      if (!label || !container) {
        return;
      }
      label.id = label.id || `${select.id}-label`;
      container.querySelectorAll("[role=combobox]").forEach((box) => {
        // The field's label, then the chosen value select2 names it by.
        const chosen = (box.getAttribute("aria-labelledby") || "").split(" ");
        if (!chosen.includes(label.id)) {
          box.setAttribute("aria-labelledby", [label.id, ...chosen].join(" ").trim());
        }
      });
      container.querySelectorAll("[role=textbox], .select2-search__field").forEach((search) => {
        if (search.getAttribute("aria-labelledby") !== label.id) {
          search.setAttribute("aria-labelledby", label.id);
        }
      });
    });
  }

  followSlug();
  restorePanel();
  // Django's autocomplete.js builds the widgets when the document is ready, and select2 may
  // build them again later: name them whenever the form's elements change.
  nameAutocompletes();
  new MutationObserver(nameAutocompletes).observe(form, { childList: true, subtree: true });
  if (autosaveUrl) {
    const seconds = Number(root.dataset.autosaveSeconds) || 10;
    window.setInterval(() => {
      if (state.textChanged) {
        autosave();
      }
    }, seconds * 1000);
    const refresh = form.querySelector("[data-refresh-preview]");
    if (refresh) {
      refresh.addEventListener("click", autosave);
    }
  }
})();
