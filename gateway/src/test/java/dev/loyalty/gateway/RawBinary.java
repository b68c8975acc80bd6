package dev.loyalty.gateway;

import dev.loyalty.client.Answer;
import dev.loyalty.client.FrameEncoder;
import dev.loyalty.client.Protocol;
import dev.loyalty.client.Request;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-side: a plain socket to the binary port that sends exactly the bytes a test gives (whole frames, half
 * frames, garbage) and reads frames back one by one, to check answers byte for byte and that the server
 * closes the connection.
 */
final class RawBinary implements AutoCloseable
{
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final FrameEncoder encoder = new FrameEncoder();

    RawBinary(final int port)
    {
        try
        {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Connects and authenticates with {@code key}, checking the answer is AUTH_OK. */
    static RawBinary authenticated(final int port, final String key)
    {
        final RawBinary raw = new RawBinary(port);
        raw.send(auth(1, Protocol.VERSION, key));
        final Answer ok = raw.readAnswer();
        if (ok.type() != dev.loyalty.client.AnswerType.AUTH_OK)
        {
            throw new AssertionError("not authenticated: " + ok);
        }
        return raw;
    }

    Socket socket()
    {
        return socket;
    }

    void send(final byte[] bytes)
    {
        try
        {
            out.write(bytes);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Sends {@code request} as one frame with {@code correlationId}. */
    void send(final Request request, final long correlationId)
    {
        send(frame(request, correlationId));
    }

    byte[] frame(final Request request, final long correlationId)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(FrameEncoder.maxFrameLength(request));
        final int length = encoder.encode(request, correlationId, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** The next frame, without its length field (the correlation id first). */
    byte[] readFrame()
    {
        try
        {
            final int length = Integer.reverseBytes(in.readInt());
            final byte[] frame = new byte[length];
            in.readFully(frame);
            return frame;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next frame as an {@link Answer} over a copy of it. */
    Answer readAnswer()
    {
        final byte[] frame = readFrame();
        return new Answer().wrap(new UnsafeBuffer(frame), 0, frame.length);
    }

    /** True when the server has closed the connection (end of stream within the socket timeout). */
    boolean closedByServer()
    {
        try
        {
            return in.read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final SocketException ex)
        {
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads until the server closes; returns every byte it sent. */
    byte[] readToEnd()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        try
        {
            int n;
            while ((n = in.read(chunk)) >= 0)
            {
                bytes.write(chunk, 0, n);
            }
        }
        catch (final EOFException | SocketException ex)
        {
            return bytes.toByteArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** An AUTH frame, written field by field as docs/binary-protocol.md draws it. */
    static byte[] auth(final long correlationId, final int protocolVersion, final String key)
    {
        final byte[] k = key.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8 + 2 + 4 + k.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(8 + 8 + 2 + 4 + k.length).putLong(correlationId);
        b.putShort((short)2).putShort((short)Protocol.AUTH).putShort((short)1).putShort((short)0);
        b.putShort((short)protocolVersion).putInt(k.length).put(k);
        return b.array();
    }

    /**
     * The error frame the server must send, written field by field as docs/binary-protocol.md draws it: length,
     * correlation id, message header (block 7, template 222, schema 1, version 0), retryAfterMillis, httpStatus,
     * code, message, memberId.
     */
    static byte[] errorFrame(
        final long correlationId, final int wireCode, final int httpStatus, final int retryAfterMillis,
        final String message)
    {
        final byte[] m = message.getBytes(StandardCharsets.UTF_8);
        final int length = 8 + 8 + 7 + 4 + m.length + 4;
        final ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(correlationId);
        b.putShort((short)7).putShort((short)Protocol.ERROR).putShort((short)1).putShort((short)0);
        b.putInt(retryAfterMillis).putShort((short)httpStatus).put((byte)wireCode);
        b.putInt(m.length).put(m).putInt(0);
        return b.array();
    }

    /** A frame of the given template with {@code body} as its message body (any bytes). */
    static byte[] frame(
        final long correlationId, final int blockLength, final int templateId, final int schemaId, final byte[] body)
    {
        final ByteBuffer b = ByteBuffer.allocate(4 + 16 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16 + body.length).putLong(correlationId);
        b.putShort((short)blockLength).putShort((short)templateId).putShort((short)schemaId).putShort((short)0);
        b.put(body);
        return b.array();
    }

    /** The length field of {@code frame} set to {@code length} (other bytes kept). */
    static byte[] withLength(final byte[] frame, final long length)
    {
        final byte[] copy = frame.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int)length);
        return copy;
    }
}
