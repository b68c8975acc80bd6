package dev.loyalty.engine.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The snapshot follower's thread runs at the nice value the context names, read back from the kernel
 * ({@code /proc/self/task/TID/stat}), while the engine's other threads keep theirs; a snapshot is still written.
 */
class SnapshotNiceTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunTheFollowerThreadAtTheContextsNiceValue() throws Exception
    {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final int before = niceOf(ThreadNice.currentThreadId());
        try (LoyaltyEngine engine = LoyaltyEngine.start(
            new EngineContext().dataDir(dir).snapshotNice(before + 7).onWarning(warnings::add)))
        {
            final long deadline = System.nanoTime() + 10_000_000_000L;
            List<Integer> follower = niceOfThreads("loyalty-snapsho");
            while ((follower.isEmpty() || follower.get(0) != before + 7) && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
                follower = niceOfThreads("loyalty-snapsho");
            }
            assertEquals(List.of(before + 7), follower, "the follower's thread; warnings " + warnings);
            // the business logic's thread (its name cut to the 15 characters Linux keeps)
            final List<Integer> logic = niceOfThreads(
                engine.stages() == PipelineStages.SINGLE ? "loyalty-pipelin" : "loyalty-logic");
            assertEquals(List.of(before), logic, "the business logic keeps the process's nice value");
            assertTrue(engine.takeSnapshot().get(60, TimeUnit.SECONDS).bytes() > 0, "the follower still writes a snapshot");
            assertEquals(List.of(), warnings);
        }
        assertEquals(before, niceOf(ThreadNice.currentThreadId()), "the calling thread is left alone");
    }

    @Test
    void shouldRefuseANiceValueOutsideZeroToNineteen()
    {
        assertThrows(IllegalArgumentException.class, () -> ThreadNice.lowerCurrentThread(20));
        assertThrows(IllegalArgumentException.class, () -> ThreadNice.lowerCurrentThread(-1));
        assertNull(ThreadNice.lowerCurrentThread(0), "0: left unchanged, nothing to refuse");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> LoyaltyEngine.start(new EngineContext().dataDir(dir).snapshotNice(20)));
        assertEquals("snapshotNice must be 0..19: 20", ex.getMessage());
    }

    /** The nice values of this process's threads whose name ({@code comm}, 15 characters) is {@code name}. */
    private static List<Integer> niceOfThreads(final String name) throws IOException
    {
        final List<Integer> nice = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    if (Files.readString(task.resolve("comm")).strip().equals(name))
                    {
                        nice.add(niceOf(Integer.parseInt(task.getFileName().toString())));
                    }
                }
                catch (final IOException gone)
                {
                    // the thread ended while it was listed
                }
            }
        }
        return nice;
    }

    /** Field 19 of {@code /proc/self/task/TID/stat}, counted after the parenthesised name. */
    private static int niceOf(final int tid) throws IOException
    {
        final String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
