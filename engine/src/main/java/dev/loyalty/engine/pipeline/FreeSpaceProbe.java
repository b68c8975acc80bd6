package dev.loyalty.engine.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes the file store of a directory can still take. {@link #FILE_STORE} asks the operating system;
 * tests inject their own to play a disk that fills up and empties again.
 */
@FunctionalInterface
public interface FreeSpaceProbe
{
    /** The file store's usable space as {@link java.nio.file.FileStore#getUsableSpace()} reports it. */
    FreeSpaceProbe FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    /** Bytes the file store holding {@code dir} can still take. */
    long usableBytes(Path dir) throws IOException;
}
