// Lean L&D Playbook: worksheets that participants fill in online.
//
// Everything prints without this script (blank sheets). With it, answers typed into a sheet
// are kept in this browser's localStorage, one entry per sheet, and never sent anywhere; they
// come back after a reload, print in full, move between devices as a file, and the Clear
// button empties them.
//
// Answers are kept by prompt, with the fingerprint of the prompt they answer (its
// `data-version`, worked out from the question and the shape of its answer). When a prompt
// changes, or leaves the sheet, its answers are not shown as answers to the new question:
// they are offered under it (or at the end of the sheet) to put back or discard, and kept
// until the participant does one or the other.
(function () {
  "use strict";

  var PREFIX = "lean-ld-playbook:answers:";
  var FORMAT = 2;  // of a stored entry and a saved file; format 1 kept a flat map of field names
  var FILE_KIND = "lean-ld-playbook answers";
  var FIELDS = "input[name], textarea[name]";
  var TEXT_FIELDS = "textarea[name], input[type='text'][name]";
  var WHO = "@who";  // the name and date at the top of a sheet: no prompt, no version

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // --- Where answers are kept ------------------------------------------------------------

  // Answers are stored per site (its base path) and per sheet, so that two playbooks served
  // from the same origin do not mix up; an exercise's worksheet and a pack showing the same
  // sheet share its answers, so what a participant typed on either prints on both.
  function storageKey(sheet) {
    var base = "/";
    var config = document.getElementById("__config");
    try {
      if (config) base = new URL(JSON.parse(config.textContent).base || ".", location.href).pathname;
    } catch (error) { /* keep "/" */ }
    return PREFIX + base + sheet.getAttribute("data-sheet");
  }

  // localStorage throws when the browser forbids it (private modes, blocked cookies).
  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  // --- A sheet's prompts and fields ------------------------------------------------------

  function questionText(element) {
    if (!element) return "";
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, .pb-prompt__number").forEach(function (extra) { extra.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function titleOf(sheet) {
    return questionText(sheet.querySelector(".pb-sheet__header h1, .pb-sheet__header h2"));
  }

  // What the sheet asks now, by prompt id: its version, its question and its element.
  function promptsOf(sheet) {
    var asked = {};
    asked[WHO] = { version: "", question: "Name and date", number: "", element: sheet.querySelector(".pb-sheet__who") };
    sheet.querySelectorAll("[data-prompt]").forEach(function (section) {
      var number = section.querySelector(".pb-prompt__number");
      asked[section.getAttribute("data-prompt")] = {
        version: section.getAttribute("data-version"),
        question: questionText(section.querySelector(".pb-prompt__question")),
        number: number ? number.textContent.replace(".", "") : "",
        element: section,
      };
    });
    return asked;
  }

  // The prompt a field answers, and its slot in the answer: "" for a single box, ".3" for the
  // third item of a list, ".2.3" for row 2, column 3 of a table, ".comment", ".mark".
  function placeOf(sheet, field) {
    var key = sheet.getAttribute("data-sheet");
    var section = field.closest("[data-prompt]");
    if (!section) return { prompt: WHO, slot: field.name.slice(key.length) };
    return { prompt: section.getAttribute("data-prompt"), slot: field.name.slice(key.length + 1 + section.getAttribute("data-prompt").length) };
  }

  function valueOf(field) {
    if (field.type === "checkbox") return field.checked ? true : null;
    if (field.type === "radio") return field.checked ? field.value : null;
    return field.value ? field.value : null;
  }

  function setValue(field, answer) {
    if (field.type === "checkbox") field.checked = answer === true;
    else if (field.type === "radio") field.checked = answer === field.value;
    else field.value = typeof answer === "string" ? answer : "";
    mirror(field);
  }

  // The answers on the sheet, by prompt, each with the version and question they answer.
  function collect(sheet) {
    var asked = promptsOf(sheet);
    var groups = {};
    sheet.querySelectorAll(FIELDS).forEach(function (field) {
      var value = valueOf(field);
      if (value === null) return;
      var place = placeOf(sheet, field);
      var prompt = asked[place.prompt];
      if (!has(groups, place.prompt)) groups[place.prompt] = { version: prompt.version, question: prompt.question, answers: {} };
      groups[place.prompt].answers[place.slot] = value;
    });
    return groups;
  }

  // Fill in every field from answers to the prompts' current versions, and empty the others.
  function show(sheet, groups) {
    sheet.querySelectorAll(FIELDS).forEach(function (field) {
      var place = placeOf(sheet, field);
      var group = has(groups, place.prompt) ? groups[place.prompt] : null;
      setValue(field, group && has(group.answers, place.slot) ? group.answers[place.slot] : null);
    });
  }

  // Stored or opened data is untrusted: keep answers that are text or a tick, nothing else.
  function cleanGroup(id, group) {
    if (!group || typeof group !== "object" || !group.answers || typeof group.answers !== "object") return null;
    var answers = {};
    Object.keys(group.answers).forEach(function (slot) {
      var value = group.answers[slot];
      if (typeof value === "string" || value === true) answers[slot] = value;
    });
    if (!Object.keys(answers).length) return null;
    return {
      id: String(id),
      version: typeof group.version === "string" ? group.version : null,
      question: typeof group.question === "string" ? group.question : "",
      answers: answers,
    };
  }

  // Answers to the prompts as they are now, to show; the rest join `earlier`, to offer.
  function sortOut(sheet, groups, earlier) {
    var asked = promptsOf(sheet);
    var current = {};
    Object.keys(groups && typeof groups === "object" ? groups : {}).forEach(function (id) {
      var group = cleanGroup(id, groups[id]);
      if (!group) return;
      if (has(asked, id) && asked[id].version === group.version) current[id] = group;
      else earlier.push(group);
    });
    return current;
  }

  function cleanEarlier(list) {
    return (Array.isArray(list) ? list : []).map(function (group) {
      return group && typeof group === "object" ? cleanGroup(group.id, group) : null;
    }).filter(Boolean);
  }

  // --- One sheet on the page ---------------------------------------------------------------

  function Sheet(element, store, page) {
    this.element = element;
    this.key = element.getAttribute("data-sheet");
    this.store = store;
    this.page = page;
    this.earlier = [];  // answers to earlier versions of prompts, offered until used or discarded
  }

  Sheet.prototype.load = function () {
    var entry = null;
    if (this.store) {
      try {
        entry = JSON.parse(this.store.getItem(storageKey(this.element)) || "null");
      } catch (error) {
        entry = null;  // a damaged entry must not stop the sheet from working
      }
    }
    this.earlier = [];
    var groups = {};
    if (entry && typeof entry === "object" && entry.format === FORMAT) {
      this.earlier = cleanEarlier(entry.earlier);
      groups = entry.prompts;
    } else if (entry && typeof entry === "object") {
      groups = this.fromFieldNames(entry);
    }
    show(this.element, sortOut(this.element, groups, this.earlier));
    this.offer();
  };

  // Format 1 kept answers by field name with no version: the name and date come back as they
  // were, every other answer is offered, as its question may have changed since.
  Sheet.prototype.fromFieldNames = function (flat) {
    var key = this.key;
    var groups = {};
    Object.keys(flat).forEach(function (name) {
      if (name.indexOf(key + ".") !== 0) return;
      var rest = name.slice(key.length + 1);
      var who = rest === "name" || rest === "date";
      var id = who ? WHO : rest.split(".")[0];
      if (!has(groups, id)) groups[id] = { version: who ? "" : null, question: "", answers: {} };
      groups[id].answers[who ? "." + rest : rest.slice(id.length)] = flat[name];
    });
    return groups;
  };

  Sheet.prototype.hasAnswers = function () {
    return Object.keys(collect(this.element)).length > 0 || this.earlier.length > 0;
  };

  Sheet.prototype.save = function () {
    if (!this.store) return;
    var key = storageKey(this.element);
    var entry = { format: FORMAT, prompts: collect(this.element), earlier: this.earlier };
    if (!Object.keys(entry.prompts).length && !entry.earlier.length) {
      this.store.removeItem(key);
      return;
    }
    if (this.tryToStore(key, entry)) {
      if (this.full) this.page.say("");
      this.full = false;
      return;
    }
    // The store is full (or refused): keep the prompts that fit, in order, and say which did not.
    var kept = { format: FORMAT, prompts: {}, earlier: [] };
    var left = [];
    var self = this;
    Object.keys(entry.prompts).forEach(function (id) {
      kept.prompts[id] = entry.prompts[id];
      if (!self.tryToStore(key, kept)) {
        delete kept.prompts[id];
        left.push(entry.prompts[id].question);
      }
    });
    entry.earlier.forEach(function (group) {
      kept.earlier.push(group);
      if (!self.tryToStore(key, kept)) {
        kept.earlier.pop();
        left.push(group.question || "an earlier answer");
      }
    });
    this.full = true;
    this.page.say(
      "This browser has no room left to keep all your answers: the answers to " + left.map(quote).join(", ") +
      " are on screen but not kept. Save your answers to a file, or print the sheet, before you leave this page."
    );
  };

  Sheet.prototype.tryToStore = function (key, entry) {
    try {
      this.store.setItem(key, JSON.stringify(entry));
      return true;
    } catch (error) {
      return false;  // QuotaExceededError, or storage switched off since the page loaded
    }
  };

  Sheet.prototype.clear = function () {
    if (this.store) this.store.removeItem(storageKey(this.element));
    this.earlier = [];
    show(this.element, {});
    this.offer();
  };

  // Replace the sheet's answers with those of a saved file; says how many were offered instead.
  Sheet.prototype.replaceWith = function (saved) {
    this.earlier = cleanEarlier(saved.earlier);
    var before = this.earlier.length;
    show(this.element, sortOut(this.element, saved.prompts, this.earlier));
    this.save();
    this.offer();
    return this.earlier.length - before;
  };

  Sheet.prototype.asSaved = function () {
    return {
      title: titleOf(this.element),
      version: this.element.getAttribute("data-version"),
      prompts: collect(this.element),
      earlier: this.earlier,
    };
  };

  // --- Answers to earlier versions of prompts, offered on screen ---------------------------

  function describe(slot, value) {
    var where = "";
    var parts = slot.split(".").slice(1);
    if (slot === ".mark") return "Circled item " + value;
    if (slot === ".comment") where = "Comment";
    else if (slot === ".name" || slot === ".date") where = slot.charAt(1).toUpperCase() + slot.slice(2);
    else if (parts.length === 1) where = "Item " + parts[0];
    else if (parts.length === 2) where = "Row " + parts[0] + ", column " + parts[1];
    var text = value === true ? "ticked" : value;
    return where ? where + ": " + text : text;
  }

  function quote(text) {
    return "\u201c" + text + "\u201d";
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function button(text, action) {
    var made = element("button", "md-button pb-offer__button", text);
    made.type = "button";
    made.addEventListener("click", action);
    return made;
  }

  Sheet.prototype.offer = function () {
    var self = this;
    this.element.querySelectorAll(".pb-offer").forEach(function (box) { box.remove(); });
    var asked = promptsOf(this.element);
    var footer = this.element.querySelector(".pb-sheet__footer");
    this.earlier.forEach(function (group) {
      var prompt = has(asked, group.id) ? asked[group.id] : null;
      var box = element("div", "pb-offer");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Earlier answers");
      var intro = prompt
        ? "This question has changed since these answers were written" +
          (group.question && group.question !== prompt.question ? " (to " + quote(group.question) + ")" : "") +
          ". They are not shown as answers to the new question: put them back if they still fit, or discard them."
        : "This sheet no longer asks " + (group.question ? quote(group.question) : "a question you answered") +
          ". Your answers to it are kept here until you discard them; copy what you need first.";
      box.appendChild(element("p", "pb-offer__intro", intro));
      var list = element("ul", "pb-offer__answers");
      Object.keys(group.answers).forEach(function (slot) {
        list.appendChild(element("li", "", describe(slot, group.answers[slot])));
      });
      box.appendChild(list);
      var actions = element("p", "pb-offer__actions");
      if (prompt) actions.appendChild(button("Put them back", function () { self.putBack(group, prompt); }));
      actions.appendChild(button("Discard them", function () { self.discard(group); }));
      box.appendChild(actions);
      if (prompt && prompt.element) prompt.element.appendChild(box);
      else self.element.insertBefore(box, footer);
    });
  };

  // Earlier answers into the fields of the prompt as it is now, slot by slot; text joins what
  // is already typed. Answers whose slot is gone (a removed column) stay on offer.
  Sheet.prototype.putBack = function (group, prompt) {
    var name = this.key + "." + group.id;
    var left = {};
    var fields = prompt.element.querySelectorAll(FIELDS);
    Object.keys(group.answers).forEach(function (slot) {
      var value = group.answers[slot];
      var targets = Array.prototype.filter.call(fields, function (field) {
        return field.name === name + slot && (field.type !== "radio" || field.value === value);
      });
      if (!targets.length) {
        left[slot] = value;
        return;
      }
      var field = targets[0];
      if (field.type === "checkbox" || field.type === "radio") field.checked = true;
      else field.value = field.value && field.value !== value ? field.value + "\n" + value : value;
      mirror(field);
    });
    var index = this.earlier.indexOf(group);
    if (Object.keys(left).length) this.earlier[index] = { id: group.id, version: group.version, question: group.question, answers: left };
    else this.earlier.splice(index, 1);
    this.save();
    this.offer();
    this.page.say(
      "Your earlier answers are back in question " + prompt.number + ": check that they still answer it." +
      (Object.keys(left).length ? " Some had no place in the question as it is now, and are still offered under it." : "")
    );
  };

  Sheet.prototype.discard = function (group) {
    this.earlier.splice(this.earlier.indexOf(group), 1);
    this.save();
    this.offer();
    this.page.say("Discarded those earlier answers.");
  };

  // --- Mirrors: what prints in place of a text field ----------------------------------------

  // A print-only copy of a text field that grows with its text (see playbook.css).
  function mirror(field) {
    if (!field.matches(TEXT_FIELDS)) return;
    var copy = field.nextElementSibling;
    if (!copy || !copy.classList.contains("pb-mirror")) {
      copy = document.createElement("div");
      copy.className = "pb-mirror" + (field.classList.contains("pb-lines") ? " pb-mirror--lines" : "");
      copy.setAttribute("aria-hidden", "true");
      var lines = field.style.getPropertyValue("--pb-lines");
      if (lines) copy.style.setProperty("--pb-lines", lines);
      field.after(copy);
      field.classList.add("pb-mirrored");
    }
    copy.textContent = field.value;
  }

  // --- Paper: writing space that fills each page, and double-sided packs --------------------
  //
  // Browsers tell a page nothing of how it will paginate, so the sheets are laid out here as on
  // paper: this stylesheet's print rules switched on for a moment, at the paper's content width,
  // and the pages worked out by the rules print follows (each sheet starts a page, a prompt
  // never splits, a phase heading stays with its prompt). No paint happens in between. Then
  //  - the prompts of each page share the room left at its foot as extra ruled lines, table
  //    rows or list lines (print only: on screen fields keep the size their author gave), so
  //    that a sheet's last page is not left half blank while its prompts are cramped, and a
  //    last page that would hold a prompt or two alone takes more from the page before. This
  //    is worked out for A4 and for US Letter, and the stylesheet picks by the paper printed on;
  //  - double-sided, a blank page follows each sheet (and the cover) that ends on a right-hand
  //    page, so that every sheet starts on one.
  var MM = 96 / 25.4;  // CSS pixels per millimetre
  var PAPER_MM = { a4: [210, 297], letter: [215.9, 279.4] };
  var MARGIN_MM = { top: 14, bottom: 20, sides: 15 };  // as the @page rule of playbook.css
  var LINE_MM = 8;  // one ruled line on paper (--pb-line)
  var SPARE_MM = 8;  // left free at the foot of each page: browsers differ by a line here and there
  var PRINT_RULES = /(^|\/)playbook\.css([?#]|$)/;

  function contentMm(paper) {
    var size = PAPER_MM[paper];
    return { width: size[0] - 2 * MARGIN_MM.sides, height: size[1] - MARGIN_MM.top - MARGIN_MM.bottom };
  }

  // Run `measure` with this site's print rules applied on screen, at the paper's content width.
  function asOnPaper(paper, measure) {
    var switched = [];
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      if (!sheet.href || !PRINT_RULES.test(sheet.href)) return;
      var rules;
      try {
        rules = sheet.cssRules;
      } catch (error) {
        return;
      }
      Array.prototype.forEach.call(rules, function (rule) {
        if (!rule.media) return;
        var text = rule.media.mediaText;
        if (text === "print") rule.media.mediaText = "all";
        else if (text === "screen") rule.media.mediaText = "not all";
        else return;
        switched.push([rule, text]);
      });
    });
    var content = document.querySelector(".md-content") || document.body;
    var width = content.style.width;
    content.style.width = contentMm(paper).width + "mm";
    try {
      return switched.length ? measure() : null;
    } finally {
      content.style.width = width;
      switched.forEach(function (pair) { pair[0].media.mediaText = pair[1]; });
    }
  }

  function shown(node) {
    return node.getClientRects().length > 0;
  }

  // What must stay together on paper, in order: the sheet's header, its introduction, each
  // prompt with the phase heading that opens it; a cover's parts, each agenda session whole.
  function blocksOf(part) {
    var blocks = [];
    var heading = null;
    Array.prototype.forEach.call(part.children, function (child) {
      if (!shown(child)) return;
      if (child.classList.contains("pb-sheet__section")) {
        heading = child;
        return;
      }
      var table = child.matches("table.pb-agenda") ? child : child.querySelector(":scope > table.pb-agenda");
      if (table) {
        Array.prototype.forEach.call(table.tBodies, function (body) { blocks.push({ top: body, bottom: body, prompt: null }); });
        return;
      }
      blocks.push({ top: heading || child, bottom: child, prompt: child.classList.contains("pb-prompt") ? child : null });
      heading = null;
    });
    return blocks;
  }

  // The pages a sheet or cover takes: each a list of its blocks and the room left at its foot.
  function paginate(part, pageHeight) {
    var pages = [];
    var page = null;
    var end = 0;
    var start = part.getBoundingClientRect().top;
    blocksOf(part).forEach(function (block) {
      var top = block.top.getBoundingClientRect().top;
      var bottom = block.bottom.getBoundingClientRect().bottom;
      var height = bottom - top;
      block.height = height;
      block.gap = top - end;  // the margin above it, when it follows another block on its page
      if (page && page.used + block.gap + height <= pageHeight) {
        page.used += block.gap + height;
      } else {
        if (!page) height += top - start;  // a new page drops the margin above a block, not the first
        for (; height > pageHeight; height -= pageHeight) pages.push({ blocks: [], used: pageHeight });
        page = { blocks: [], used: height };
        pages.push(page);
      }
      page.blocks.push(block);
      end = bottom;
    });
    pages.forEach(function (each) { each.left = pageHeight - each.used; });
    return pages;
  }

  // A last page more than a third blank after a full one: the sheet's last prompt or two spilled
  // over. The last page takes prompts from the end of the page before, for as long as it still
  // has as much room left as that page, so that the prompts of both pages get room to write,
  // instead of the first page's staying cramped above a page of nothing. Returns the block that
  // now starts the last page, or null.
  function balance(pages, pageHeight) {
    var last = pages[pages.length - 1];
    var before = pages[pages.length - 2];
    if (!before || last.left <= pageHeight / 3) return null;
    var start = null;
    while (before.blocks.length > 1 && before.blocks[before.blocks.length - 1].prompt) {
      var block = before.blocks[before.blocks.length - 1];
      var freed = block.gap + block.height;
      var taken = block.height + last.blocks[0].gap;
      if (last.left - taken < before.left + freed) break;
      last.blocks.unshift(before.blocks.pop());
      before.left += freed;
      last.left -= taken;
      start = block;
    }
    return start;
  }

  // The ways a prompt can take more room: each step a line of 8 mm for each of `count` places
  // (its ruled box, each row of its table, each item of its list), up to `most` times its lines.
  function growthOf(prompt) {
    var lines = prompt.querySelectorAll("textarea.pb-lines");
    if (lines.length === 1) return { asked: Number(lines[0].getAttribute("rows")), count: 1, most: 6 };
    var table = prompt.querySelector("table.pb-table");
    if (table) {
      return { asked: Number(table.style.getPropertyValue("--pb-row-lines")) || 1, count: table.tBodies[0].rows.length, most: 3 };
    }
    var list = prompt.querySelector("ol.pb-list");
    if (list) return { asked: 1, count: list.children.length, most: 2, roomy: true };
    return null;
  }

  // Share the room left at the foot of a page among its prompts, a line at a time, to the one
  // with the least room for what it asked. Adds to `lines` the lines each growing prompt gets.
  function share(page, spare, lines) {
    var growing = page.blocks.filter(function (block) { return block.prompt && growthOf(block.prompt); })
      .map(function (block) { var growth = growthOf(block.prompt); return { prompt: block.prompt, growth: growth, lines: growth.asked }; });
    var room = page.left - spare;
    for (;;) {
      var fits = growing.filter(function (each) {
        return each.lines < each.growth.asked * each.growth.most && each.growth.count * LINE_MM * MM <= room;
      });
      if (!fits.length) break;
      fits.sort(function (a, b) { return a.lines / a.growth.asked - b.lines / b.growth.asked; });
      fits[0].lines += 1;
      room -= fits[0].growth.count * LINE_MM * MM;
    }
    growing.forEach(function (each) { lines.set(each.prompt, each); });
  }

  var FIT = { a4: "--pb-fit-a4", letter: "--pb-fit-letter", any: "--pb-fit-any" };
  var BREAK = { a4: "--pb-break-a4", letter: "--pb-break-letter" };

  function unfit(root) {
    root.querySelectorAll(".pb-prompt, .pb-sheet__section").forEach(function (element) {
      Object.keys(FIT).forEach(function (paper) { element.style.removeProperty(FIT[paper]); });
      Object.keys(BREAK).forEach(function (paper) { element.style.removeProperty(BREAK[paper]); });
      element.classList.remove("pb-prompt--roomy");
    });
  }

  // The writing space each prompt gets on this paper, from the sheets as their author sized them,
  // and where a sheet's last page must start on it (see `balance`).
  function fitOn(paper, sheets) {
    var lines = new Map();
    asOnPaper(paper, function () {
      var pageHeight = contentMm(paper).height * MM;
      sheets.forEach(function (sheet) {
        var pages = paginate(sheet, pageHeight);
        var start = balance(pages, pageHeight);
        if (start) start.top.style.setProperty(BREAK[paper], "page");
        pages.forEach(function (page) { share(page, SPARE_MM * MM, lines); });
      });
    });
    return lines;
  }

  // The printer's paper is not known here, but the stylesheet tells A4 from US Letter when it
  // prints (by the size of the page: see playbook.css). Each prompt is given its lines on each of
  // the two, as their own pages have room, and for any other paper the smaller of the two.
  function fitToPaper() {
    var sheets = Array.prototype.slice.call(document.querySelectorAll(".pb-sheet"));
    if (!sheets.length) return;
    unfit(document);
    var fits = { a4: fitOn("a4", sheets), letter: fitOn("letter", sheets) };
    fits.a4.forEach(function (each, prompt) {
      var asked = each.growth.asked;
      var lines = { a4: each.lines, letter: fits.letter.has(prompt) ? fits.letter.get(prompt).lines : asked };
      lines.any = Math.min(lines.a4, lines.letter);
      if (lines.a4 === asked && lines.letter === asked) return;
      Object.keys(FIT).forEach(function (paper) { prompt.style.setProperty(FIT[paper], String(lines[paper])); });
      if (each.growth.roomy) prompt.classList.add("pb-prompt--roomy");
    });
  }

  // How many pages each sheet, and a pack's cover, take on this paper, in order.
  function pageCounts(paper) {
    return asOnPaper(paper, function () {
      var pageHeight = contentMm(paper).height * MM;
      return Array.prototype.map.call(document.querySelectorAll(".pb-cover, .pb-sheet"), function (part) {
        return { part: part, pages: paginate(part, pageHeight).length };
      });
    }) || [];
  }

  // Double-sided on this paper: every sheet starts on a right-hand page. Returns the undo.
  function duplex(paper) {
    var root = document.documentElement;
    var size = element("style", "pb-duplex-paper", "@page { size: " + (paper === "letter" ? "letter" : "A4") + "; }");
    document.head.appendChild(size);
    root.classList.add("pb-duplex");
    var page = 1;  // where the next part starts
    var counts = pageCounts(paper);
    counts.forEach(function (count, i) {
      page += count.pages;
      if (page % 2 === 0 && i < counts.length - 1) {
        var blank = element("div", "pb-blank-page");
        blank.setAttribute("aria-hidden", "true");
        count.part.after(blank);
        page += 1;
      }
    });
    return function () {
      document.querySelectorAll(".pb-blank-page").forEach(function (blank) { blank.remove(); });
      root.classList.remove("pb-duplex");
      size.remove();
    };
  }
  window.playbookDuplex = duplex;  // for `playbook pdf --duplex`

  // --- The page: its sheets and its buttons -------------------------------------------------

  function Page(toolbar, store) {
    this.toolbar = toolbar;
    this.store = store;
    this.status = toolbar ? toolbar.querySelector(".pb-toolbar__status") : null;
    this.sheets = [];
  }

  Page.prototype.say = function (message) {
    if (this.status) this.status.textContent = message;
  };

  Page.prototype.saveFile = function () {
    var name = (this.toolbar && this.toolbar.getAttribute("data-answers-file")) || "answers.json";
    if (!this.sheets.some(function (sheet) { return sheet.hasAnswers(); })) {
      this.say("There are no answers to save yet.");
      return;
    }
    var data = { format: FILE_KIND, version: FORMAT, saved: new Date().toISOString(), sheets: {} };
    this.sheets.forEach(function (sheet) { data.sheets[sheet.key] = sheet.asSaved(); });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    this.say("Your answers are saved as " + name + " (in your downloads). Open it on this sheet, on any device, to bring them back.");
  };

  Page.prototype.openFile = function (file) {
    var self = this;
    file.text().then(function (text) {
      var data = null;
      try {
        data = JSON.parse(text);
      } catch (error) { /* not JSON: refused below */ }
      if (!data || typeof data !== "object" || data.format !== FILE_KIND || !data.sheets || typeof data.sheets !== "object") {
        self.say(quote(file.name) + " is not a file of answers saved from this playbook: nothing was changed.");
        return;
      }
      if (data.version !== FORMAT) {
        self.say(quote(file.name) + " was saved by another version of the playbook, which this page cannot read: nothing was changed.");
        return;
      }
      var here = self.sheets.filter(function (sheet) { return has(data.sheets, sheet.key); });
      var elsewhere = Object.keys(data.sheets).filter(function (key) {
        return !self.sheets.some(function (sheet) { return sheet.key === key; });
      }).map(function (key) {
        var saved = data.sheets[key];
        return quote(saved && typeof saved.title === "string" && saved.title ? saved.title : key);
      });
      if (!here.length) {
        self.say(quote(file.name) + " holds answers to " + elsewhere.join(", ") + ", not to this sheet: nothing was changed.");
        return;
      }
      if (here.some(function (sheet) { return sheet.hasAnswers(); }) &&
          !window.confirm("Replace the answers on this page with those in " + quote(file.name) + "?")) return;
      var offered = 0;
      var older = false;
      here.forEach(function (sheet) {
        var saved = data.sheets[sheet.key] || {};
        older = older || saved.version !== sheet.element.getAttribute("data-version");
        offered += sheet.replaceWith(saved);
      });
      self.say(
        "Opened the answers in " + quote(file.name) + "." +
        (older ? " They were saved from an earlier version of this sheet: answers to questions that have not changed are back in place." : "") +
        (offered ? " " + offered + (offered === 1 ? " answer was" : " answers were") +
          " written for a question that has changed or gone since: each is offered under its question, or at the end of the sheet, to put back or discard." : "") +
        (elsewhere.length ? " The file also holds answers to " + elsewhere.join(", ") + ", which are not on this page." : "")
      );
    });
  };

  Page.prototype.clear = function () {
    if (!window.confirm("Clear your answers on this page? They are kept only in this browser: save them to a file first to keep a copy.")) return;
    this.sheets.forEach(function (sheet) { sheet.clear(); });
    this.say("Your answers on this page are cleared.");
  };

  function ready(element) {
    if (!element || element.hasAttribute("data-pb-ready")) return false;
    element.setAttribute("data-pb-ready", "");
    element.hidden = false;
    return true;
  }

  Page.prototype.setUpButtons = function () {
    var self = this;
    var toolbar = this.toolbar;
    if (!toolbar) return;
    var print = toolbar.querySelector(".pb-print");
    if (ready(print)) print.addEventListener("click", function () { window.print(); });
    var save = toolbar.querySelector(".pb-save");
    if (ready(save)) save.addEventListener("click", function () { self.saveFile(); });
    var open = toolbar.querySelector(".pb-open");
    if (ready(open)) {
      var chooser = element("input");
      chooser.type = "file";
      chooser.accept = ".json,application/json";
      chooser.hidden = true;
      chooser.className = "pb-open__file";
      chooser.addEventListener("change", function () {
        if (chooser.files && chooser.files[0]) self.openFile(chooser.files[0]);
        chooser.value = "";
      });
      open.after(chooser);
      open.addEventListener("click", function () { chooser.click(); });
    }
    var note = toolbar.querySelector(".pb-toolbar__note");
    if (ready(note) && !this.store) {
      note.textContent = "This browser does not let the sheet keep your answers: save them to a file or print " +
        "the sheet before you leave this page. They are never sent anywhere.";
    }
    toolbar.querySelectorAll(".pb-print-duplex").forEach(function (button) {
      if (!ready(button)) return;
      button.addEventListener("click", function () {
        var undo = duplex(button.getAttribute("data-paper"));
        try {
          window.print();  // returns once the print dialog is closed
        } finally {
          undo();
        }
      });
    });
    if (!this.store) return;  // nothing is kept, so there is nothing to clear
    var clear = toolbar.querySelector(".pb-clear");
    if (ready(clear)) clear.addEventListener("click", function () { self.clear(); });
  };

  function init() {
    var elements = Array.prototype.slice.call(document.querySelectorAll(".pb-sheet[data-sheet]"));
    if (!elements.length || elements[0].hasAttribute("data-pb-ready")) return;
    var page = new Page(document.querySelector(".pb-toolbar"), storage());
    elements.forEach(function (element) {
      element.setAttribute("data-pb-ready", "");
      var sheet = new Sheet(element, page.store, page);
      page.sheets.push(sheet);
      sheet.load();
      function changed(event) {
        if (event.target.matches && event.target.matches(FIELDS)) {
          mirror(event.target);
          sheet.save();
        }
      }
      element.addEventListener("input", changed);
      element.addEventListener("change", changed);
    });
    page.setUpButtons();
    fitToPaper();
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitToPaper);
  }

  // Autofill and form restoration change fields without input events: refresh the mirrors,
  // and the writing space, which answers that run long take from.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".pb-sheet " + TEXT_FIELDS).forEach(mirror);
    fitToPaper();
  });

  // With Material's instant navigation, pages arrive without a reload and document$ announces
  // each one (the first included); without it, the page loads once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* The exercise index: filter the exercises by principle, stage, length and group size, in the
   page itself (nothing is fetched). The rows say it all in their cells: stage, minutes, and the
   group size as "min–max"; a principle's heading and table hide when none of its rows is left. */
