package dev.attune.admin;

import com.vaadin.cdi.CdiVaadinServlet;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;

/** The console lives under /admin; /VAADIN/* carries its static bundle. The public API owns the rest of the root. */
@WebServlet(
        urlPatterns = {"/admin/*", "/VAADIN/*"},
        asyncSupported = true,
        loadOnStartup = 1,
        initParams = @WebInitParam(name = "productionMode", value = "true"))
public class AdminServlet extends CdiVaadinServlet {}
