package lab.bcrypt.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts as PNG files with JFreeChart, headless. Each method returns the chart's
 * path relative to the results directory, or null when neither server has the data.
 */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final String CHARTS_DIR = "charts";

    private static final int WIDTH_PIXELS = 1000;
    private static final int HEIGHT_PIXELS = 560;

    /** Smallest latency a log axis shows, in milliseconds: below the lab's 1 µs resolution. */
    private static final double LOG_AXIS_FLOOR_MILLIS = 0.001;

    /** Points per halving of the tail in the percentile spectrum, as HdrHistogram plots it. */
    private static final int SPECTRUM_TICKS_PER_HALF = 5;

    /** Ratio of the largest to the smallest value above which a latency axis is logarithmic. */
    private static final double LOG_SCALE_MIN_SPAN = 20.0;

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private static final Color BLOCKING_COLOR = new Color(0xD6, 0x27, 0x28);
    private static final Color OFFLOADED_COLOR = new Color(0x1F, 0x77, 0xB4);
    private static final float LINE_WIDTH = 1.6f;
    private static final Stroke SOLID = new BasicStroke(LINE_WIDTH);
    private static final Stroke DASHED =
            new BasicStroke(
                    LINE_WIDTH,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f);

    /** Dotted and wider than the other lines, so p99 shows where it lies on the max line. */
    private static final Stroke DOTTED =
            new BasicStroke(
                    LINE_WIDTH * 2,
                    BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND,
                    10f,
                    new float[] {1f, 5f},
                    0f);

    /** Length of one interval of the lab's {@code .hlog} files. */
    private static final double INTERVAL_SECONDS = 1.0;

    /** Series with at most this many points are drawn with markers as well as lines. */
    private static final int FEW_POINTS = 3;

    /** Share of the way to white each further series of one server moves, so lines differ. */
    private static final double SHADE_STEP = 0.3;

    private static final double MAX_SHADE = 0.75;

    private final Path resultsDir;
    private final List<String> written = new ArrayList<>();

    Charts(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    /** Returns the charts written so far, relative to the results directory. */
    List<String> written() {
        return written;
    }

    /** Draws health latency per second during one burst, both servers on one chart. */
    String healthOverTime(ReportContext context, String experimentName) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, experimentName);
            Path hlog = experiment == null ? null : experiment.file("probe.hlog");
            List<Histograms.Interval> intervals = Histograms.readIntervals(hlog);
            if (intervals.isEmpty()) {
                continue;
            }
            XYSeries p50 = new XYSeries(server + " p50");
            XYSeries max = new XYSeries(server + " max");
            for (Histograms.Interval interval : intervals) {
                LatencyStats stats = interval.stats();
                if (stats != null) {
                    // Each point sits in the middle of the one-second interval it summarizes.
                    double seconds = interval.startSeconds() + INTERVAL_SECONDS / 2;
                    p50.add(seconds, Math.max(stats.p50Ms(), LOG_AXIS_FLOOR_MILLIS));
                    max.add(seconds, Math.max(stats.maxMs(), LOG_AXIS_FLOOR_MILLIS));
                }
            }
            data.addSeries(max);
            data.addSeries(p50);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        XYPlot plot =
                new XYPlot(
                        data,
                        secondsAxis(data),
                        millisAxis("health response time", data),
                        renderer(data));
        // A burst shorter than a second has one interval: markers keep single points visible.
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        return save(
                "health-" + experimentName + ".png",
                "Health endpoint during " + experimentName + ": per-second p50 and max",
                plot);
    }

    /** Draws register latency percentiles against burst concurrency, both servers. */
    String registerPercentiles(ReportContext context, List<Integer> levels) {
        XYPlot plot = registerPercentilesPlot(context, levels);
        if (plot == null) {
            return null;
        }
        return save(
                "register-percentiles.png",
                "Register response time against burst concurrency",
                plot);
    }

    /**
     * Builds the plot of {@link #registerPercentiles}, or null without data. Within each server the
     * series go max, p99, p50 and are drawn in that order, so p99 (dotted, with its own markers)
     * lies on top of max where the two meet: in a small burst the p99 is the max.
     */
    static XYPlot registerPercentilesPlot(ReportContext context, List<Integer> levels) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String server : ReportContext.SERVERS) {
            XYSeries p50 = new XYSeries(server + " p50");
            XYSeries p99 = new XYSeries(server + " p99");
            XYSeries max = new XYSeries(server + " max");
            for (int level : levels) {
                LatencyStats stats = context.value(server, "burst-" + level, Experiment::latency);
                if (stats != null) {
                    p50.add(level, stats.p50Ms());
                    p99.add(level, stats.p99Ms());
                    max.add(level, stats.maxMs());
                }
            }
            if (!p50.isEmpty()) {
                data.addSeries(max);
                data.addSeries(p99);
                data.addSeries(p50);
            }
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        ValueAxis concurrency = decadeAxis("requests in the burst (log scale)", decimalFormat("0"));
        XYPlot plot =
                new XYPlot(
                        data,
                        concurrency,
                        millisAxis("register response time", data),
                        renderer(data));
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        // XYPlot draws the last series first by default, which would hide p99 under max.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return plot;
    }

    /** Draws the percentile spectrum of health latency during each burst, HdrHistogram style. */
    String healthSpectrum(ReportContext context, List<String> experimentNames) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String server : ReportContext.SERVERS) {
            for (String experimentName : experimentNames) {
                Experiment experiment = context.experiment(server, experimentName);
                Histogram merged =
                        experiment == null
                                ? null
                                : Histograms.readMerged(experiment.file("probe.hlog"));
                if (merged != null && merged.getTotalCount() > 0) {
                    data.addSeries(spectrum(server + " " + experimentName, merged));
                }
            }
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        ValueAxis percentile = decadeAxis("percentile", new PercentileFormat());
        XYPlot plot =
                new XYPlot(
                        data, percentile, millisAxis("health response time", data), renderer(data));
        return save(
                "health-percentile-spectrum.png",
                "Health response time by percentile during the bursts",
                plot);
    }

    private static XYSeries spectrum(String key, Histogram histogram) {
        XYSeries series = new XYSeries(key);
        for (HistogramIterationValue value : histogram.percentiles(SPECTRUM_TICKS_PER_HALF)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100.0) {
                break;
            }
            double x = 1.0 / (1.0 - percentile / 100.0);
            double millis = value.getValueIteratedTo() / Histograms.NANOS_PER_MILLI;
            series.addOrUpdate(x, Math.max(millis, LOG_AXIS_FLOOR_MILLIS));
        }
        // The iteration stops short of 100%; plot the maximum at the top 1/count of values.
        double maxMillis = histogram.getMaxValue() / Histograms.NANOS_PER_MILLI;
        series.addOrUpdate(
                (double) histogram.getTotalCount(), Math.max(maxMillis, LOG_AXIS_FLOOR_MILLIS));
        return series;
    }

    /** Draws server CPU, resident memory and threads over one experiment, both servers. */
    String resources(ReportContext context, String experimentName) {
        XYSeriesCollection cpu = new XYSeriesCollection();
        XYSeriesCollection rss = new XYSeriesCollection();
        XYSeriesCollection threads = new XYSeriesCollection();
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, experimentName);
            if (experiment == null) {
                continue;
            }
            ResourceSeries series = ResourceSeries.read(experiment.file("resources.csv"));
            addResourceSeries(server, series, cpu, rss, threads);
        }
        if (cpu.getSeriesCount() == 0 && rss.getSeriesCount() == 0) {
            return null;
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(secondsAxis(cpu, rss, threads));
        plot.add(new XYPlot(cpu, null, new NumberAxis("CPU % (100 = one core)"), renderer(cpu)));
        plot.add(new XYPlot(rss, null, new NumberAxis("resident memory (MiB)"), renderer(rss)));
        plot.add(new XYPlot(threads, null, new NumberAxis("threads"), renderer(threads)));
        return save(
                "resources-" + experimentName + ".png",
                "Server CPU, memory and threads during " + experimentName,
                plot);
    }

    private static void addResourceSeries(
            String server,
            ResourceSeries series,
            XYSeriesCollection cpu,
            XYSeriesCollection rss,
            XYSeriesCollection threads) {
        XYSeries cpuSeries = new XYSeries(server + " CPU");
        XYSeries rssSeries = new XYSeries(server + " RSS");
        XYSeries threadSeries = new XYSeries(server + " threads");
        for (ResourceSeries.Sample sample : series.samples()) {
            double seconds = sample.tMs() / 1000.0;
            if (sample.cpuPercent() != null) {
                cpuSeries.addOrUpdate(seconds, sample.cpuPercent().doubleValue());
            }
            if (sample.rssBytes() != null) {
                rssSeries.addOrUpdate(seconds, sample.rssBytes() / BYTES_PER_MIB);
            }
            if (sample.threads() != null) {
                threadSeries.addOrUpdate(seconds, sample.threads().doubleValue());
            }
        }
        addIfFilled(cpu, cpuSeries);
        addIfFilled(rss, rssSeries);
        addIfFilled(threads, threadSeries);
    }

    private static void addIfFilled(XYSeriesCollection collection, XYSeries series) {
        if (!series.isEmpty()) {
            collection.addSeries(series);
        }
    }

    /**
     * Returns a time axis from 0 that spans at least one second past the last point, so an
     * experiment shorter than a second still gets a readable axis.
     */
    private static ValueAxis secondsAxis(XYSeriesCollection... collections) {
        double maxSeconds = 0;
        for (XYSeriesCollection collection : collections) {
            for (int i = 0; i < collection.getSeriesCount(); i++) {
                maxSeconds = Math.max(maxSeconds, collection.getSeries(i).getMaxX());
            }
        }
        NumberAxis axis = new NumberAxis("seconds since the experiment started");
        axis.setRange(0, Math.ceil(maxSeconds) + 1);
        return axis;
    }

    /**
     * Returns a log axis when the values span more than {@link #LOG_SCALE_MIN_SPAN}, else a linear
     * one: a log axis with ticks at powers of ten shows no tick inside a single decade.
     */
    private static ValueAxis millisAxis(String quantity, XYSeriesCollection data) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            min = Math.min(min, data.getSeries(i).getMinY());
            max = Math.max(max, data.getSeries(i).getMaxY());
        }
        if (max / Math.max(min, LOG_AXIS_FLOOR_MILLIS) < LOG_SCALE_MIN_SPAN) {
            return new NumberAxis(quantity + " (ms)");
        }
        LogAxis axis = (LogAxis) decadeAxis(quantity + " (ms, log scale)", decimalFormat("0.###"));
        axis.setSmallestValue(LOG_AXIS_FLOOR_MILLIS);
        return axis;
    }

    /** Returns a base-10 log axis with one tick per power of ten, labelled by the format. */
    private static ValueAxis decadeAxis(String label, NumberFormat format) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setAutoTickUnitSelection(false);
        // A LogAxis tick unit is in exponent space: 1 puts a tick at every power of ten.
        axis.setTickUnit(new NumberTickUnit(1.0));
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(format);
        return axis;
    }

    /**
     * Colors each series by server (red blocking, blue offloaded), each further series of the same
     * server a lighter shade; p50 series are dashed.
     */
    private static XYLineAndShapeRenderer renderer(XYSeriesCollection data) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int blockingSeen = 0;
        int offloadedSeen = 0;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = data.getSeriesKey(i).toString();
            boolean blocking = key.startsWith(ReportContext.BLOCKING);
            int shade = blocking ? blockingSeen++ : offloadedSeen++;
            Color base = blocking ? BLOCKING_COLOR : OFFLOADED_COLOR;
            renderer.setSeriesPaint(i, lighter(base, shade));
            renderer.setSeriesStroke(i, strokeOf(key));
            // A line needs two points; markers keep a short series visible.
            if (data.getSeries(i).getItemCount() <= FEW_POINTS) {
                renderer.setSeriesShapesVisible(i, true);
            }
        }
        return renderer;
    }

    /** Returns the stroke of a series: p50 dashed, p99 dotted and wider, every other solid. */
    static Stroke strokeOf(String seriesKey) {
        if (seriesKey.endsWith("p50")) {
            return DASHED;
        }
        return seriesKey.endsWith("p99") ? DOTTED : SOLID;
    }

    /** Blends a color toward white by {@code SHADE_STEP} per step, at most {@code MAX_SHADE}. */
    private static Color lighter(Color color, int steps) {
        double blend = Math.min(MAX_SHADE, steps * SHADE_STEP);
        return new Color(
                (int) (color.getRed() + (255 - color.getRed()) * blend),
                (int) (color.getGreen() + (255 - color.getGreen()) * blend),
                (int) (color.getBlue() + (255 - color.getBlue()) * blend));
    }

    private String save(String fileName, String title, XYPlot plot) {
        return saveChart(
                fileName, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    private String saveChart(String fileName, JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        Path dir = resultsDir.resolve(CHARTS_DIR);
        Path file = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH_PIXELS, HEIGHT_PIXELS);
        } catch (IOException e) {
            throw new ReportWriteException(file, e);
        }
        String relative = CHARTS_DIR + "/" + fileName;
        written.add(relative);
        return relative;
    }

    private static DecimalFormat decimalFormat(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** Labels a spectrum axis value 1/(1-p) with its percentile p: 10 is 90%, 100 is 99%. */
    private static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(double value, StringBuffer buffer, FieldPosition position) {
            double percentile = 100.0 * (1.0 - 1.0 / value);
            return buffer.append(
                    String.format(Locale.ROOT, "%s%%", decimalFormat("0.####").format(percentile)));
        }

        @Override
        public StringBuffer format(long value, StringBuffer buffer, FieldPosition position) {
            return format((double) value, buffer, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("the percentile axis only formats");
        }
    }
}
