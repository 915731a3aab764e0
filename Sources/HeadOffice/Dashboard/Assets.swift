/// The dashboard's style sheet and its one small script, served from the binary: nothing is
/// loaded from the internet.
enum Assets {
    static let css = """
        :root { --ink: #1d2430; --muted: #5b6575; --line: #d9dee7; --bar: #2f6fdb; --flag: #d2412f; --bg: #f5f7fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, "Hiragino Sans", "Noto Sans CJK JP", "IPAGothic", sans-serif; color: var(--ink); background: var(--bg); }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
        header .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
        header nav { display: flex; flex-wrap: wrap; gap: .75rem; }
        .languages { display: flex; gap: .5rem; font-size: .9rem; margin-left: auto; }
        .sign-out { display: flex; align-items: center; gap: .4rem; margin: 0; }
        .who { color: var(--muted); font-size: .9rem; }
        main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.4rem; margin: .2rem 0 .8rem; }
        h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
        a { color: #1f57b8; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .6rem; margin-bottom: 1rem; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; }
        .card .n { font-size: 1.3rem; font-weight: 700; }
        .card .k { color: var(--muted); font-size: .85rem; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .8rem; margin-bottom: 1rem; overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .92rem; }
        th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .flag { color: var(--flag); font-weight: 700; }
        .ok { color: #1d7a3a; }
        .chart { width: 100%; height: auto; display: block; }
        .chart .bar { fill: var(--bar); } .chart .bar.flagged { fill: var(--flag); }
        .chart .label, .chart .value { font-size: 12px; fill: var(--ink); } .chart .axis { stroke: var(--muted); }
        .chart a .label { fill: #1f57b8; text-decoration: underline; }
        form.day { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: 1rem; }
        input, button { font: inherit; padding: .35rem .6rem; }
        .signin { max-width: 360px; margin: 3rem auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1.2rem; }
        .signin label { display: block; margin: .6rem 0 .2rem; } .signin input { width: 100%; } .signin button { margin-top: 1rem; width: 100%; }
        .error { color: var(--flag); }
        .stamp { color: var(--muted); font-size: .8rem; }
        /* IPAGothic's ¥ is a wide glyph; the Z's columns count it as one, as the kiosk's printer does. */
        @font-face { font-family: "Z yen"; src: local("DejaVu Sans Mono"); unicode-range: U+00A5; size-adjust: 83.34%; }
        pre.z { background: #fff; border: 1px solid var(--line); padding: 1rem; overflow-x: auto; font: 14px/1.35 "Z yen", "IPAGothic", monospace; max-width: 32rem; }
        @media (max-width: 600px) { main { padding: .6rem; } .languages { margin-left: 0; } th, td { padding: .25rem .3rem; } }
        """

    /// Asks every two seconds whether a store pushed; if one did, fetches this page again and
    /// swaps its `#live` part in place (no reload, the scroll position stays).
    static let liveScript = """
        (function () {
          var live = document.getElementById('live');
          if (!live) return;
          var mark = null;
          function refresh() {
            return fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (text) {
                if (!text) return;
                var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('live');
                if (fresh) { document.getElementById('live').innerHTML = fresh.innerHTML; }
              });
          }
          function poll() {
            fetch('/v1/reports/changes', { credentials: 'same-origin', cache: 'no-store' })
              .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
              .then(function (j) {
                var changed = mark !== null && j.mark !== mark;
                mark = j.mark;
                return changed ? refresh() : null;
              })
              .catch(function () {})
              .then(function () { setTimeout(poll, 2000); });
          }
          poll();
        })();
        """
}
