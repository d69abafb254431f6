// 开发者中心页面脚本 / Developer portal script: language switch, search, copy buttons. No dependencies.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "zw.devportal.lang";
  function setLang(l) {
    root.classList.remove("lang-both", "lang-zh", "lang-en");
    root.classList.add("lang-" + l);
    root.setAttribute("lang", l === "en" ? "en" : "zh-CN");
    document.querySelectorAll("[data-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === l));
    });
    try { localStorage.setItem(KEY, l); } catch (e) { /* storage disabled */ }
  }
  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* ignore */ }
  setLang(saved === "zh" || saved === "en" ? saved : "both");
  document.querySelectorAll("[data-lang]").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
  });

  // Copy buttons on code blocks.
  document.querySelectorAll("pre > code").forEach(function (c) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy";
    btn.textContent = "复制 / Copy";
    btn.addEventListener("click", function () {
      navigator.clipboard && navigator.clipboard.writeText(c.textContent || "").then(function () {
        btn.textContent = "已复制 / Copied";
        setTimeout(function () { btn.textContent = "复制 / Copy"; }, 1500);
      });
    });
    c.parentElement.appendChild(btn);
  });

  // Search over types, fields, arguments, enum values and guides (search.json).
  var input = document.getElementById("zw-search");
  var box = document.getElementById("zw-results");
  if (!input || !box) return;
  var index = null;
  var loading = null;
  var KINDS = { type: "类型 type", field: "字段 field", arg: "参数 arg", value: "枚举值 value", query: "查询 query", mutation: "变更 mutation", subscription: "订阅 subscription", guide: "指南 guide" };
  function load() {
    if (index || loading) return loading;
    loading = fetch(document.querySelector('link[rel="stylesheet"]').href.replace(/static\/docs\.css.*$/, "search.json"))
      .then(function (r) { return r.json(); })
      .then(function (j) { index = j; return j; });
    return loading;
  }
  function score(e, q) {
    var n = e.n.toLowerCase();
    if (n === q) return 100;
    var last = n.split(".").pop();
    if (last === q) return 90;
    if (n.indexOf(q) === 0 || last.indexOf(q) === 0) return 70;
    if (n.indexOf(q) >= 0) return 50;
    if ((e.zh || "").toLowerCase().indexOf(q) >= 0 || (e.en || "").toLowerCase().indexOf(q) >= 0) return 20;
    return 0;
  }
  function render(list) {
    box.innerHTML = "";
    if (!list.length) {
      var none = document.createElement("div");
      none.className = "none";
      none.textContent = "没有结果 / No results";
      box.appendChild(none);
    }
    list.forEach(function (e, i) {
      var a = document.createElement("a");
      a.href = e.u;
      a.setAttribute("role", "option");
      if (i === 0) a.className = "active";
      var k = document.createElement("span"); k.className = "k"; k.textContent = KINDS[e.k] || e.k;
      var n = document.createElement("code"); n.textContent = e.n;
      var d = document.createElement("span"); d.className = "d"; d.textContent = [e.zh, e.en].filter(Boolean).join(" / ");
      a.appendChild(k); a.appendChild(n); a.appendChild(d);
      box.appendChild(a);
    });
    box.hidden = false;
  }
  function search() {
    var q = input.value.trim().toLowerCase();
    if (!q) { box.hidden = true; return; }
    load().then(function () {
      var hits = [];
      for (var i = 0; i < index.length; i++) {
        var s = score(index[i], q);
        if (s > 0) hits.push([s, index[i]]);
      }
      hits.sort(function (a, b) { return b[0] - a[0] || a[1].n.length - b[1].n.length; });
      render(hits.slice(0, 40).map(function (h) { return h[1]; }));
    });
  }
  input.addEventListener("focus", load);
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (ev) {
    var items = Array.prototype.slice.call(box.querySelectorAll("a"));
    var cur = items.findIndex(function (a) { return a.classList.contains("active"); });
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) return;
      if (cur >= 0) items[cur].classList.remove("active");
      cur = (cur + (ev.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[cur].classList.add("active");
      items[cur].scrollIntoView({ block: "nearest" });
    } else if (ev.key === "Enter" && cur >= 0) {
      location.href = items[cur].href;
    } else if (ev.key === "Escape") {
      box.hidden = true;
    }
  });
  document.addEventListener("click", function (ev) {
    if (!box.contains(ev.target) && ev.target !== input) box.hidden = true;
  });
})();
