package org.radbridge.console;

import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CT dose table as box plots drawn on the server as SVG (Chart.js has no box plot): one plot per dose index, since
 * CTDIvol and DLP differ in unit and scale; one row per protocol with its whisker (min to max), box (quartiles) and
 * median line. Groups under the small-cell threshold are listed with their masked count and not drawn. Only
 * presentation attributes are used, so the strict Content-Security-Policy (no inline styles) holds.
 */
public final class DoseBoxPlot {
    static final int WIDTH = 1180;
    static final int LABEL = 320;
    static final int ROW = 34;
    static final int AXIS = 30;

    private DoseBoxPlot() {}

    /** Columns as {@link PopulationQueries#ctDoseByProtocol()}: dose index, protocol, studies, min, q1, median, q3, max. */
    public static String svg(DataTable t) {
        Map<String, List<List<Object>>> byIndex = new LinkedHashMap<>();
        for (List<Object> r : t.rows()) byIndex.computeIfAbsent(String.valueOf(r.get(0)), k -> new ArrayList<>()).add(r);
        StringBuilder out = new StringBuilder();
        byIndex.forEach((index, rows) -> out.append(plot(index, rows)));
        return out.toString();
    }

    static String plot(String index, List<List<Object>> rows) {
        double max = 0;
        for (List<Object> r : rows) if (r.get(7) instanceof Number n) max = Math.max(max, n.doubleValue());
        double top = niceCeiling(max);
        int plotW = WIDTH - LABEL - 20;
        int h = rows.size() * ROW + AXIS + 24;
        StringBuilder s = new StringBuilder();
        s.append("<figure class=\"boxplot\"><figcaption>").append(esc(index)).append("</figcaption>");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(h).append("\" aria-label=\"").append(esc("box plot of " + index + " by protocol"))
                .append("\" font-family=\"sans-serif\" font-size=\"14\">");
        int axisY = rows.size() * ROW + 6;
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            double x = LABEL + plotW * (v / top);
            s.append(line(x, 4, x, axisY, "#e3e3e3", 1));
            s.append("<text x=\"").append(f(x)).append("\" y=\"").append(axisY + 16).append("\" text-anchor=\"middle\" fill=\"#555\">")
                    .append(esc(num(v))).append("</text>");
        }
        for (int i = 0; i < rows.size(); i++) {
            List<Object> r = rows.get(i);
            double y = i * ROW + ROW / 2.0 + 4;
            boolean drawn = r.get(3) instanceof Number && top > 0;
            String label = r.get(1) + " (n=" + r.get(2) + ")";
            s.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\" fill=\"")
                    .append(drawn ? "#222" : "#888").append("\"><title>").append(esc(tooltip(r))).append("</title>").append(esc(cut(label, 44))).append("</text>");
            if (!drawn) {
                s.append("<text x=\"").append(LABEL).append("\" y=\"").append(f(y + 4)).append("\" fill=\"#888\" class=\"small-cell\">")
                        .append(esc("fewer than the small-cell threshold: not drawn")).append("</text>");
                continue;
            }
            double x0 = LABEL + plotW * d(r.get(3)) / top, x1 = LABEL + plotW * d(r.get(4)) / top, xm = LABEL + plotW * d(r.get(5)) / top,
                    x3 = LABEL + plotW * d(r.get(6)) / top, x4 = LABEL + plotW * d(r.get(7)) / top;
            s.append("<g class=\"box\"><title>").append(esc(tooltip(r))).append("</title>");
            s.append(line(x0, y, x4, y, "#36a", 1.5));
            s.append(line(x0, y - 6, x0, y + 6, "#36a", 1.5)).append(line(x4, y - 6, x4, y + 6, "#36a", 1.5));
            s.append("<rect x=\"").append(f(x1)).append("\" y=\"").append(f(y - 9)).append("\" width=\"").append(f(Math.max(1.5, x3 - x1)))
                    .append("\" height=\"18\" fill=\"#cfe0f5\" stroke=\"#36a\" stroke-width=\"1.5\"/>");
            s.append(line(xm, y - 9, xm, y + 9, "#c33", 2.5));
            s.append("</g>");
        }
        s.append("</svg></figure>");
        return s.toString();
    }

    private static String tooltip(List<Object> r) {
        if (!(r.get(3) instanceof Number)) return r.get(1) + ": " + r.get(2) + " studies";
        return r.get(1) + ": " + r.get(2) + " studies; min " + r.get(3) + ", q1 " + r.get(4) + ", median " + r.get(5) + ", q3 " + r.get(6)
                + ", max " + r.get(7);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least the maximum, so the axis ticks are round numbers. */
    static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\"" + colour + "\" stroke-width=\""
                + f(width) + "\"/>";
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
