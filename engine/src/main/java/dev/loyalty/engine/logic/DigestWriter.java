package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Feeds a canonical, unambiguous rendering into SHA-256: every token is tagged, strings are length-prefixed.
 * Replies render into it through {@link ReplyWriter}, so stored answers are part of the digest.
 */
final class DigestWriter implements ReplyWriter
{
    private final MessageDigest sha256;
    private final byte[] longBytes = new byte[8];

    DigestWriter()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    DigestWriter tag(final char tag)
    {
        sha256.update((byte)tag);
        return this;
    }

    DigestWriter put(final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            longBytes[i] = (byte)(value >>> (56 - 8 * i));
        }
        sha256.update((byte)'J');
        sha256.update(longBytes);
        return this;
    }

    DigestWriter put(final boolean value)
    {
        sha256.update((byte)(value ? 'T' : 'F'));
        return this;
    }

    DigestWriter put(final String value)
    {
        if (value == null)
        {
            sha256.update((byte)'N');
            return this;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update((byte)'S');
        put(bytes.length);
        sha256.update(bytes);
        return this;
    }

    String hex()
    {
        final byte[] d = sha256.digest();
        final StringBuilder sb = new StringBuilder(d.length * 2);
        for (final byte b : d)
        {
            sb.append(Character.forDigit((b >>> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    public void startObject()
    {
        tag('{');
    }

    public void startObject(final String name)
    {
        put(name).tag('{');
    }

    public void endObject()
    {
        tag('}');
    }

    public void startArray(final String name)
    {
        put(name).tag('[');
    }

    public void endArray()
    {
        tag(']');
    }

    public void field(final String name, final long value)
    {
        put(name).put(value);
    }

    public void field(final String name, final String value)
    {
        put(name).put(value);
    }

    public void field(final String name, final boolean value)
    {
        put(name).put(value);
    }

    public void nullField(final String name)
    {
        put(name).tag('N');
    }

    public void value(final long value)
    {
        put(value);
    }

    public void value(final String value)
    {
        put(value);
    }
}
