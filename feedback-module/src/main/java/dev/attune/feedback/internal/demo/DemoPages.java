package dev.attune.feedback.internal.demo;

import java.util.Locale;

/** The demo shop's HTML: plain pages, the widget embedded with one script tag, item attributes on every product. */
final class DemoPages {
    private DemoPages() {}

    private static final String STYLE = """
            :root{--ink:#1f2430;--muted:#5c6370;--line:#e4e6eb;--brand:#3b5bdb;--attune-accent:#3b5bdb}
            *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--ink);background:#f6f7f9}
            header{background:#141a2e;color:#fff;padding:18px 32px;display:flex;align-items:center;gap:24px;flex-wrap:wrap}
            header a{color:#fff;text-decoration:none}header .logo{font-weight:700;font-size:20px;letter-spacing:.3px}
            header nav{display:flex;gap:8px;flex-wrap:wrap}header nav a{padding:4px 10px;border-radius:999px;background:rgba(255,255,255,.1);font-size:14px}
            header nav a[aria-current=true]{background:#fff;color:#141a2e}
            main{max-width:1180px;margin:0 auto;padding:24px 32px 80px}
            .intro{background:#fff;border:1px solid var(--line);border-radius:14px;padding:18px 22px;margin-bottom:24px;color:var(--muted)}
            .intro b{color:var(--ink)}.warn{background:#fff4e5;border-color:#ffd8a8;color:#7a4100}
            .tagline{font-size:1.15rem;font-weight:600;color:var(--ink);margin:4px 0 10px}
            h1{font-size:26px;margin:0 0 6px;color:var(--ink)}h2{font-size:19px;margin:28px 0 12px}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px}
            .card{background:#fff;border:1px solid var(--line);border-radius:14px;overflow:hidden;display:flex;flex-direction:column}
            .poster{height:120px;display:flex;align-items:flex-end;padding:12px;color:#fff;font-weight:700;font-size:15px;text-decoration:none}
            .meta{padding:10px 12px 12px;display:flex;flex-direction:column;gap:8px;flex:1}.meta small{color:var(--muted)}
            .stars{display:flex;gap:2px}.stars button{border:0;background:none;font-size:20px;cursor:pointer;color:#c5c9d1;padding:0 2px}
            .stars button.on,.stars button:hover{color:#f59f00}.stars button:focus-visible{outline:2px solid var(--brand)}
            .rated{font-size:13px;color:#2b8a3e;min-height:18px}
            section.slot{min-height:60px;margin:8px 0 28px}.offer{color:#2b8a3e;font-weight:600}.buy{align-self:flex-start;margin-right:8px;border:0;border-radius:8px;background:var(--brand);color:#fff;padding:8px 14px;cursor:pointer}
            footer{color:var(--muted);font-size:13px;text-align:center;padding:24px}
            """;

    /** Deliberately hostile: the widget must look and work the same under it. */
    private static final String HOSTILE = """
            *{font-family:"Comic Sans MS",cursive !important;color:#f0f !important;letter-spacing:3px !important}
            div{padding:30px !important;border:5px dashed lime !important;background:yellow !important}
            button{display:inline !important;font-size:30px !important;transform:rotate(3deg) !important}
            [data-attune-widget]{opacity:1 !important}
            h2,p{font-size:40px !important;text-transform:uppercase !important}
            """;

    private static final String[] COLOURS = {
        "#364fc7", "#5f3dc4", "#c2255c", "#e8590c", "#2b8a3e", "#0b7285", "#862e9c", "#495057"
    };

    static String shop(DemoCatalog.Shop shop, String key, String query, boolean hostile) {
        StringBuilder cards = new StringBuilder();
        for (DemoCatalog.Item item : shop.items()) {
            cards.append(card(item, query));
        }
        String notice = key == null
                ? "<div class=\"intro warn\" role=\"note\"><b>No widget key.</b> Start Attune with <code>./attune run --demo</code>, or open "
                        + "this page as <code>/demo/?key=pk_…</code> with a site's public key (its origins must include this server).</div>"
                : "";
        String genres = String.join(
                "",
                shop.items().stream()
                        .flatMap(i -> i.genres().stream())
                        .distinct()
                        .sorted()
                        .limit(8)
                        .map(g -> "<a href=\"#" + esc(g) + "\" data-genre=\"" + esc(g) + "\">" + esc(g) + "</a>")
                        .toList());
        return page(
                shop,
                shop.name(),
                key,
                hostile,
                """
                %s
                <div class="intro"><h1>%s</h1>
                <p class="tagline" data-attune-experiment="hero-copy">%s</p>
                Rate a few %s: each rating travels through the Attune widget (one WebSocket), is stored once, and the
                <b>recommendations</b> row below (learned from everyone's ratings, explained item by item) is pushed again by the server within moments. Stay a little and an
                <b>NPS survey</b> appears; the console at <a href="/admin/">/admin/</a> shows what arrived.</div>
                <section class="slot" data-attune-slot="home" aria-label="Recommended for you"></section>
                <h2 id="all">All %s</h2>
                <div class="grid" id="films">%s</div>
                <script>
                document.querySelectorAll('header nav a[data-genre]').forEach(function (a) {
                  a.addEventListener('click', function (e) {
                    e.preventDefault();
                    var g = a.getAttribute('data-genre');
                    history.pushState({genre: g}, '', '#' + encodeURIComponent(g));
                    show(g);
                  });
                });
                window.addEventListener('popstate', function () { show(decodeURIComponent(location.hash.slice(1))); });
                function show(g) {
                  document.querySelectorAll('header nav a').forEach(function (a) { a.setAttribute('aria-current', a.getAttribute('data-genre') === g); });
                  document.querySelectorAll('#films .card').forEach(function (c) {
                    c.hidden = !!g && (c.getAttribute('data-genres') || '').split(',').indexOf(g) < 0;
                  });
                }
                </script>
                """.formatted(
                        notice, esc(shop.name()), esc(shop.tagline()), esc(shop.plural()), esc(shop.plural()), cards),
                genres,
                query);
    }

