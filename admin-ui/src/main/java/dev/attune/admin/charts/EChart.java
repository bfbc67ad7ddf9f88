package dev.attune.admin.charts;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import jakarta.json.JsonObject;

/**
 * An Apache ECharts chart as a Vaadin component: give it an ECharts option (JSON) and it draws it, follows the
 * console's light or dark theme and resizes with its box. ECharts is loaded from its WebJar, so the pre-compiled
 * Vaadin bundle is kept (no npm build). The option's data stay readable on the server for CSV export.
 */
@JavaScript("context://webjars/echarts/5.5.0/echarts.min.js")
public class EChart extends Div {
    /**
     * Draws {@code $0}; the element keeps the option and redraws itself when the page's theme changes (one observer of
     * the {@code <html>} element's {@code theme} attribute for every chart), carrying over the zoom window and the
     * series switched off in the legend. A subclass may set {@code el.__afterDraw} to run after each drawing.
     */
    private static final String DRAW = """
            const el = this;
            el.__option = $0;
            el.__draw = () => {
              if (!window.echarts) { setTimeout(el.__draw, 50); return; }
              const dark = document.documentElement.getAttribute('theme') === 'dark';
              let chart = echarts.getInstanceByDom(el);
              let kept = null;
              if (chart && el.__dark !== dark) {
                const old = chart.getOption() || {};
                kept = {zoom: (old.dataZoom || []).map(z => ({start: z.start, end: z.end})),
                        legend: (old.legend && old.legend[0] && old.legend[0].selected) || {}};
                chart.dispose();
                chart = null;
              }
              if (!chart) {
                chart = echarts.init(el, dark ? 'dark' : null, {renderer: 'svg'});
                el.__dark = dark;
                if (!el.__resize) { el.__resize = new ResizeObserver(() => echarts.getInstanceByDom(el)?.resize()); el.__resize.observe(el); }
              }
              const option = JSON.parse(el.__option);
              if (dark) { option.backgroundColor = 'transparent'; }
              chart.setOption(option, true);
              if (kept) {
                kept.zoom.forEach((z, i) => chart.dispatchAction({type: 'dataZoom', dataZoomIndex: i, start: z.start, end: z.end}));
                Object.entries(kept.legend).forEach(([name, on]) => { if (!on) { chart.dispatchAction({type: 'legendUnSelect', name}); } });
              }
              el.setAttribute('data-drawn', 'true');
              if (el.__afterDraw) { el.__afterDraw(); }
            };
            if (!window.__attuneCharts) {
              window.__attuneCharts = new Set();
              new MutationObserver(() => window.__attuneCharts.forEach(c => {
                if (c.isConnected) { c.__draw(); } else { window.__attuneCharts.delete(c); }
              })).observe(document.documentElement, {attributes: true, attributeFilter: ['theme']});
            }
            window.__attuneCharts.add(el);
            el.__draw();""";

    private String option = "{}";

    public EChart() {
        addClassName("attune-chart");
        setWidthFull();
        setHeight("18rem");
    }

    /** Draws this option (replacing what was drawn). */
    public void setOption(JsonObject option) {
        this.option = option.toString();
        getElement().removeAttribute("data-drawn");
        if (isAttached()) {
            getElement().executeJs(DRAW, this.option);
        }
    }

    public String option() {
        return option;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        getElement().executeJs(DRAW, option);
    }
}
