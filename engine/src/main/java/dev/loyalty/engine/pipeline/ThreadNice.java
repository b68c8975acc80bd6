package dev.loyalty.engine.pipeline;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lowers the CPU priority of the calling thread alone: its Linux nice value, with {@code setpriority(2)} on its
 * thread id (on Linux a thread id names one thread there, not the process), through JNA. Raising a nice value
 * needs no privilege. Threads the thread starts afterwards inherit the value. For background work that must not
 * keep the live pipeline's stages off a core (the snapshot follower); RocksDB lowers its compaction threads the
 * same way.
 */
final class ThreadNice
{
    /** The largest nice value: only what every other thread leaves idle. */
    static final int MAX = 19;
    private static final int PRIO_PROCESS = 0;

    private interface LibC extends Library
    {
        int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    private static volatile LibC libc;

    private ThreadNice()
    {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (0..{@value #MAX}); 0 leaves it unchanged. Returns
     * null once it is set, or why it could not be (not Linux, no C library, the call refused).
     */
    static String lowerCurrentThread(final int nice)
    {
        if (nice < 0 || nice > MAX)
        {
            throw new IllegalArgumentException("nice must be 0.." + MAX + ": " + nice);
        }
        if (nice == 0)
        {
            return null;
        }
        try
        {
            final int tid = currentThreadId();
            if (tid < 0)
            {
                return "not on Linux (no /proc/thread-self)";
            }
            library().setpriority(PRIO_PROCESS, tid, nice);
            return null;
        }
        catch (final LastErrorException ex)
        {
            return "setpriority failed: errno " + ex.getErrorCode();
        }
        catch (final IOException | RuntimeException | LinkageError ex)
        {
            return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
    }

    /** The calling thread's Linux thread id ({@code /proc/thread-self} links to {@code PID/task/TID}), or -1. */
    static int currentThreadId() throws IOException
    {
        final Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self))
        {
            return -1;
        }
        return Integer.parseInt(Files.readSymbolicLink(self).getFileName().toString());
    }

    private static LibC library()
    {
        LibC c = libc;
        if (c == null)
        {
            c = Native.load("c", LibC.class);
            libc = c;
        }
        return c;
    }
}
