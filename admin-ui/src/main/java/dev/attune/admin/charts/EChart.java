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
    private static final String DRAW = """
            const el = this;
            const draw = () => {
              if (!window.echarts) { setTimeout(draw, 50); return; }
              const dark = document.documentElement.getAttribute('theme') === 'dark';
              let chart = echarts.getInstanceByDom(el);
              if (chart && el.__dark !== dark) { chart.dispose(); chart = null; }
              if (!chart) {
                chart = echarts.init(el, dark ? 'dark' : null, {renderer: 'svg'});
                el.__dark = dark;
                if (!el.__resize) { el.__resize = new ResizeObserver(() => echarts.getInstanceByDom(el)?.resize()); el.__resize.observe(el); }
              }
              const option = JSON.parse($0);
              if (dark) { option.backgroundColor = 'transparent'; }
              chart.setOption(option, true);
              el.setAttribute('data-drawn', 'true');
            };
            draw();""";

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
