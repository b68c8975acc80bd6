package dev.loyalty.tools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <data-dir>/lock} ({@code fcntl} on Linux, released by the kernel when the process
 * dies, even by SIGKILL): {@code serve} holds it while it runs and {@code seed --offline} while it writes the
 * journal, so that neither writes a journal another process is writing. Chronicle Queue itself would let two
 * processes append, interleaving their sequence numbers.
 */
public final class DataDirLock implements AutoCloseable
{
    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing data directory, or returns null when another process (or this one) holds it.
     * Throws when the lock file cannot be created.
     */
    public static DataDirLock tryAcquire(final Path dataDir) throws IOException
    {
        final FileChannel channel = FileChannel.open(
            dataDir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        final FileLock lock;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            channel.close();
            return null;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
        if (lock == null)
        {
            channel.close();
            return null;
        }
        return new DataDirLock(channel, lock);
    }

    /** Releases the lock. */
    public void close()
    {
        try
        {
            lock.release();
            channel.close();
        }
        catch (final IOException ignore)
        {
            // the kernel drops the lock with the descriptor in any case
        }
    }
}
