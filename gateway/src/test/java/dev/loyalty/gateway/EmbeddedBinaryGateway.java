package dev.loyalty.gateway;

import dev.loyalty.client.Answer;
import dev.loyalty.client.AnswerType;
import dev.loyalty.client.ErrorView;
import dev.loyalty.client.Protocol;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.gateway.binary.BinaryServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The binary protocol's own per-connection pipeline ({@link BinaryServer#configure}: connection limit, idle
 * timeout, {@code BinaryConnectionHandler}) on a Netty {@link EmbeddedChannel}, in front of the real engine of an
 * {@link EmbeddedGateway} (same keys, metrics and settings): bytes go in as a socket would deliver them in one
 * read, and every answer frame is taken as the channel writes it. Buffers come from a counting allocator per
 * connection, so a buffer still referenced once the connection is closed is a leak found on the input that
 * caused it.
 *
 * <p>The embedded event loop is not thread-safe, and the engine's replier hands each answer to it from another
 * thread. So everything that runs on the loop (the read, its tasks, the close) runs behind a <em>gate</em>: a
 * read command published first whose reply blocks the replier until the loop's work is done. While the gate
 * holds, the replier calls no other listener; the answers to everything published before it are queued on the
 * loop already, and those published meanwhile wait behind it.
 */
final class EmbeddedBinaryGateway
{
    private final EmbeddedGateway gateway;
    private final LoyaltyEngine engine;
    private final BinaryServer binary;
    private final int maxFrameLength;

    EmbeddedBinaryGateway(final EmbeddedGateway gateway)
    {
        this.gateway = gateway;
        this.engine = gateway.engine();
        this.binary = BinaryServer.unbound(engine, gateway.authenticator(), gateway.metrics(), gateway.settings());
        this.maxFrameLength = gateway.settings().maxBodyBytes();
    }

    EmbeddedGateway http()
    {
        return gateway;
    }

    int maxFrameLength()
    {
        return maxFrameLength;
    }

    /** What one connection did with the bytes: every answer frame (length field first), whether it closed. */
    record Exchanged(List<byte[]> answers, boolean closed, List<String> leaks)
    {
    }