(() => {
  "use strict";

  function init() {
    const form = document.querySelector("form.pb-filter");
    const index = document.querySelector(".pb-exercise-index");
    if (!form || !index) return;
    const tables = Array.from(index.querySelectorAll("table"));
    const rows = tables.flatMap((table) => {
      const heading = sectionHeading(table);
      const columns = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
      return Array.from(table.querySelectorAll("tbody tr")).map((row) => {
        const cell = (name) => row.cells[columns.indexOf(name)]?.textContent.trim() ?? "";
        const [low, high] = cell("Group").split("–").map(Number);
        return {
          row,
          table,
          principle: heading ? heading.textContent.replace(/¶$/, "").trim() : "",
          stage: cell("Stage"),
          minutes: parseInt(cell("Time"), 10),
          low,
          high,
        };
      });
    });

    function matches(item, wanted) {
      if (wanted.principle && item.principle !== wanted.principle) return false;
      if (wanted.stage && item.stage !== wanted.stage) return false;
      if (wanted.minutes === 91 && !(item.minutes > 90)) return false;
      if (wanted.minutes && wanted.minutes !== 91 && !(item.minutes <= wanted.minutes)) return false;
      if (wanted.people && !(item.low <= wanted.people && wanted.people <= item.high)) return false;
      return true;
    }

    function apply() {
      const wanted = {
        principle: form.elements.principle.value,
        stage: form.elements.stage.value,
        minutes: Number(form.elements.minutes.value) || 0,
        people: Number(form.elements.people.value) || 0,
      };
      let shown = 0;
      for (const item of rows) {
        const keep = matches(item, wanted);
        item.row.hidden = !keep;
        if (keep) shown += 1;
      }
      for (const table of tables) {
        const any = Array.from(table.querySelectorAll("tbody tr")).some((row) => !row.hidden);
        const wrapper = table.closest(".md-typeset__scrollwrap") || table;
        wrapper.hidden = !any;
        const heading = sectionHeading(table);
        if (heading) heading.hidden = !any;
      }
      form.querySelector(".pb-filter__count").textContent =
        shown === rows.length ? `All ${rows.length} exercises` : `${shown} of ${rows.length} exercises`;
    }

    form.addEventListener("input", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  // The h2 that heads a principle's table: the nearest heading before it.
  function sectionHeading(table) {
    let node = table.closest(".md-typeset__scrollwrap") || table;
    while ((node = node.previousElementSibling)) {
      if (node.tagName === "H2") return node;
    }
    return null;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Material's menu drawer by keyboard, on a small screen. The drawer's button in the header, the
   labels that open a section's panel and each panel's way back (its title, "< Exercises") are
   labels that only a pointer can use: they become buttons that Tab reaches and Enter or Space
   presses (playbook.css hides the closed drawer and covered panels from Tab). The focus follows what the reader opens: into the
   drawer, into a panel, back to the item that opened it. Escape, or the focus leaving the
   drawer, closes it, so that what the reader tabs on to is not under it. On a wide screen
   these labels are not shown, and so are not reached. */
(() => {
  "use strict";

  const OPENER = 'label.md-header__button[for="__drawer"]';
  const SMALL = window.matchMedia("(max-width: 76.2344em)");  // Material's drawer layout
  const BACK = ".md-nav--primary .md-nav__item--nested > .md-nav > label.md-nav__title";
  const shown = (element) =>
    element.checkVisibility ? element.checkVisibility({ visibilityProperty: true }) : element.offsetParent !== null;

  function asButton(label, name) {
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    // Material's own keys press a focused label on Enter; Space is a button's other key.
    label.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  }

  function init() {
    const drawer = document.getElementById("__drawer");
    const sidebar = document.querySelector(".md-sidebar--primary");
    const opener = document.querySelector(OPENER);
    if (!drawer || !sidebar || !opener) return;
    asButton(opener, "Menu");
    opener.setAttribute("aria-expanded", String(drawer.checked));
    for (const back of sidebar.querySelectorAll(BACK)) {
      const parent = back.parentElement.parentElement.closest(".md-nav");
      const title = parent && parent.querySelector(":scope > .md-nav__title");
      const to = parent && !parent.matches(".md-nav--primary") && title ? title.textContent.trim() : "the main menu";
      asButton(back, `${back.textContent.trim()}, back to ${to}`);
    }

    // A section's label opens its panel in the drawer, and is a heading on a wide screen.
    const sections = Array.from(sidebar.querySelectorAll("label.md-nav__link[for]"));
    for (const label of sections) {
      const link = label.parentElement.querySelector(":scope > a.md-nav__link");
      if (!label.textContent.trim() && link) label.setAttribute("aria-label", `${link.textContent.trim()}, open section`);
    }
    const headings = sections.filter((label) => label.getAttribute("tabindex") !== "0");
    const fit = () => {
      for (const label of headings) {
        if (SMALL.matches) label.tabIndex = 0;
        else label.removeAttribute("tabindex");
      }
    };
    SMALL.addEventListener("change", fit);
    fit();

    const firstShown = () =>
      Array.from(sidebar.querySelectorAll('a[href], label[tabindex="0"]')).find(shown);
    drawer.addEventListener("change", () => {
      opener.setAttribute("aria-expanded", String(drawer.checked));
      if (drawer.checked && document.activeElement === opener) firstShown()?.focus();
    });
    // A panel opened or left with the keyboard takes the focus with it: to its way back when
    // it opens, to the item that opened it when it closes.
    for (const toggle of sidebar.querySelectorAll(".md-nav__toggle")) {
      toggle.addEventListener("change", () => {
        const pressed = document.activeElement;
        if (!(pressed instanceof HTMLLabelElement) || pressed.htmlFor !== toggle.id) return;
        const panel = toggle.parentElement.querySelector(":scope > .md-nav");
        const target = toggle.checked
          ? panel && panel.querySelector(":scope > .md-nav__title")
          : toggle.parentElement.querySelector(`:scope > label.md-nav__link[for="${toggle.id}"], :scope > .md-nav__container > label[for="${toggle.id}"]`);
        if (target && target !== pressed) requestAnimationFrame(() => target.focus());
      });
    }

    const close = () => {
      if (!drawer.checked) return;
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
    };
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked && sidebar.contains(document.activeElement)) {
        close();
        opener.focus();
      }
    });
    sidebar.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (next && !sidebar.contains(next) && next !== opener) close();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
