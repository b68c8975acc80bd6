package dev.loyalty.tools.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws latency by percentile as a PNG, the way HdrHistogram's plotter does: the percentile axis is
 * {@code log10(1 / (1 - p))}, so 90%, 99%, 99.9%, ... are equally spaced and the tail gets the room; latency in
 * milliseconds on a linear axis. One line per series (the overall one thicker). Java2D, headless.
 */
final class PercentilePlot
{
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 650;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 72;
    private static final int BOTTOM = 60;
    private static final double MAX_NINES = 6;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private PercentilePlot()
    {
    }

    /**
     * Writes the plot of {@code series} (name to histogram of nanoseconds, in legend order; the first is drawn
     * thick) with {@code title} and {@code subtitle} to {@code file}.
     */
    static void write(
        final Path file, final String title, final String subtitle, final Map<String, Histogram> series)
        throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try
        {
            draw(g, title, subtitle, series);
        }
        finally
        {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(
        final Graphics2D g, final String title, final String subtitle, final Map<String, Histogram> series)
    {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;

        long maxNs = 1;
        for (final Histogram h : series.values())
        {
            maxNs = Math.max(maxNs, h.getMaxValue());
        }
        final double maxMs = niceCeiling(maxNs / 1e6);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final List<String> sub = wrap(subtitle, g.getFontMetrics(), WIDTH - LEFT - 20);
        for (int i = 0; i < sub.size() && i < 2; i++)
        {
            g.drawString(sub.get(i), LEFT, 44 + 14 * i);
        }

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final FontMetrics fm = g.getFontMetrics();
        final int yTicks = 10;
        for (int i = 0; i <= yTicks; i++)
        {
            final double ms = maxMs * i / yTicks;
            final int y = TOP + plotH - (int)Math.round(plotH * (double)i / yTicks);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            final String label = formatMs(ms, maxMs);
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        final String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
        for (int i = 0; i <= MAX_NINES; i++)
        {
            final int x = LEFT + (int)Math.round(plotW * i / MAX_NINES);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(xLabels[i], x - fm.stringWidth(xLabels[i]) / 2, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        final String xTitle = "percentile (log scale of 1 / (1 - p))";
        g.drawString(xTitle, LEFT + (plotW - fm.stringWidth(xTitle)) / 2, TOP + plotH + 40);
        final Graphics2D rotated = (Graphics2D)g.create();
        rotated.rotate(-Math.PI / 2);
        final String yTitle = "latency (ms), from the intended send time";
        rotated.drawString(yTitle, -(TOP + (plotH + fm.stringWidth(yTitle)) / 2), 22);
        rotated.dispose();

        final List<Map.Entry<String, Histogram>> entries = new ArrayList<>(series.entrySet());
        for (int index = entries.size() - 1; index >= 0; index--)
        {
            final Path2D.Double path = new Path2D.Double();
            boolean first = true;
            for (final double[] point : points(entries.get(index).getValue()))
            {
                final double x = LEFT + plotW * Math.min(MAX_NINES, point[0]) / MAX_NINES;
                final double y = TOP + plotH - plotH * Math.min(1.0, point[1] / 1e6 / maxMs);
                if (first)
                {
                    path.moveTo(x, y);
                    first = false;
                }
                else
                {
                    path.lineTo(x, y);
                }
            }
            g.setColor(COLORS[index % COLORS.length]);
            g.setStroke(new BasicStroke(index == 0 ? 3.0f : 1.6f));
            g.draw(path);
        }
        int legendY = TOP + 10;
        for (int index = 0; index < entries.size(); index++)
        {
            final Histogram h = entries.get(index).getValue();
            g.setColor(COLORS[index % COLORS.length]);
            g.fillRect(LEFT + plotW + 16, legendY - 9, 18, 10);
            g.setColor(Color.BLACK);
            g.drawString(entries.get(index).getKey(), LEFT + plotW + 40, legendY);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("p99 %s ms, n=%,d", formatMs(h.getValueAtPercentile(99) / 1e6, 1),
                h.getTotalCount()), LEFT + plotW + 40, legendY + 14);
            legendY += 36;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** (x, nanoseconds) points: x is log10(1 / (1 - percentile / 100)), the last one at the maximum. */
    static List<double[]> points(final Histogram h)
    {
        final List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() == 0)
        {
            return points;
        }
        for (final HistogramIterationValue v : h.percentiles(5))
        {
            final double p = v.getPercentileLevelIteratedTo() / 100.0;
            final double x = p >= 1.0 ? MAX_NINES : Math.log10(1.0 / (1.0 - p));
            points.add(new double[]{x, h.highestEquivalentValue(v.getValueIteratedTo())});
            if (p >= 1.0)
            {
                break;
            }
        }
        return points;
    }

    private static List<String> wrap(final String text, final FontMetrics fm, final int width)
    {
        final List<String> lines = new ArrayList<>();
        final StringBuilder line = new StringBuilder();
        for (final String word : text.split(" "))
        {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width)
            {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-3))));
        for (final double step : new double[]{1, 2, 2.5, 5, 10})
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String formatMs(final double ms, final double scale)
    {
        if (scale < 1)
        {
            return String.format("%.3f", ms);
        }
        if (scale < 10)
        {
            return String.format("%.2f", ms);
        }
        return scale < 100 ? String.format("%.1f", ms) : String.format("%.0f", ms);
    }
}
