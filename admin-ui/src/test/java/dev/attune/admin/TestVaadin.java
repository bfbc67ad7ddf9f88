package dev.attune.admin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.Router;
import com.vaadin.flow.server.VaadinContext;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.startup.ApplicationConfiguration;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import dev.attune.admin.dashboard.OverviewView;
import dev.attune.admin.shell.MainLayout;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a plain JUnit test of a console component needs from Vaadin, without a server: a current {@link UI} (download
 * links and notifications ask for one) and a router that knows the console's routes (a {@code RouterLink} computes its
 * address when created). Call {@link #setUp()} before and {@link #tearDown()} after each test that needs them; most
 * forms need neither.
 */
public final class TestVaadin {

    /** Vaadin keeps its current instances by weak reference: these keep them alive while a test runs. */
    private static UI ui;

    private static VaadinService service;

    private TestVaadin() {}

    /** A current UI and a service whose router knows every route of the console's menu and the dashboard. */
    public static void setUp() {
        MapContext context = new MapContext();
        context.setAttribute(ApplicationConfiguration.class, (ApplicationConfiguration) Proxy.newProxyInstance(
                TestVaadin.class.getClassLoader(),
                new Class<?>[] {ApplicationConfiguration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isProductionMode" -> true;
                    case "getContext" -> context;
                    default -> method.getReturnType() == boolean.class ? false : null;
                }));
        ApplicationRouteRegistry registry = ApplicationRouteRegistry.getInstance(context);
        RouteConfiguration routes = RouteConfiguration.forRegistry(registry);
        routes.setAnnotatedRoute(OverviewView.class);
        MainLayout.AREAS.forEach(area -> {
            if (area.view().isAnnotationPresent(Route.class)) {
                routes.setAnnotatedRoute(area.view());
            }
        });
        Router router = new Router(registry);
        service = new VaadinServletService() {
            @Override
            public Router getRouter() {
                return router;
            }

            @Override
            protected VaadinContext constructVaadinContext() {
                return context;
            }
        };
        VaadinService.setCurrent(service);
        ui = new UI();
        UI.setCurrent(ui);
    }

    public static void tearDown() {
        UI.setCurrent(null);
        VaadinService.setCurrent(null);
        ui = null;
        service = null;
    }

    /** Records the events of one type a component fires. */
    public static <T extends ComponentEvent<?>> List<T> record(Component source, Class<T> type) {
        List<T> fired = new ArrayList<>();
        ComponentUtil.addListener(source, type, fired::add);
        return fired;
    }

    /** The component and everything inside it, depth first. */
    public static Stream<Component> tree(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(TestVaadin::tree));
    }

    /** Whether the component shows: it and every component around it are visible. */
    public static boolean shown(Component c) {
        for (Component at = c; at != null; at = at.getParent().orElse(null)) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The component with this id inside {@code root}, if there is one. */
    public static Optional<Component> byId(Component root, String id) {
        return tree(root).filter(c -> c.getId().filter(id::equals).isPresent()).findFirst();
    }

    /** The component with this id inside {@code root}, of this type; fails when there is none. */
    public static <T extends Component> T find(Component root, String id, Class<T> type) {
        return type.cast(byId(root, id)
                .orElseThrow(() -> new AssertionError(
                        "no #" + id + " in " + root.getClass().getSimpleName())));
    }

    /** What a component column of a grid shows for this row (column by position, from 0), as the grid would render it. */
    @SuppressWarnings("unchecked")
    public static <T> Component cell(Grid<T> grid, int column, T row) {
        return ((ComponentRenderer<Component, T>) grid.getColumns().get(column).getRenderer()).createComponent(row);
    }

    /** Every text shown inside {@code root}, joined by new lines: what a reader of the page would see. */
    public static String text(Component root) {
        return tree(root)
                .filter(HasText.class::isInstance)
                .map(c -> ((HasText) c).getText())
                .filter(t -> t != null && !t.isBlank())
                .collect(Collectors.joining("\n"));
    }

    private static final class MapContext implements VaadinContext {
        private final Map<Class<?>, Object> attributes = new HashMap<>();

        @Override
        public <T> T getAttribute(Class<T> type, Supplier<T> defaultValueSupplier) {
            Object value = attributes.get(type);
            if (value == null && defaultValueSupplier != null) {
                value = defaultValueSupplier.get();
                attributes.put(type, value);
            }
            return type.cast(value);
        }

        @Override
        public <T> void setAttribute(Class<T> type, T value) {
            attributes.put(type, value);
        }

        @Override
        public void removeAttribute(Class<?> type) {
            attributes.remove(type);
        }

        @Override
        public Enumeration<String> getContextParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String getContextParameter(String name) {
            return null;
        }
    }
}
