// Measures the report as laid out for print (the test turns the print rules on for the screen
// and sets the page box's width): words broken inside, anything outside the page box, cells
// whose content spills, and the KPI table's height. Writes one finding a line into
// a <pre> of id layout-check, read back from Chromium's --dump-dom.
(function () {
  const out = [];
  const main = document.querySelector('main');
  const box = main.getBoundingClientRect();
  const label = (el) => {
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') + ' "' + text + '"';
  };
  // Whether every line break inside a word comes right after a hyphen or slash of its own
  // ("data-/sharing"), the breaks typesetting allows; any other break splits a word.
  const breaksAtHyphens = (node, start, word) => {
    const topOf = (i) => {
      const r = document.createRange();
      r.setStart(node, start + i);
      r.setEnd(node, start + i + 1);
      const rects = Array.from(r.getClientRects()).filter((x) => x.width > 0);
      return rects.length ? Math.round(rects[0].top) : null;
    };
    let previous = topOf(0);
    for (let i = 1; i < word.length; i++) {
      const top = topOf(i);
      if (top !== null && previous !== null && top !== previous && !'-/–'.includes(word[i - 1])) {
        return false;
      }
      if (top !== null) previous = top;
    }
    return true;
  };
  // 1. Words in table cells stay whole: a word's boxes all sit on one line.
  for (const cellEl of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cellEl, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.long, svg')) continue;
      const re = /\S+/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects())
          .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1 && !breaksAtHyphens(node, m.index, m[0])) {
          out.push('broken: "' + m[0] + '" in ' + label(cellEl));
        }
      }
    }
    if (cellEl.scrollWidth > cellEl.clientWidth + 1) {
      out.push('spills: ' + label(cellEl) + ' ' + cellEl.scrollWidth + ' > ' + cellEl.clientWidth);
    }
  }
  // 2. Nothing outside the page box.
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > box.right + 1 || r.left < box.left - 1) {
      out.push('outside: ' + label(el) + ' spans ' + Math.round(r.left - box.left) + '..' +
        Math.round(r.right - box.left) + ' of ' + Math.round(box.width));
    }
  }
  // 3. Turned matrix headers inside their header cell.
  for (const th of document.querySelectorAll('.matrix th.role')) {
    const cellBox = th.getBoundingClientRect();
    const text = th.querySelector('span').getBoundingClientRect();
    if (text.top < cellBox.top - 1 || text.bottom > cellBox.bottom + 1 ||
        text.left < cellBox.left - 1 || text.right > cellBox.right + 1) {
      out.push('header-outside: ' + label(th));
    }
  }
  // 4. Chart labels inside their chart.
  for (const svg of document.querySelectorAll('svg')) {
    const frame = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < frame.left - 1 || r.right > frame.right + 1) {
        out.push('label-outside: ' + label(t));
      }
    }
  }
  // 5. The KPI table's height, in CSS pixels, for the test to compare with the page's.
  const kpis = document.querySelector('#kpis table');
  if (kpis) out.push('kpi-table-height: ' + Math.round(kpis.getBoundingClientRect().height));
  out.push('page-box-width: ' + Math.round(box.width));
  const pre = document.createElement('pre');
  pre.id = 'layout-check';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
