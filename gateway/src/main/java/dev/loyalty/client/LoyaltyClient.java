package dev.loyalty.client;

import dev.loyalty.engine.sbe.AuthOkDecoder;
import dev.loyalty.engine.sbe.KeyRole;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A client of the binary protocol (docs/binary-protocol.md): one TCP connection, authenticated at connect,
 * with any number of requests in flight. It owns no thread: the application's thread sends, and polls for the
 * answers, which come in request order to the listener given with each request.
 * <pre>{@code
 * try (LoyaltyClient client = LoyaltyClient.connect(new ClientContext().port(9090).key(key)))
 * {
 *     // blocking, for tests and scripts: the answer is valid until the next blocking call
 *     PurchaseView p = client.call(authorize).purchase();
 *
 *     // pipelined: send many, then poll; one listener for all, told apart by correlation id
 *     long id = client.send(authorize, listener);     // BACK_PRESSURED: poll, then send again
 *     while (client.inFlight() > 0)
 *     {
 *         client.poll(1);                             // flushes, reads, calls listener.onAnswer(answer)
 *     }
 * }
 * }</pre>
 * <b>Threads.</b> A client is not thread-safe: one thread at a time calls every method, and listeners run on
 * that thread inside {@link #poll()} (or a blocking call). For more throughput use one client per thread, or
 * one thread driving several clients.
 * <p>
 * <b>Allocation.</b> Sending encodes the request straight into the send buffer, and answers are read in place
 * through flyweight views: with reused {@link Request}s and one listener, sending and polling allocate nothing
 * (string accessors of the views allocate when called).
 * <p>
 * <b>Failures.</b> When the connection closes (the server closed it after an error frame, or a read or write
 * failed), {@link #isClosed()} turns true, {@link #closeReason()} says why, sends return {@link #CLOSED}, and the
 * requests still in flight are never answered: their outcome is unknown, so retry them with the same
 * idempotency key on a new connection.
 */
public final class LoyaltyClient implements AutoCloseable
{
    /** {@link #send} could not take the request now: too many in flight or the send buffer is full; poll. */
    public static final long BACK_PRESSURED = -1;
    /** {@link #send} could not take the request: the connection is closed. */
    public static final long CLOSED = -2;

    private static final int MAX_ANSWER_LENGTH = 64 * 1024 * 1024;

    private final ClientContext ctx;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final FrameEncoder frameEncoder = new FrameEncoder();
    private final Answer answer = new Answer();
    private final Answer callAnswer = new Answer();
    private final ExpandableArrayBuffer callCopy = new ExpandableArrayBuffer(1024);
    private final AnswerListener callListener = this::onCallAnswer;
    private final AnswerListener[] listeners;
    private final int mask;
    private final long callTimeoutNs;

    private final ByteBuffer sendBytes;
    private final UnsafeBuffer send;
    private int sendPosition;
    private int sendLimit;
    private ByteBuffer receiveBytes;
    private final UnsafeBuffer receive = new UnsafeBuffer(0, 0);
    private int receivePosition;
    private int receiveLimit;

    private long nextCorrelationId = 1;
    private int inFlight;
    private boolean closed;
    private String closeReason;
    private long callCorrelationId;
    private boolean callDone;
    private int callLength;

    private int serverMaxFrameLength;
    private int serverMaxInFlight;
    private long serverIdleTimeoutMillis;
    private boolean admin;
    private String keyId;
    private String partnerId;

    private LoyaltyClient(final ClientContext ctx) throws IOException
    {
        this.ctx = ctx;
        int window = 1;
        while (window < ctx.maxInFlight())
        {
            window <<= 1;
        }
        listeners = new AnswerListener[window];
        mask = window - 1;
        callTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.callTimeoutMillis());
        sendBytes = ByteBuffer.allocateDirect(ctx.sendBufferBytes());
        send = new UnsafeBuffer(sendBytes);
        receiveBytes = ByteBuffer.allocateDirect(ctx.receiveBufferBytes());
        receive.wrap(receiveBytes);

        channel = SocketChannel.open();
        try
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(ctx.host(), ctx.port()), (int)ctx.connectTimeoutMillis());
            channel.configureBlocking(false);
            selector = Selector.open();
            key = channel.register(selector, SelectionKey.OP_READ);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Connects, sends the AUTH frame with {@code ctx.key()}, and waits for AUTH_OK.
     *
     * @throws LoyaltyClientException when the server cannot be reached in time or refuses the key (the message
     *                                has the server's error).
     */
    public static LoyaltyClient connect(final ClientContext ctx)
    {
        ctx.validate();
        final LoyaltyClient client;
        try
        {
            client = new LoyaltyClient(ctx);
        }
        catch (final IOException ex)
        {
            throw new LoyaltyClientException("cannot connect to " + ctx.host() + ":" + ctx.port() + ": " + ex, ex);
        }
        try
        {
            client.authenticate();
            return client;
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    private void authenticate()
    {
        final Answer a = call(new AuthRequest(ctx.key(), Protocol.VERSION),
            TimeUnit.MILLISECONDS.toNanos(ctx.connectTimeoutMillis()));
        if (a.type() != AnswerType.AUTH_OK)
        {
            throw new LoyaltyClientException("the server refused the connection: " + a);
        }
        final AuthOkDecoder ok = new AuthOkDecoder().wrap(
            a.buffer(), a.offset() + Protocol.MESSAGE_OFFSET,
            a.buffer().getShort(a.offset() + Protocol.MESSAGE_HEADER_OFFSET, Protocol.BYTE_ORDER) & 0xFFFF,
            Protocol.SCHEMA_VERSION);
        serverMaxFrameLength = (int)Math.min(Integer.MAX_VALUE, ok.maxFrameLength());
        serverMaxInFlight = (int)Math.min(Integer.MAX_VALUE, ok.maxInFlight());
        serverIdleTimeoutMillis = ok.idleTimeoutMillis();
        admin = ok.role() == KeyRole.ADMIN;
        keyId = emptyToNull(ok.keyId());
        partnerId = emptyToNull(ok.partnerId());
    }

    /**
     * Encodes {@code request} into the send buffer with the next correlation id and remembers {@code listener}
     * for its answer. Nothing is written to the socket until {@link #flush()} or {@link #poll()}.
     *
     * @return the request's correlation id (from 1, one more per request), {@link #BACK_PRESSURED} when the
     *         window or the send buffer is full (poll, then send again), or {@link #CLOSED}.
     * @throws IllegalArgumentException when the request cannot fit the send buffer at all.
     */
    public long send(final Request request, final AnswerListener listener)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (inFlight == listeners.length)
        {
            return BACK_PRESSURED;
        }
        final int maxLength = FrameEncoder.maxFrameLength(request);
        if (send.capacity() - sendLimit < maxLength)
        {
            flush();
            compactSendBuffer();
            if (send.capacity() - sendLimit < maxLength)
            {
                if (maxLength > send.capacity())
                {
                    throw new IllegalArgumentException("a request of up to " + maxLength + " bytes does not fit " +
                        "the send buffer of " + send.capacity() + " bytes (ClientContext.sendBufferBytes)");
                }
                return BACK_PRESSURED;
            }
        }
        final long correlationId = nextCorrelationId++;
        sendLimit += frameEncoder.encode(request, correlationId, send, sendLimit);
        listeners[(int)(correlationId & mask)] = listener;
        inFlight++;
        return correlationId;
    }

    /**
     * Writes what the send buffer holds, as far as the socket takes it now, without blocking.
     *
     * @return true when everything buffered is written.
     */
    public boolean flush()
    {
        if (closed || sendPosition == sendLimit)
        {
            return sendPosition == sendLimit;
        }
        try
        {
            sendBytes.limit(sendLimit).position(sendPosition);
            sendPosition += channel.write(sendBytes);
        }
        catch (final IOException ex)
        {
            closeWith("write failed: " + ex.getMessage());
            return false;
        }
        if (sendPosition == sendLimit)
        {
            sendPosition = 0;
            sendLimit = 0;
            return true;
        }
        return false;
    }

    /**
     * Flushes, reads what has arrived, and calls each answer's listener, without blocking.
     *
     * @return the number of answers handled.
     */
    public int poll()
    {
        if (closed)
        {
            return 0;
        }
        flush();
        if (closed)
        {
            return 0;
        }
        final int read;
        try
        {
            receiveBytes.limit(receiveBytes.capacity()).position(receiveLimit);
            read = channel.read(receiveBytes);
        }
        catch (final IOException ex)
        {
            closeWith("read failed: " + ex.getMessage());
            return 0;
        }
        if (read > 0)
        {
            receiveLimit += read;
        }
        final int handled = dispatch();
        if (read < 0)
        {
            closeWith("the server closed the connection");
        }
        return handled;
    }

    /**
     * Registers the connection's socket with {@code selector}, for a thread that drives many clients and waits
     * for any of them in one {@link Selector#select}: the key is selected when answers have arrived (call
     * {@link #poll()}), or, with {@link SelectionKey#OP_WRITE} added to its interest, when the socket takes
     * bytes again after a {@link #flush()} that returned false. The client's own waits ({@link #poll(long)},
     * {@link #call}) keep working; only the thread that polls the client may use the key.
     *
     * @param attachment what the key carries, e.g. the caller's object for this connection.
     * @return the key, interested in {@link SelectionKey#OP_READ}.
     * @throws IOException when the selector is closed or the connection is.
     */
    public SelectionKey register(final Selector selector, final Object attachment) throws IOException
    {
        if (closed)
        {
            throw new IOException("the connection is closed: " + closeReason);
        }
        return channel.register(selector, SelectionKey.OP_READ, attachment);
    }

    /** True when bytes of sent requests are still in the send buffer, waiting for the socket ({@link #flush()}). */
    public boolean hasUnflushed()
    {
        return sendPosition != sendLimit;
    }

    /**
     * Like {@link #poll()}, but waits up to {@code timeoutMillis} for something to arrive when nothing has, so
     * that a thread waiting for answers does not spin.
     */
    public int poll(final long timeoutMillis)
    {
        final int handled = poll();
        if (handled > 0 || closed)
        {
            return handled;
        }
        awaitIo(timeoutMillis);
        return poll();
    }

    /**
     * Sends {@code request} and waits for its answer (other requests' answers go to their listeners meanwhile).
     *
     * @return the answer, valid until the next blocking call.
     * @throws LoyaltyClientException when the connection closes or no answer comes within the call timeout.
     */
    public Answer call(final Request request)
    {
        return call(request, callTimeoutNs);
    }

    private Answer call(final Request request, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long id;
        while ((id = send(request, callListener)) == BACK_PRESSURED)
        {
            waitForProgress(deadlineNs);
        }
        if (id == CLOSED)
        {
            throw new LoyaltyClientException("the connection is closed: " + closeReason);
        }
        callCorrelationId = id;
        callDone = false;
        while (!callDone)
        {
            waitForProgress(deadlineNs);
        }
        return callAnswer.wrap(callCopy, 0, callLength);
    }

    private void waitForProgress(final long deadlineNs)
    {
        if (poll() > 0)
        {
            return;
        }
        if (closed)
        {
            throw new LoyaltyClientException("the connection is closed: " + closeReason);
        }
        final long leftNs = deadlineNs - System.nanoTime();
        if (leftNs <= 0)
        {
            throw new LoyaltyClientException(
                "no answer within " + TimeUnit.NANOSECONDS.toMillis(callTimeoutNs) + " ms");
        }
        awaitIo(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNs)));
    }

    private void onCallAnswer(final Answer a)
    {
        if (a.correlationId() == callCorrelationId)
        {
            callLength = a.length();
            callCopy.putBytes(0, a.buffer(), a.offset(), a.length());
            callDone = true;
        }
    }

    private void awaitIo(final long timeoutMillis)
    {
        try
        {
            key.interestOps(sendPosition == sendLimit ? SelectionKey.OP_READ :
                SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            selector.select(Math.max(1, timeoutMillis));
            selector.selectedKeys().clear();
        }
        catch (final IOException ex)
        {
            closeWith("wait failed: " + ex.getMessage());
        }
    }

    private int dispatch()
    {
        int handled = 0;
        while (!closed)
        {
            final int available = receiveLimit - receivePosition;
            if (available < Protocol.LENGTH_FIELD_LENGTH)
            {
                break;
            }
            final long length = receive.getInt(receivePosition, Protocol.BYTE_ORDER) & 0xFFFF_FFFFL;
            if (length < Protocol.MIN_FRAME_LENGTH || length > MAX_ANSWER_LENGTH)
            {
                closeWith("the server sent a frame length of " + length);
                break;
            }
            final int frame = Protocol.LENGTH_FIELD_LENGTH + (int)length;
            if (available < frame)
            {
                if (frame > receive.capacity())
                {
                    growReceiveBuffer(frame);
                }
                break;
            }
            onFrame(receivePosition + Protocol.LENGTH_FIELD_LENGTH, (int)length);
            receivePosition += frame;
            handled++;
        }
        if (receivePosition == receiveLimit)
        {
            receivePosition = 0;
            receiveLimit = 0;
        }
        else if (receivePosition > 0)
        {
            receiveBytes.limit(receiveLimit).position(receivePosition);
            receiveBytes.compact();
            receiveLimit -= receivePosition;
            receivePosition = 0;
        }
        return handled;
    }

    private void onFrame(final int offset, final int length)
    {
        answer.wrap(receive, offset, length);
        final long id = answer.correlationId();
        if (id == Protocol.CONNECTION_CORRELATION_ID)
        {
            closeReason = answer.toString();
            final AnswerListener listener = ctx.connectionListener();
            if (listener != null)
            {
                listener.onAnswer(answer);
            }
            return;
        }
        final long expected = nextCorrelationId - inFlight;
        if (inFlight == 0 || id != expected)
        {
            closeWith("the server answered correlation id " + id + " where " +
                (inFlight == 0 ? "none" : String.valueOf(expected)) + " was due");
            return;
        }
        final int slot = (int)(id & mask);
        final AnswerListener listener = listeners[slot];
        listeners[slot] = null;
        inFlight--;
        if (listener != null)
        {
            listener.onAnswer(answer);
        }
    }

    private void growReceiveBuffer(final int frameLength)
    {
        final ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(frameLength, receiveBytes.capacity() * 2));
        receiveBytes.limit(receiveLimit).position(receivePosition);
        bigger.put(receiveBytes);
        receiveLimit -= receivePosition;
        receivePosition = 0;
        receiveBytes = bigger;
        receive.wrap(bigger);
    }

    private void compactSendBuffer()
    {
        if (sendPosition > 0)
        {
            sendBytes.limit(sendLimit).position(sendPosition);
            sendBytes.compact();
            sendLimit -= sendPosition;
            sendPosition = 0;
        }
    }

    private void closeWith(final String reason)
    {
        if (!closed)
        {
            closed = true;
            if (closeReason == null)
            {
                closeReason = reason;
            }
            closeQuietly();
        }
    }

    /**
     * The most requests the client lets be in flight: {@link ClientContext#maxInFlight()} rounded up to a power
     * of two. Correlation ids in flight differ in their low bits, so {@code id & (window() - 1)} indexes an
     * array of that size without collisions (to keep a send time per request, say).
     */
    public int window()
    {
        return listeners.length;
    }

    /** Requests sent and not yet answered. */
    public int inFlight()
    {
        return inFlight;
    }

    /** True once the connection is closed (by either side). */
    public boolean isClosed()
    {
        return closed;
    }

    /** Why the connection closed (the server's error when it sent one), or null while open. */
    public String closeReason()
    {
        return closeReason;
    }

    /** The largest frame length the server accepts (AUTH_OK); a larger frame closes the connection. */
    public int serverMaxFrameLength()
    {
        return serverMaxFrameLength;
    }

    /** Requests the server reads ahead of its answers on this connection (AUTH_OK). */
    public int serverMaxInFlight()
    {
        return serverMaxInFlight;
    }

    /** Silence after which the server closes the connection; ping within it to stay connected. */
    public long serverIdleTimeoutMillis()
    {
        return serverIdleTimeoutMillis;
    }

    /** True when the key is an admin key. */
    public boolean isAdmin()
    {
        return admin;
    }

    /** The key's id, null for the bootstrap admin key. */
    public String keyId()
    {
        return keyId;
    }

    /** The partner a {@code pos} key is bound to; null for admin. */
    public String partnerId()
    {
        return partnerId;
    }

    /** Closes the connection; requests in flight are not answered. */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (closeReason == null)
            {
                closeReason = "closed by the client";
            }
        }
        closeQuietly();
    }

    private void closeQuietly()
    {
        try
        {
            if (selector != null)
            {
                selector.close();
            }
            channel.close();
        }
        catch (final IOException ignored)
        {
            // closing: nothing left to do
        }
    }

    private static String emptyToNull(final String s)
    {
        return s == null || s.isEmpty() ? null : s;
    }
}
