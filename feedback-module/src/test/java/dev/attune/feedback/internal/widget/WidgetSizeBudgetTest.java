package dev.attune.feedback.internal.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The build fails when widget.js grows past its budget: 15 KB gzipped, what every host page pays for Attune. */
class WidgetSizeBudgetTest {
    static final int BUDGET_BYTES = 15 * 1024;

    @Test
    void widgetStaysWithinItsGzippedBudget() throws IOException {
        byte[] source;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/widget.js")) {
            assertThat(in).as("widget.js is packaged").isNotNull();
            source = in.readAllBytes();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(source);
        }
        System.out.printf(
                "widget.js: %,d bytes, %,d gzipped (budget %,d)%n", source.length, zipped.size(), BUDGET_BYTES);
        assertThat(zipped.size()).as("gzipped widget.js in bytes").isLessThanOrEqualTo(BUDGET_BYTES);
    }
}
