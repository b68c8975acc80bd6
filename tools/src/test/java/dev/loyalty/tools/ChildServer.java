package dev.loyalty.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code loyalty serve} in a child JVM, as an operator runs it: {@code java} of this JVM's {@code java.home}, the
 * Chronicle flags surefire passes as {@code loyalty.jvm.flags}, this test's class path, on 127.0.0.1 and a free
 * port, which the child prints in its ready line. Its standard output and error are collected line by line.
 */
final class ChildServer implements AutoCloseable
{
    static final Pattern READY = Pattern.compile(
        "^ready: listening on http://127\\.0\\.0\\.1:(\\d+), .* recovered (\\d+) records in (\\d+) ms.*$");
    private static final Pattern BINARY = Pattern.compile(", binary on 127\\.0\\.0\\.1:(\\d+), ");
    private static final Pattern SNAPSHOT = Pattern.compile(" after the snapshot of sequence (\\d+)");
    private static final long READY_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final long startNs = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
    private final Thread reader;
    private long readyNs;

    private ChildServer(
        final Path dataDir, final Map<String, String> environment, final List<String> jvmOptions,
        final List<String> extraArgs)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(System.getProperty("loyalty.jvm.flags", "").trim().split("\\s+"))
            .filter(flag -> !flag.isEmpty())
            .forEach(command::add);
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoyaltyCli.class.getName()));
        command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0", "--binary-port", "0",
            "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LOYALTY_"));
        builder.environment().putAll(environment);
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
        reader = new Thread(this::readOutput, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the child and waits for its ready line. */
    static ChildServer start(final Path dataDir, final Map<String, String> environment, final String... extraArgs)
    {
        return start(dataDir, environment, List.of(), extraArgs);
    }

    /** Starts the child with extra JVM options (after the usual ones) and waits for its ready line. */
    static ChildServer start(
        final Path dataDir, final Map<String, String> environment, final List<String> jvmOptions,
        final String... extraArgs)
    {
        final ChildServer child = new ChildServer(dataDir, environment, jvmOptions, List.of(extraArgs));
        child.awaitReady();
        return child;
    }

    int port()
    {
        return Integer.parseInt(awaitReady().group(1));
    }

    /** The binary protocol's port, as the ready line says (the child is started with {@code --binary-port 0}). */
    int binaryPort()
    {
        final Matcher binary = BINARY.matcher(awaitReady().group(0));
        if (!binary.find())
        {
            throw new AssertionError("the ready line has no binary port: " + awaitReady().group(0));
        }
        return Integer.parseInt(binary.group(1));
    }

    /**
     * The sequence of the snapshot recovery started from, as the ready line says; 0 when it replayed the whole
     * journal.
     */
    long snapshotSequence()
    {
        final Matcher m = SNAPSHOT.matcher(awaitReady().group(0));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Records replayed at start (the journal after the snapshot, if one was loaded), as the ready line says. */
    long recoveredRecords()
    {
        return Long.parseLong(awaitReady().group(2));
    }

    /** How long the engine took to replay the journal, as the ready line says. */
    long recoveryMillis()
    {
        return Long.parseLong(awaitReady().group(3));
    }

    /** From starting the JVM to its ready line. */
    long startToReadyMillis()
    {
        awaitReady();
        return TimeUnit.NANOSECONDS.toMillis(readyNs - startNs);
    }

    long pid()
    {
        return process.pid();
    }

    /**
     * SIGKILL, then waits; returns the exit code (137). Sent through the {@link ProcessHandle}: on Linux
     * {@code destroyForcibly()} is {@code kill(pid, SIGKILL)}, and unlike {@link Process#destroyForcibly()} the
     * handle's does not close the child's output before the last lines are read.
     */
    int kill() throws InterruptedException
    {
        process.toHandle().destroyForcibly();
        return awaitExit();
    }

    /** SIGTERM ({@code kill(pid, SIGTERM)} through the {@link ProcessHandle}), then waits; returns the exit code. */
    int terminate() throws InterruptedException
    {
        process.toHandle().destroy();
        return awaitExit();
    }

    /** Waits for the child to end by itself and for its last output line; returns its exit code. */
    int awaitExit() throws InterruptedException
    {
        if (!process.waitFor(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            throw new AssertionError("the child did not exit:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Every line the child printed so far. */
    String output()
    {
        synchronized (lines)
        {
            return String.join("\n", lines);
        }
    }

    List<String> outputLines()
    {
        synchronized (lines)
        {
            return List.copyOf(lines);
        }
    }

    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
    }

    private Matcher awaitReady()
    {
        try
        {
            return ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            close();
            throw new AssertionError("the child printed no ready line:\n" + output(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the child", ex);
        }
    }

    private void readOutput()
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                synchronized (lines)
                {
                    lines.add(line);
                }
                final Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.matches())
                {
                    readyNs = System.nanoTime();
                    ready.complete(matcher);
                }
            }
        }
        catch (final IOException ex)
        {
            ready.completeExceptionally(ex);
        }
        ready.completeExceptionally(new IllegalStateException("the child's output ended"));
    }
}