    /**
     * A product's page: add to cart and buy (purchase events with the price), a line the demo's second experiment
     * varies, and the {@code also} slot, which the demo serves by a bandit over strategies.
     */
    static String item(DemoCatalog.Shop shop, DemoCatalog.Item item, String key, String query) {
        String title = esc(item.title()).replace("'", "&#39;");
        return page(
                shop,
                item.title() + " · " + shop.name(),
                key,
                false,
                """
                <div class="intro"><h1>%s</h1>%s%s</div>
                <div class="grid">%s</div>
                <p class="offer" data-attune-experiment="checkout-offer">Free delivery on every order.</p>
                <p><button class="buy" onclick="window.attune && attune.track('add_to_cart', {itemId: '%s', title: '%s'})">Add to cart</button>
                   <button class="buy" onclick="window.attune && attune.track('purchase', {itemId: '%s', title: '%s', value: %s})">Buy now, %s</button></p>
                <section class="slot" data-attune-slot="also" aria-label="Customers also liked"></section>
                """.formatted(
                                esc(item.title()),
                                year(item),
                                esc(String.join(", ", item.genres())),
                                card(item, query),
                                esc(item.id()),
                                title,
                                esc(item.id()),
                                title,
                                price(item),
                                money(item)),
                "",
                query);
    }

    private static String card(DemoCatalog.Item item, String query) {
        String colour = COLOURS[Math.abs(item.id().hashCode()) % COLOURS.length];
        String id = esc(item.id());
        StringBuilder stars = new StringBuilder();
        for (int v = 1; v <= 5; v++) {
            stars.append("<button type=\"button\" data-value=\"")
                    .append(v)
                    .append("\" aria-label=\"Rate ")
                    .append(v)
                    .append(" of 5\">★</button>");
        }
        return """
                <article class="card" data-genres="%s">
                  <a class="poster" style="background:linear-gradient(135deg,%s,#141a2e)" href="/demo/item/%s%s"
                     data-attune-item="%s" data-attune-title="%s" data-attune-category="%s">%s</a>
                  <div class="meta"><small>%s%s</small>
                    <div class="stars" role="group" aria-label="Rate %s" data-item="%s" data-title="%s" data-genres="%s">%s</div>
                    <div class="rated" aria-live="polite"></div></div>
                </article>
                """.formatted(
                        esc(String.join(",", item.genres())),
                        colour,
                        id,
                        query,
                        id,
                        esc(item.title()),
                        esc(item.genres().isEmpty() ? "" : item.genres().get(0)),
                        esc(item.title()),
                        year(item),
                        esc(String.join(", ", item.genres())),
                        esc(item.title()),
                        id,
                        esc(item.title()),
                        esc(String.join(",", item.genres())),
                        stars);
    }

    private static String page(
            DemoCatalog.Shop shop,
            String title,
            String key,
            boolean hostile,
            String body,
            String genres,
            String query) {
        String widget = key == null
                ? ""
                : "<script src=\"/widget.js\" data-site=\"" + esc(key)
                        + "\" data-consent-prompt=\"on\" data-track=\"pageviews clicks dwell scroll\" data-policy=\"demo-2026-11\" async></script>";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
                <title>%s</title><style>%s</style>%s</head>
                <body><header><a class="logo" href="/demo/%s">%s</a><nav aria-label="Categories">%s</nav></header>
                <main>%s</main>
                <footer>%s is a demo of Attune. %s</footer>
                <script>
                document.addEventListener('click', function (e) {
                  var b = e.target.closest && e.target.closest('.stars button');
                  if (!b) return;
                  var g = b.parentNode, v = +b.getAttribute('data-value');
                  g.querySelectorAll('button').forEach(function (x) { x.classList.toggle('on', +x.getAttribute('data-value') <= v); });
                  g.nextElementSibling.textContent = 'Thanks: ' + v + ' of 5';
                  if (window.attune && attune.feedback) attune.feedback({type: 'rating', itemId: g.getAttribute('data-item'), value: v,
                    properties: {title: g.getAttribute('data-title'), genres: (g.getAttribute('data-genres') || '').split(',').filter(Boolean)}});
                });
                </script>
                %s
                </body></html>
                """.formatted(
                        esc(title),
                        STYLE,
                        hostile ? "<style>" + HOSTILE + "</style>" : "",
                        query,
                        esc(shop.name()),
                        genres,
                        body,
                        esc(shop.name()),
                        esc(shop.credit()),
                        widget);
    }

    private static String year(DemoCatalog.Item item) {
        return item.year() > 0 ? item.year() + " · " : "";
    }

    static String price(DemoCatalog.Item item) {
        return String.format(Locale.ROOT, "%.2f", item.price());
    }

    private static String money(DemoCatalog.Item item) {
        return "$" + price(item);
    }

    static String esc(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
