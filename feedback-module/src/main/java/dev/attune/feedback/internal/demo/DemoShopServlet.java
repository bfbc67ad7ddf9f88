package dev.attune.feedback.internal.demo;

import static dev.attune.platform.api.JsonSupport.JSON;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A small demo shop with the widget embedded, at {@code /demo/}: products to rate (MovieLens films when the data is
 * beside the repository, outdoor gear otherwise), recommendation slots, two experiments' texts and (with
 * {@code ./attune run --demo}) an NPS survey. The widget key is the demo site's public key, read from the
 * keys file the launcher writes, or given as {@code ?key=pk_…}. {@code /demo/hostile} is the same shop under a
 * style sheet that tries to break every widget it meets. Served only with {@code attune.demo.enabled} (the launcher
 * sets it): a production deployment answers 404 here.
 */
@WebServlet(urlPatterns = {"/demo", "/demo/*"})
public class DemoShopServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(DemoShopServlet.class.getName());
    static final int ITEMS = 24;

    @Inject
    @ConfigProperty(name = "attune.demo.catalog", defaultValue = "../shared/data/movielens/ml-100k/u.item")
    String catalogPath;

    @Inject
    @ConfigProperty(name = "attune.demo.keys-file")
    Optional<String> keysFile;

    @Inject
    @ConfigProperty(name = "attune.demo.enabled", defaultValue = "false")
    boolean enabled;

    private volatile DemoCatalog.Shop shop;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/demo/" + query(request));
            return;
        }
        DemoCatalog.Shop shop = shop();
        List<DemoCatalog.Item> items = shop.items();
        if (path.equals("/catalog.json")) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            for (DemoCatalog.Item i : items) {
                JsonArrayBuilder genres = JSON.createArrayBuilder();
                i.genres().forEach(genres::add);
                list.add(JSON.createObjectBuilder()
                        .add("id", i.id())
                        .add("title", i.title())
                        .add("year", i.year())
                        .add("genres", genres)
                        .add("price", i.price()));
            }
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write(JSON.createObjectBuilder()
                            .add("name", shop.name())
                            .add("tagline", shop.tagline())
                            .add("noun", shop.noun())
                            .add("plural", shop.plural())
                            .add("items", list)
                            .build()
                            .toString());
            return;
        }
        String key = request.getParameter("key") != null
                        && request.getParameter("key").matches("pk_[A-Za-z0-9_-]{1,200}")
                ? request.getParameter("key")
                : demoKey();
        String page;
        if (path.equals("/") || path.equals("/hostile")) {
            page = DemoPages.shop(shop, key, query(request), path.equals("/hostile"));
        } else if (path.startsWith("/item/")) {
            String id = path.substring("/item/".length());
            Optional<DemoCatalog.Item> item =
                    items.stream().filter(i -> i.id().equals(id)).findFirst();
            if (item.isEmpty()) {
                response.sendError(404);
                return;
            }
            page = DemoPages.item(shop, item.get(), key, query(request));
        } else {
            response.sendError(404);
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(page);
    }

    private static String query(HttpServletRequest request) {
        String key = request.getParameter("key");
        return key == null ? "" : "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private DemoCatalog.Shop shop() {
        DemoCatalog.Shop s = shop;
        if (s == null) {
            try {
                s = DemoCatalog.cinema(Path.of(catalogPath), ITEMS);
            } catch (IOException | RuntimeException e) {
                // for the operator only: the shop's visitors never see where the server looked
                LOG.log(
                        Level.INFO,
                        "No MovieLens titles at " + catalogPath
                                + " (attune.demo.catalog); the demo shop sells outdoor gear: " + e);
                s = DemoCatalog.OUTFITTERS;
            }
            shop = s;
        }
        return s;
    }

    /** The demo site's public key from the launcher's keys file, read on each request (it appears after startup). */
    private String demoKey() {
        if (keysFile.isEmpty() || !Files.isRegularFile(Path.of(keysFile.get()))) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(keysFile.get()))) {
            p.load(in);
            return p.getProperty("publicKey");
        } catch (IOException e) {
            return null;
        }
    }
}
