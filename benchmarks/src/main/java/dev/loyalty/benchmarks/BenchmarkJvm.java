package dev.loyalty.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a benchmark JVM needs around it: the Chronicle Queue flags (the root pom's {@code chronicle.jvm.flags},
 * carried into the jar by resource filtering, so the pom stays their only home) and scratch directories for
 * journals. Journals go under {@code -Dloyalty.bench.dir} when it is set, else under {@code java.io.tmpdir};
 * SYNC figures mean something only when that directory is on a real disk, not tmpfs.
 */
public final class BenchmarkJvm
{
    /** System property naming the directory that benchmark journals are created in. */
    public static final String BENCH_DIR_PROPERTY = "loyalty.bench.dir";

    private static final String FLAGS_RESOURCE = "benchmark-jvm.properties";
    private static final String FLAGS_KEY = "chronicle.jvm.flags";

    private BenchmarkJvm()
    {
    }

    /** The JVM flags Chronicle Queue needs on Java 17+, one argument per element. */
    public static List<String> chronicleFlags()
    {
        final Properties properties = new Properties();
        try (InputStream in = BenchmarkJvm.class.getResourceAsStream(FLAGS_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(FLAGS_RESOURCE + " is missing from the benchmarks jar");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final String flags = properties.getProperty(FLAGS_KEY, "").trim();
        if (flags.isEmpty() || flags.startsWith("${"))
        {
            throw new IllegalStateException(FLAGS_KEY + " was not filtered into " + FLAGS_RESOURCE);
        }
        final List<String> result = new ArrayList<>();
        for (final String flag : flags.split("\\s+"))
        {
            result.add(flag);
        }
        return result;
    }

    /** True when this JVM was started with every one of the Chronicle flags. */
    public static boolean hasChronicleFlags()
    {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
            .containsAll(chronicleFlags());
    }

    /** A new empty directory for one benchmark's journal. */
    public static Path newDataDirectory(final String prefix)
    {
        try
        {
            final String base = System.getProperty(BENCH_DIR_PROPERTY);
            if (base == null)
            {
                return Files.createTempDirectory(prefix);
            }
            final Path parent = Path.of(base);
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Deletes a directory made by {@link #newDataDirectory} with everything in it; null does nothing. */
    public static void deleteDirectory(final Path directory)
    {
        if (directory == null || !Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            final List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (final Path path : all)
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
