package org.radbridge.console;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages load Chart.js by a versioned WebJar path: it must name the version the build brings. */
class WebJarPathTest {
    @Test
    void theChartLibraryThePagesLoadIsOnTheClasspath() throws Exception {
        String layout;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("console/templates/layout.html")) {
            assertThat(in).isNotNull();
            layout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("src=\"/(webjars/[^\"]+)\"").matcher(layout);
        assertThat(m.find()).isTrue();
        assertThat(getClass().getClassLoader().getResource("META-INF/resources/" + m.group(1)))
                .as("META-INF/resources/" + m.group(1) + " (update layout.html when the chart.js version in the root pom changes)").isNotNull();
        assertThat(getClass().getClassLoader().getResource("static/console/console.js")).isNotNull();
    }
}
