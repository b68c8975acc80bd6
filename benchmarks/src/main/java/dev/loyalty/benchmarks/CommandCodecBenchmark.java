package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.journal.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The journal's SBE codec ({@link CommandCodec}) on an Authorize command like API.md's example: a member by
 * card, {@code occurredAt}, payment, a coupon and {@code lines} lines. {@link #encode} writes it into a direct
 * buffer as the journaler does; {@link #decode} reads it back into a command as replay does (which builds the
 * command's objects, so it allocates by design). Setup checks that the decoded command equals the original;
 * teardown checks it again, and that the encode buffer holds exactly the bytes the decode reads.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar CommandCodecBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CommandCodecBenchmark
{
    /** Lines on the cheque. */
    @Param({"3", "5"})
    public int lines;

    private final CommandCodec encoder = new CommandCodec();
    private final CommandCodec decoder = new CommandCodec();
    private final UnsafeBuffer encodeBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final UnsafeBuffer decodeBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private Commands.Authorize command;
    private int length;

    /** Builds the command, encodes it once and checks the round trip. */
    @Setup(Level.Trial)
    public void encodeOnce()
    {
        final List<Line> cheque = new ArrayList<>();
        for (int i = 0; i < lines; i++)
        {
            cheque.add(new Line("SKU-" + (100_001 + i), i % 2 == 0 ? "coffee" : "bakery", 1 + i % 3, 2_500 + 1_000L * i));
        }
        command = new Commands.Authorize(null, new PurchaseRequest(
            "s42-r3-000981", "s42", MemberRef.byIdentifier(IdentifierType.CARD, "7770000000001"),
            "2026-12-06T09:15:00+03:00", "CARD", cheque, 100, false, List.of("WELCOME10")));
        length = encoder.encode(command, decodeBuffer, 0);
        verify();
    }

    /** Checks the round trip again, and that encoding still writes the bytes decoding reads. */
    @TearDown(Level.Trial)
    public void verify()
    {
        final Command decoded = decoder.decode(decodeBuffer, 0, length);
        if (!command.equals(decoded))
        {
            throw new IllegalStateException("decode(encode(c)) != c: " + decoded);
        }
        final int encodedLength = encoder.encode(command, encodeBuffer, 0);
        if (encodedLength != length)
        {
            throw new IllegalStateException("encoded " + encodedLength + " bytes, expected " + length);
        }
        for (int i = 0; i < length; i++)
        {
            if (encodeBuffer.getByte(i) != decodeBuffer.getByte(i))
            {
                throw new IllegalStateException("encoding differs at byte " + i);
            }
        }
    }

    /** Encodes the Authorize command; returns its length in bytes. */
    @Benchmark
    public int encode()
    {
        return encoder.encode(command, encodeBuffer, 0);
    }

    /** Decodes the encoded Authorize command into a new command. */
    @Benchmark
    public Command decode()
    {
        return decoder.decode(decodeBuffer, 0, length);
    }
}
