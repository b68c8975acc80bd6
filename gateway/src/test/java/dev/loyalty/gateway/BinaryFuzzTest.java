package dev.loyalty.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.loyalty.client.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Jazzer fuzz tests of the binary protocol's frame decoder through its real Netty pipeline
 * ({@link EmbeddedBinaryGateway}: the handlers {@code BinaryServer.configure} adds, on an {@code EmbeddedChannel},
 * in front of a real engine). Whatever the bytes: no exception escapes, every whole frame is answered in order
 * or the connection is closed with a defined error frame, no error is a 5xx and no frame is an internal error
 * ({@code loyalty_binary_internal_errors_total} stays 0, the engine never halts), no buffer leaks, and frames
 * the server rejects change no state (a probe of the seeded member and purchase reads the same bytes after
 * them).
 *
 * <p>In every build the committed corpus replays as regression tests ({@code src/test/resources/.../
 * BinaryFuzzTestInputs/<method>/}: a valid frame of every request type, encoded with the client's own
 * {@code FrameEncoder}, pipelined checkouts, and malformed frames; {@link BinaryFuzzCorpus} writes them). To fuzz
 * one method: {@code JAZZER_FUZZ=1 mvn -o -pl gateway -am test -Dtest=BinaryFuzzTest#<method>
 * -Djazzer.hooks=true -Djazzer.max_duration=3m -Dio.netty.leakDetection.level=paranoid
 * -Dsurefire.failIfNoSpecifiedTests=false}; a finding is written to the same directory and fails the run.
 */
class BinaryFuzzTest
{
    @TempDir
    static Path dir;

    private static EmbeddedGateway http;
    private static EmbeddedBinaryGateway gateway;
    private static byte[] probe;
    private static byte[] probed;

    @BeforeAll
    static void start()
    {
        http = new EmbeddedGateway(dir.resolve("fuzz"));
        gateway = new EmbeddedBinaryGateway(http);
        BinaryFuzzCorpus.seedState(http);
        probe = BinaryFuzzCorpus.probe();
        probed = probeState();
        System.out.println("fuzz: Netty leak detection " + io.netty.util.ResourceLeakDetector.getLevel() +
            " (-Dio.netty.leakDetection.level=paranoid to fuzz), and a counting allocator per connection");
    }

    @AfterAll
    static void stop()
    {
        http.close();
        assertEquals(java.util.List.of(), http.engine().businessLogic().checkInvariants(), "the ledger's invariants");
    }

    /**
     * Any frames on an authenticated connection: the first byte picks the key of the AUTH frame sent before them
     * (admin or the partner's pos key), the rest goes in as read from the socket.
     */
    @FuzzTest(maxDuration = "3m")
    void shouldAnswerEveryFrameAfterAuthWithoutAnInternalError(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        final String key = (input[0] & 1) == 0 ? EmbeddedGateway.ADMIN_KEY : http.posKey();
        final byte[] auth = RawBinary.auth(1, Protocol.VERSION, key);
        final byte[] bytes = new byte[auth.length + input.length - 1];
        System.arraycopy(auth, 0, bytes, 0, auth.length);
        System.arraycopy(input, 1, bytes, auth.length, input.length - 1);
        exchangeAndCheck(bytes);
    }

    /** Any bytes on a fresh connection, before AUTH: refused with a defined error and closed, or authenticated. */
    @FuzzTest(maxDuration = "3m")
    void shouldAnswerAnyBytesBeforeAuthWithAnErrorOrAuthOk(final byte[] input)
    {
        exchangeAndCheck(input);
    }

    /** Every request type has a valid frame in the corpus, so that fuzzing starts from each decoder. */
    @Test
    void shouldSeedTheCorpusWithAValidFrameOfEveryRequestType() throws IOException
    {
        final Set<Integer> seeded = new TreeSet<>();
        final Path corpus = corpusDir("shouldAnswerEveryFrameAfterAuthWithoutAnInternalError");
        try (Stream<Path> files = Files.list(corpus))
        {
            for (final Path file : files.toList())
            {
                final byte[] input = Files.readAllBytes(file);
                final ByteBuffer b = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
                for (int pos = 1; input.length - pos >= 4 + Protocol.MIN_FRAME_LENGTH; )
                {
                    final int length = b.getInt(pos);
                    if (length < Protocol.MIN_FRAME_LENGTH || length > input.length - pos - 4)
                    {
                        break;
                    }
                    seeded.add(b.getShort(pos + 4 + Protocol.MESSAGE_HEADER_OFFSET + 2) & 0xffff);
                    pos += 4 + length;
                }
            }
        }
        for (final int template : BinaryFuzzCorpus.REQUEST_TEMPLATES)
        {
            assertEquals(true, seeded.contains(template), "a frame of template " + template + " in " + corpus);
        }
    }

    /** The committed corpus is what {@link BinaryFuzzCorpus} writes (regenerate it after a protocol change). */
    @Test
    void shouldCommitTheCorpusTheGeneratorWrites() throws IOException
    {
        final Path written = dir.resolve("corpus");
        BinaryFuzzCorpus.write(written);
        for (final String method : new String[] {
            "shouldAnswerEveryFrameAfterAuthWithoutAnInternalError", "shouldAnswerAnyBytesBeforeAuthWithAnErrorOrAuthOk"})
        {
            try (Stream<Path> files = Files.list(written.resolve(method)))
            {
                for (final Path file : files.toList())
                {
                    final Path committed = corpusDir(method).resolve(file.getFileName().toString());
                    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(committed), committed.toString());
                }
            }
        }
    }

    /** A rejected frame leaves the seeded member and purchase as they were, byte for byte. */
    @Test
    void shouldLeaveStateUnchangedByRejectedFrames()
    {
        final byte[] before = probeState();
        exchangeAndCheck(BinaryFuzzCorpus.overRedeemingAuthorize());
        assertArrayEquals(before, probeState());
    }

    private static void exchangeAndCheck(final byte[] bytes)
    {
        final long internalErrorsBefore = http.metrics().binaryInternalErrors();
        final EmbeddedBinaryGateway.Exchanged x = gateway.exchange(bytes);
        final String show = EmbeddedBinaryGateway.hex(bytes);
        final EmbeddedBinaryGateway.Checked checked = gateway.check(bytes, x, show);
        assertEquals(internalErrorsBefore, http.metrics().binaryInternalErrors(), "an internal error for " + show);
        assertFalse(http.engine().isHalted(), "the engine halted on " + show);
        final byte[] now = probeState();
        if (!checked.changedState() && !Arrays.equals(probed, now))
        {
            throw new AssertionError("rejected frames changed the seeded member or purchase: " + show);
        }
        probed = now;
    }

    /** The answers to a lookup of the seeded member and of its captured purchase, as bytes. */
    private static byte[] probeState()
    {
        final EmbeddedBinaryGateway.Exchanged x = gateway.exchange(probe);
        assertEquals(3, x.answers().size(), "the probe's answers");
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        x.answers().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static Path corpusDir(final String method)
    {
        final Path p = Path.of("src/test/resources/dev/loyalty/gateway/BinaryFuzzTestInputs").resolve(method);
        if (!Files.isDirectory(p))
        {
            throw new UncheckedIOException(new IOException("no corpus at " + p.toAbsolutePath()));
        }
        return p;
    }
}