    /** Opens a connection, delivers {@code bytes} in one read, waits for every answer, and closes it. */
    Exchanged exchange(final byte[] bytes)
    {
        final EmbeddedGateway.CountingAllocator alloc = new EmbeddedGateway.CountingAllocator();
        final List<byte[]> answers = new ArrayList<>();
        final EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>()
        {
            protected void initChannel(final EmbeddedChannel c)
            {
                c.config().setAllocator(alloc);
                binary.configure(c.pipeline());
            }
        });
        final ByteBuf in = alloc.buffer(Math.max(bytes.length, 1));
        in.writeBytes(bytes);
        onLoop(() -> ch.writeInbound(in));
        settle(ch, answers);
        final boolean closed = !ch.isActive();
        onLoop(() ->
        {
            ch.close();
            ch.runPendingTasks();
            take(ch, answers);
            ch.finishAndReleaseAll();
        });
        awaitEmptyRing();
        return new Exchanged(List.copyOf(answers), closed, alloc.leaks());
    }

    /** Runs the loop's tasks until the engine has answered everything published and every answer is written. */
    private void settle(final EmbeddedChannel ch, final List<byte[]> answers)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;)
        {
            final long[] inUse = new long[1];
            onLoop(() ->
            {
                // flushInbound runs the tasks one after the other, as a real event loop does. runPendingTasks
                // would let a task's write run the next task inside it (EmbeddedChannel runs pending tasks on
                // every write outside flushInbound), which no event loop does. Once closed no task writes.
                if (ch.isOpen())
                {
                    ch.flushInbound();
                }
                else
                {
                    ch.runPendingTasks();
                }
                take(ch, answers);
                ch.checkException();
                inUse[0] = engine.ringInUse();
            });
            if (inUse[0] <= 1)
            {
                // Only the gate was in the ring: nothing was published while the loop ran, nothing more will come.
                awaitEmptyRing();
                return;
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("the connection did not settle within 30 s");
            }
        }
    }

    private static void take(final EmbeddedChannel ch, final List<byte[]> answers)
    {
        for (Object o; (o = ch.readOutbound()) != null; )
        {
            final ByteBuf b = (ByteBuf)o;
            try
            {
                if (b.isReadable())
                {
                    final byte[] copy = new byte[b.readableBytes()];
                    b.getBytes(b.readerIndex(), copy);
                    answers.add(copy);
                }
            }
            finally
            {
                b.release();
            }
        }
    }

    /** Runs {@code work} on this thread while the engine's replier is held at a gate. */
    private void onLoop(final Runnable work)
    {
        final Gate gate = new Gate();
        if (!engine.tryPublish(new Commands.GetProgram(), gate))
        {
            throw new AssertionError("the engine took no gate");
        }
        await(gate.reached);
        try
        {
            work.run();
        }
        finally
        {
            gate.open.countDown();
        }
    }

    private void awaitEmptyRing()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.ringInUse() > 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("the engine did not answer within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            if (!latch.await(30, TimeUnit.SECONDS))
            {
                throw new AssertionError("the gate was not reached within 30 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** A reply listener that says it was reached, then holds the replier until it is opened. */
    private static final class Gate implements ReplyListener
    {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        public void onReply(final Command command, final Reply reply)
        {
            reached.countDown();
            await(open);
        }
    }

    /** What {@link #check} learned of an exchange beyond its being well-formed. */
    record Checked(int frames, boolean changedState)
    {
    }

    /**
     * Checks an exchange against the frames the input holds, as docs/binary-protocol.md promises: every whole
     * frame is answered, in order, with its correlation id and the answer type of its request, unless the
     * connection was closed with a defined error frame — a length field it cannot trust (correlation id 0,
     * PAYLOAD_TOO_LARGE or INVALID_REQUEST), or a first frame that is not a good AUTH (UNAUTHORIZED or
     * INVALID_REQUEST with that frame's correlation id); no answer more; a connection that owes no close stays
     * open; every error is in the table with its HTTP status and a message, and none is a 5xx; no buffer leaks.
     * Returns whether an answer says a mutating request succeeded (then state may have changed).
     */
    Checked check(final byte[] input, final Exchanged x, final String show)
    {
        final ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        final List<byte[]> answers = x.answers();
        final Answer answer = new Answer();
        boolean authenticated = false;
        boolean changed = false;
        int frames = 0;
        int next = 0;
        int pos = 0;
        for (byte[] a : answers)
        {
            final int length = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            if (length != a.length - Protocol.LENGTH_FIELD_LENGTH || length < Protocol.MIN_FRAME_LENGTH)
            {
                fail("an answer frame's length field is not its length: " + hex(a), show, x);
            }
            answer.wrap(new UnsafeBuffer(a), Protocol.LENGTH_FIELD_LENGTH, length);
            if (answer.type() == AnswerType.UNKNOWN)
            {
                fail("an answer of no known type: " + hex(a), show, x);
            }
            if (answer.isError())
            {
                checkError(answer.error(), show, x);
            }
        }
        while (input.length - pos >= Protocol.LENGTH_FIELD_LENGTH)
        {
            final long length = in.getInt(pos) & 0xffff_ffffL;
            if (length > maxFrameLength || length < Protocol.MIN_FRAME_LENGTH)
            {
                final ErrorCode expected = length > maxFrameLength ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.INVALID_REQUEST;
                final Answer last = answerAt(answers, next++, answer, show, x, "the length field " + length);
                if (last.correlationId() != Protocol.CONNECTION_CORRELATION_ID || !last.isError() ||
                    last.error().code() != expected)
                {
                    fail("the length field " + length + " at " + pos + " was not answered " + expected +
                        " with correlation id 0 but " + last, show, x);
                }
                return closedAfter(next, answers, frames, changed, show, x);
            }
            if (input.length - pos - Protocol.LENGTH_FIELD_LENGTH < length)
            {
                break;
            }
            final int frame = pos + Protocol.LENGTH_FIELD_LENGTH;
            final long correlationId = in.getLong(frame);
            final int templateId = in.getShort(frame + Protocol.MESSAGE_HEADER_OFFSET + 2) & 0xffff;
            final int schemaId = in.getShort(frame + Protocol.MESSAGE_HEADER_OFFSET + 4) & 0xffff;
            pos = frame + (int)length;
            frames++;
            final Answer a = answerAt(answers, next++, answer, show, x, "frame " + frames);
            if (a.correlationId() != correlationId)
            {
                fail("frame " + frames + " (correlation id " + correlationId + ") answered out of order: " + a, show, x);
            }
            if (!authenticated)
            {
                if (templateId == Protocol.AUTH && schemaId == Protocol.SCHEMA_ID && a.type() == AnswerType.AUTH_OK)
                {
                    authenticated = true;
                    continue;
                }
                final ErrorCode code = a.isError() ? a.error().code() : null;
                if (code != ErrorCode.UNAUTHORIZED && code != ErrorCode.INVALID_REQUEST)
                {
                    fail("a first frame that is not a good AUTH answered " + a, show, x);
                }
                return closedAfter(next, answers, frames, changed, show, x);
            }
            final AnswerType expected = schemaId != Protocol.SCHEMA_ID ? AnswerType.ERROR : answerTo(templateId);
            if (a.type() != expected && a.type() != AnswerType.ERROR)
            {
                fail("frame " + frames + " of template " + templateId + " answered " + a.type(), show, x);
            }
            if (a.isError() && a.error().code() == ErrorCode.UNAUTHORIZED)
            {
                fail("an authenticated connection answered UNAUTHORIZED: " + a, show, x);
            }
            changed |= !a.isError() && mutates(templateId);
        }
        if (next != answers.size())
        {
            fail((answers.size() - next) + " answers more than whole frames", show, x);
        }
        if (x.closed())
        {
            fail("the connection was closed though it owed no close", show, x);
        }
        leaks(x, show);
        return new Checked(frames, changed);
    }

    private Checked closedAfter(
        final int next, final List<byte[]> answers, final int frames, final boolean changed, final String show,
        final Exchanged x)
    {
        if (next != answers.size())
        {
            fail("answers after the connection's last error", show, x);
        }
        if (!x.closed())
        {
            fail("the connection stayed open after its closing error", show, x);
        }
        leaks(x, show);
        return new Checked(frames, changed);
    }

    private static Answer answerAt(
        final List<byte[]> answers, final int index, final Answer answer, final String show, final Exchanged x,
        final String what)
    {
        if (index >= answers.size())
        {
            fail(what + " was not answered" + (x.closed() ? " and the connection closed silently" : ""), show, x);
        }
        final byte[] a = answers.get(index);
        return answer.wrap(new UnsafeBuffer(a), Protocol.LENGTH_FIELD_LENGTH, a.length - Protocol.LENGTH_FIELD_LENGTH);
    }

    private static void checkError(final ErrorView e, final String show, final Exchanged x)
    {
        final ErrorCode code = e.code();
        if (code == null)
        {
            fail("an error code not in the table: " + e.wireCode(), show, x);
        }
        if (code.httpStatus() != e.httpStatus())
        {
            fail("code " + code + " with status " + e.httpStatus(), show, x);
        }
        if (e.httpStatus() >= 500)
        {
            fail("a 5xx for what a client sent: " + code + " " + e.message(), show, x);
        }
        if (e.message() == null || e.message().isEmpty())
        {
            fail("an error without a message: " + code, show, x);
        }
    }

    private static void leaks(final Exchanged x, final String show)
    {
        if (!x.leaks().isEmpty())
        {
            fail("buffers left referenced after the connection closed: " + x.leaks(), show, x);
        }
    }

    static AnswerType answerTo(final int templateId)
    {
        return switch (templateId)
        {
            case Protocol.PING -> AnswerType.PONG;
            case Protocol.AUTHORIZE, Protocol.ONE_SHOT, Protocol.CALCULATE, Protocol.GET_PURCHASE -> AnswerType.PURCHASE;
            case Protocol.CAPTURE -> AnswerType.CAPTURE;
            case Protocol.VOID -> AnswerType.VOID;
            case Protocol.REFUND -> AnswerType.REFUND;
            case Protocol.GET_MEMBER -> AnswerType.MEMBER;
            case Protocol.RECORD_ACTIVITY -> AnswerType.ACTIVITY;
            default -> AnswerType.ERROR;
        };
    }

    private static boolean mutates(final int templateId)
    {
        return switch (templateId)
        {
            case Protocol.AUTHORIZE, Protocol.ONE_SHOT, Protocol.CAPTURE, Protocol.VOID, Protocol.REFUND,
                Protocol.RECORD_ACTIVITY -> true;
            default -> false;
        };
    }

    private static void fail(final String what, final String show, final Exchanged x)
    {
        final StringBuilder s = new StringBuilder(what).append(" for ").append(show).append("; answers:");
        for (final byte[] a : x.answers())
        {
            s.append("\n  ").append(new Answer().wrap(new UnsafeBuffer(a), 4, a.length - 4));
        }
        s.append(x.closed() ? "\n  (closed)" : "\n  (open)");
        throw new AssertionError(s.toString());
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder s = new StringBuilder("[").append(bytes.length).append(" bytes]");
        for (int i = 0; i < Math.min(bytes.length, 200); i++)
        {
            s.append(' ').append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        return bytes.length > 200 ? s.append(" ...").toString() : s.toString();
    }
}
