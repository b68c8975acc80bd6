package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.loyalty.engine.pipeline.PipelineTest.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The free-space guard on a real file system that fills up: a small ext4 image mounted through a loop device
 * (root only; elsewhere the test is skipped, the injected probe of {@link DiskSpaceGuardTest} covers the logic).
 * A ballast file takes the disk under the minimum: journaled commands are refused, reads answer; the ballast is
 * deleted: writes resume; a restart recovers everything that was acknowledged.
 */
@Tag("slow")
class FullDiskTest
{
    private static final long MIN_FREE = 8L << 20;

    @TempDir
    Path root;

    @Test
    void shouldRefuseWritesWhileARealFileSystemIsNearlyFullAndResumeWhenSpaceIsFreed() throws Exception
    {
        final Path image = root.resolve("disk.img");
        final Path mount = Files.createDirectories(root.resolve("mnt"));
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
        {
            channel.truncate(0);
            channel.write(ByteBuffer.allocate(1), (48L << 20) - 1);
        }
        Assumptions.assumeTrue(run("mkfs.ext4", "-q", "-F", image.toString()) == 0, "no mkfs.ext4 here");
        Assumptions.assumeTrue(run("mount", "-o", "loop", image.toString(), mount.toString()) == 0,
            "cannot mount a loop device here (not root?)");
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final EngineContext ctx = new EngineContext().dataDir(mount.resolve("data"))
            .clock(new ManualClock(1_796_000_000_000L)).minFreeDiskBytes(MIN_FREE).diskCheckIntervalMillis(5)
            .snapshots(false).onWarning(warnings::add);
        try
        {
            final String digest;
            try (LoyaltyEngine engine = LoyaltyEngine.start(ctx))
            {
                for (int i = 0; i < 20; i++)
                {
                    assertEquals(201, call(engine, member(i)).httpStatus());
                }
                final Path ballast = mount.resolve("ballast");
                fill(ballast, Files.getFileStore(mount).getUsableSpace() - MIN_FREE / 2);
                await(() -> !engine.journalWritable());
                assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, call(engine, member(20)).errorCode());
                assertEquals(200, call(engine, new Commands.GetMember(null, MemberRef.byId("m_1"))).httpStatus());
                assertEquals(20, engine.journalSequence());

                Files.delete(ballast);
                await(engine::journalWritable);
                assertEquals(201, call(engine, member(20)).httpStatus());
                engine.close();
                digest = engine.businessLogic().stateDigest();
            }
            try (LoyaltyEngine restarted = LoyaltyEngine.start(ctx))
            {
                assertEquals(21, restarted.recoveredRecords());
                restarted.close();
                assertEquals(digest, restarted.businessLogic().stateDigest());
            }
            assertTrue(warnings.size() >= 2 && warnings.get(0).contains("bytes free"), warnings.toString());
        }
        finally
        {
            run("umount", "-l", mount.toString());
        }
    }

    private static Commands.CreateMember member(final int i)
    {
        return new Commands.CreateMember("m-" + i, null, List.of(new Identifier(IdentifierType.CARD, "card-" + i)),
            null, null, Map.of());
    }

    private static void fill(final Path file, final long bytes) throws IOException
    {
        final ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
        {
            long written = 0;
            while (written < bytes)
            {
                block.clear().limit((int)Math.min(block.capacity(), bytes - written));
                written += channel.write(block);
            }
            channel.force(true);
        }
    }

    private static void await(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(2);
        }
        assertTrue(condition.getAsBoolean(), "the guard did not notice in time");
    }

    private static int run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
